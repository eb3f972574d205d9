import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Transactions } from '../src/database/transactions';
import { UNSUBSCRIBE_URL_SLOT } from '../src/mail/outbox/mail-body.entity';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { MailTemplates } from '../src/mail/delivery/mail-templates';
import { NewsletterAudience } from '../src/mail/newsletter/newsletter-audience';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { Contact } from '../src/partners/contacts/contact.entity';
import type { ContactResponse } from '../src/partners/partner.mapper';
import { createContacts } from './support/mail';
import { headerValues, TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('newsletter audience, unsubscribe and resubscribe', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let marie: ContactResponse;
  let paul: ContactResponse;
  let zoe: ContactResponse;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_UNSUBSCRIBE_ADDRESS: 'desabonnement@mde.test' },
    });
    staff = await createStaff(t);
    [marie, paul, zoe] = await createContacts(staff, [
      { name: 'Marie Lefèvre', email: 'marie@partenaire.test', consent: true },
      { name: 'Paul Martin', email: 'paul@partenaire.test', consent: false },
      { name: 'Zoé N’Diaye', email: 'zoe@partenaire.test', consent: true },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Enqueues newsletter n to the audience, as the newsletter feature does: one shared body. */
  const sendNewsletter = (n: number) => {
    const templates = t.app.get(MailTemplates);
    return t.app.get(Transactions).run((manager) =>
      t.app.get(NewsletterAudience).enqueue(manager, {
        subjectId: n,
        group: `newsletter:${n}`,
        content: {
          subject: `Lettre d’information n°${n} — « Emploi & insertion »`,
          ...templates.render(
            'notice',
            {
              title: `Lettre n°${n}`,
              greeting: 'Bonjour,',
              paragraphs: ['Les actualités du réseau : l’atelier CV coûte 5 € <gratuit>.'],
            },
            { unsubscribeUrl: UNSUBSCRIBE_URL_SLOT },
          ),
        },
      }),
    );
  };
  const tokenOf = (email: string) => {
    const received = smtp.copiesFor(email).at(-1)!;
    return /\/u\/([A-Za-z0-9_-]{43})>/.exec(received.raw)![1];
  };
  const contact = (id: number) => t.dataSource.getRepository(Contact).findOneByOrFail({ id });

  it('sends the newsletter only to consenting contacts, with List-Unsubscribe and a visible link', async () => {
    expect(await sendNewsletter(1)).toEqual({ recipients: 2, created: 2 });
    expect(await sendNewsletter(1)).toEqual({ recipients: 2, created: 0 }); // idempotent
    const progress = await staff.api.get('/api/outbox/progress?group=newsletter:1').expect(200);
    expect(progress.body).toMatchObject({ total: 2, pending: 2, sent: 0, failed: 0 });

    await t.app.get(MailDispatcher).drainOnce();
    expect(smtp.copiesFor('paul@partenaire.test')).toHaveLength(0);
    const [received] = smtp.copiesFor('marie@partenaire.test');
    const token = tokenOf('marie@partenaire.test');
    expect(headerValues(received.raw, 'List-Unsubscribe')).toEqual([
      `<http://maillage.test/u/${token}>, <mailto:desabonnement@mde.test?subject=unsubscribe%20${token}>`,
    ]);
    expect(headerValues(received.raw, 'List-Unsubscribe-Post')).toEqual([
      'List-Unsubscribe=One-Click',
    ]);
    expect(received.mail.subject).toBe('Lettre d’information n°1 — « Emploi & insertion »');
    // HTML: CSS inlined, user text escaped, the unsubscribe link visible.
    expect(received.mail.html).toMatch(/<p style="[^"]+">Bonjour,<\/p>/);
    expect(received.mail.html).toContain('coûte 5 € &lt;gratuit&gt;.');
    expect(received.mail.html).toContain(`<a href="http://maillage.test/u/${token}"`);
    expect(received.mail.html).not.toContain('<style>');
    // Text: the same words, unescaped, and the link.
    expect(received.mail.text).toContain(
      'Les actualités du réseau : l’atelier CV coûte 5 € <gratuit>.',
    );
    expect(received.mail.text).toContain(`Se désabonner : http://maillage.test/u/${token}`);
    expect(received.mail.text).not.toMatch(/&#x27;|&amp;|&lt;/);

    expect((await staff.api.get('/api/outbox/progress?group=newsletter:1')).body).toMatchObject({
      total: 2,
      sent: 2,
      pending: 0,
    });
    expect(token).not.toBe(tokenOf('zoe@partenaire.test'));
  });

  it('shows a French confirmation page on GET, and changes nothing', async () => {
    const token = tokenOf('marie@partenaire.test');
    const page = await request(t.http).get(`/u/${token}`).set('Accept', 'text/html').expect(200);
    // A personal link: never cached, never sent on as a referrer.
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Abonnement de Marie Lefèvre (marie@partenaire.test)');
    expect(page.text).toContain('Me désabonner');
    expect(page.text).toContain(`action="/u/${token}"`);
    expect((await contact(marie.id)).newsletterConsent).toBe(true);
  });

  it('unsubscribes with the RFC 8058 one-click POST, without a session; the next newsletter skips the contact', async () => {
    const token = tokenOf('marie@partenaire.test');
    t.clock.advanceDays(2);
    await request(t.http)
      .post(`/u/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    const after = await contact(marie.id);
    expect(after).toMatchObject({
      newsletterConsent: false,
      newsletterConsentSource: 'unsubscribe link',
    });
    expect(after.newsletterConsentAt?.toISOString()).toBe(t.clock.now().toISOString());
    // The consent history keeps the opt-out, its source and who recorded it (the link).
    const history = await staff.api.get(`/api/contacts/${marie.id}/consents`).expect(200);
    expect(history.body[0]).toEqual({
      topic: 'newsletter',
      granted: false,
      at: t.clock.now().toISOString(),
      source: 'unsubscribe link',
      recordedBy: 'unsubscribe link',
    });
    const trail = await t.dataSource
      .getRepository(AuditEntry)
      .findBy({ entityType: 'contact', entityId: String(marie.id), action: 'update' });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorLabel: 'unsubscribe link', action: 'update' });
    expect(trail[0].changes.newsletterConsent).toEqual({ before: true, after: false });

    expect(await sendNewsletter(2)).toEqual({ recipients: 1, created: 1 });
    const queued = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: 'newsletter:2' });
    expect(queued.map((m) => m.recipientEmail)).toEqual(['zoe@partenaire.test']);

    // Posting again is harmless.
    await request(t.http)
      .post(`/u/${token}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect((await contact(marie.id)).newsletterConsentAt?.toISOString()).toBe(
      t.clock.now().toISOString(),
    );
  });

  it('cancels the bulk mail still waiting for a contact who unsubscribes through the page', async () => {
    await sendNewsletter(3); // zoe only, not sent yet
    const page = await request(t.http)
      .post(`/u/${tokenOf('zoe@partenaire.test')}`)
      .type('form')
      .send({ action: 'unsubscribe' })
      .expect(200);
    expect(page.text).toContain('vous ne recevrez plus la lettre d’information');
    expect(page.text).toContain('Me réabonner');
    const progress = await staff.api.get('/api/outbox/progress?group=newsletter:3').expect(200);
    expect(progress.body).toMatchObject({ total: 1, cancelled: 1, pending: 0 });
    await t.app.get(MailDispatcher).drainOnce();
    expect(smtp.copiesFor('zoe@partenaire.test')).toHaveLength(1); // newsletter 1 only
    expect((await contact(zoe.id)).newsletterConsent).toBe(false);
  });

  it('lets the contact resubscribe from the same page', async () => {
    const token = tokenOf('marie@partenaire.test');
    const page = await request(t.http)
      .post(`/u/${token}`)
      .type('form')
      .send({ action: 'resubscribe' })
      .expect(200);
    expect(page.text).toContain('Vous recevrez de nouveau la lettre d’information.');
    expect(await contact(marie.id)).toMatchObject({
      newsletterConsent: true,
      newsletterConsentSource: 'unsubscribe page (resubscribed)',
    });
    expect(await sendNewsletter(4)).toEqual({ recipients: 1, created: 1 });
    expect(paul.newsletterConsent).toBe(false);
  });

  it('answers 404 to an unknown or malformed token', async () => {
    await request(t.http)
      .get(`/u/${'A'.repeat(43)}`)
      .set('Accept', 'text/html')
      .expect(404);
    await request(t.http)
      .post('/u/nope')
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
  });
});
