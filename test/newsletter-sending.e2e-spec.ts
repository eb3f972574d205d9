import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Newsletter } from '../src/documents/newsletters/newsletter.entity';
import { MailBody, UNSUBSCRIBE_URL_SLOT } from '../src/mail/outbox/mail-body.entity';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createContacts, createManyContacts } from './support/mail';
import { headerValues, TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** Starts a draft for March 2026 with an editorial, publishes (and so sends) it. */
async function publishIssue(staff: Staff, editorial: string): Promise<number> {
  const created = await staff.api
    .post('/api/newsletters')
    .send({ from: '2026-03-01', to: '2026-03-31', editorial })
    .expect(201);
  const id = created.body.newsletter.id as number;
  await staff.api.post(`/api/newsletters/${id}/publish`).expect(200);
  return id;
}

describe('newsletter sending over SMTP: consent, List-Unsubscribe, visible link', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: '2026-04-02T08:00:00Z',
      env: { SMTP_URL: smtp.url, MAIL_UNSUBSCRIBE_ADDRESS: 'desabonnement@mde.test' },
    });
    staff = await createStaff(t);
    await createContacts(staff, [
      { name: 'Marie Lefèvre', email: 'marie@partenaire.test', consent: true },
      { name: 'Paul Martin', email: 'paul@partenaire.test', consent: false },
      { name: 'Zoé N’Diaye', email: 'zoe@partenaire.test', consent: true },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const tokenOf = (raw: string) => /\/u\/([A-Za-z0-9_-]{43})>/.exec(raw)![1];

  it('publishing sends the issue to consenting contacts only, each with their own unsubscribe link', async () => {
    const id = await publishIssue(staff, 'L’atelier CV coûte 5 € <gratuit>.');
    const pending = await staff.api.get(`/api/newsletters/${id}/delivery`).expect(200);
    expect(pending.body).toEqual({
      newsletterId: id,
      number: 1,
      group: `newsletter:${id}`,
      progress: { total: 2, pending: 2, sending: 0, sent: 0, failed: 0, cancelled: 0 },
    });

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(2);
    expect(smtp.copiesFor('paul@partenaire.test')).toHaveLength(0);
    const [received] = smtp.copiesFor('marie@partenaire.test');
    const token = tokenOf(received.raw);
    const url = `http://maillage.test/u/${token}`;
    expect(received.mail.subject).toBe('Lettre n° 1 — mars 2026');
    expect(received.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(headerValues(received.raw, 'List-Unsubscribe')).toEqual([
      `<${url}>, <mailto:desabonnement@mde.test?subject=unsubscribe%20${token}>`,
    ]);
    expect(headerValues(received.raw, 'List-Unsubscribe-Post')).toEqual([
      'List-Unsubscribe=One-Click',
    ]);
    // The visible link in both parts, the issue itself as published, user text escaped.
    expect(received.mail.html).toContain(`<a href="${url}"`);
    expect(received.mail.html).toContain('Se désabonner</a>');
    expect(received.mail.html).toContain('coûte 5 € &lt;gratuit&gt;.');
    expect(received.mail.html).not.toContain('PLACEHOLDER');
    expect(received.mail.text).toContain('L’atelier CV coûte 5 € <gratuit>.');
    expect(received.mail.text).toContain(`Se désabonner : ${url}`);
    expect(received.mail.text).toContain(
      'Voir ce document en ligne : http://maillage.test/portal/newsletters/1',
    );
    const [zoe] = smtp.copiesFor('zoe@partenaire.test');
    expect(tokenOf(zoe.raw)).not.toBe(token);

    // The archived issue (API and public page) carries no unsubscribe link.
    const stored = await t.dataSource.getRepository(Newsletter).findOneByOrFail({ id });
    for (const document of [stored.html, stored.text, stored.webHtml]) {
      expect(document).not.toContain('/u/');
      expect(document).not.toContain('Se désabonner');
    }
    const web = await staff.api.get('/newsletters/1').expect(200);
    expect(web.text).not.toContain('Se désabonner');

    const sent = await staff.api.get(`/api/newsletters/${id}/delivery`).expect(200);
    expect(sent.body.progress).toMatchObject({ total: 2, sent: 2, pending: 0, failed: 0 });
  });

  it('after unsubscribing, the contact does not receive the next issue', async () => {
    const [first] = smtp.copiesFor('marie@partenaire.test');
    await request(t.http)
      .post(`/u/${tokenOf(first.raw)}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    const id = await publishIssue(staff, 'Deuxième numéro');
    const queued = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: `newsletter:${id}` });
    expect(queued.map((m) => m.recipientEmail)).toEqual(['zoe@partenaire.test']);
    await t.app.get(MailDispatcher).drainOnce();
    expect(smtp.copiesFor('marie@partenaire.test')).toHaveLength(1);
    expect(smtp.copiesFor('zoe@partenaire.test').map((r) => r.mail.subject)).toEqual([
      'Lettre n° 1 — mars 2026',
      'Lettre n° 2 — mars 2026',
    ]);
  });

  it('answers 404 for the delivery of an unknown newsletter, and a draft has nothing queued', async () => {
    await staff.api.get('/api/newsletters/9999/delivery').expect(404);
    const draft = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-04-01', to: '2026-04-30' })
      .expect(201);
    const delivery = await staff.api
      .get(`/api/newsletters/${draft.body.newsletter.id}/delivery`)
      .expect(200);
    expect(delivery.body).toMatchObject({ number: null, progress: { total: 0 } });
  });
});

describe('newsletter sending to 1,000 contacts without SMTP (.eml)', () => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-02T08:00:00Z' });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('enqueues one message per consenting contact, reports progress, then shows them sent', async () => {
    await createManyContacts(t, 1000);
    await createManyContacts(t, 40, false);
    const id = await publishIssue(staff, 'Édition spéciale');

    const queued = await staff.api.get(`/api/newsletters/${id}/delivery`).expect(200);
    expect(queued.body.progress).toEqual({
      total: 1000,
      pending: 1000,
      sending: 0,
      sent: 0,
      failed: 0,
      cancelled: 0,
    });
    const messages = t.dataSource.getRepository(OutboxMessage);
    expect(await messages.countBy({ groupRef: `newsletter:${id}`, bulk: true })).toBe(1000);
    // The issue is stored once; each message holds only its recipient's unsubscribe link.
    const queuedRows = await messages.findBy({ groupRef: `newsletter:${id}` });
    expect(new Set(queuedRows.map((m) => m.bodyId)).size).toBe(1);
    expect(queuedRows.every((m) => m.html === null && m.text === null)).toBe(true);
    expect(await t.dataSource.getRepository(MailBody).count()).toBe(1);
    const body = await t.dataSource
      .getRepository(MailBody)
      .findOneByOrFail({ id: queuedRows[0].bodyId! });
    expect(body.html).toContain(`href="${UNSUBSCRIBE_URL_SLOT}"`);
    expect(body.text).toContain(`Se désabonner : ${UNSUBSCRIBE_URL_SLOT}`);

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(1000);
    const sent = await staff.api.get(`/api/newsletters/${id}/delivery`).expect(200);
    expect(sent.body.progress).toMatchObject({ total: 1000, sent: 1000, pending: 0, failed: 0 });
    const files = readdirSync(t.config.outboxDir);
    expect(files).toHaveLength(1000);
    // Each kept message carries its own link, in both parts.
    const last = queuedRows.at(-1)!;
    const eml = readFileSync(
      join(t.config.outboxDir, `${String(last.id).padStart(6, '0')}-newsletter.eml`),
      'utf8',
    ).replace(/=\r?\n/g, '');
    expect(eml.split(last.unsubscribeUrl!).length - 1).toBe(3); // List-Unsubscribe, text, HTML
    expect(eml).not.toContain(UNSUBSCRIBE_URL_SLOT);
  }, 120_000);
});
