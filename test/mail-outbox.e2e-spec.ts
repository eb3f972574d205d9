import { simpleParser } from 'mailparser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Transactions } from '../src/database/transactions';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { MailOutbox } from '../src/mail/outbox/mail-outbox.service';
import { MailPersonalData } from '../src/mail/outbox/mail-personal-data';
import { NewsletterAudience } from '../src/mail/newsletter/newsletter-audience';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { aMessage, createManyContacts, enqueue } from './support/mail';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('mail outbox: enqueue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const rows = () => t.dataSource.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });

  it('stores a pending message with its Message-ID derived from the idempotency key', async () => {
    const [id] = await enqueue(
      t,
      aMessage({
        idempotencyKey: 'invitation:1:a@b.test',
        to: { email: 'a@b.test', name: 'Anaïs' },
        attachments: [{ filename: 'reunion.ics', contentType: 'text/calendar', content: 'X' }],
      }),
    );
    const row = await t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 0,
      recipientEmail: 'a@b.test',
      recipientName: 'Anaïs',
      subject: 'Réunion de coordination « Emploi » — 12 €',
      attachments: [{ filename: 'reunion.ics', contentType: 'text/calendar', content: 'X' }],
    });
    expect(row.messageId).toMatch(/^<[0-9a-f]{40}\.invitation@maillage\.test>$/);
    expect(row.nextAttemptAt.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('keeps one message when the same idempotency key is enqueued twice, even in one transaction', async () => {
    const before = (await rows()).length;
    const message = aMessage({ idempotencyKey: 'minutes:7:x@y.test' });
    const [first] = await enqueue(t, message);
    const outbox = t.app.get(MailOutbox);
    const again = await t.app.get(Transactions).run(async (manager) => {
      const a = await outbox.enqueue(manager, { ...message, subject: 'autre' });
      const b = await outbox.enqueueMany(manager, [message, message]);
      return { a, b };
    });
    expect(again.a).toEqual({ id: first, created: false });
    expect(again.b).toBe(0);
    expect((await rows()).length).toBe(before + 1);
  });

  it('keeps one message when two transactions enqueue the same key at once', async () => {
    const message = aMessage({ idempotencyKey: 'digest:2026-03-02:coord@agency.test' });
    const outbox = t.app.get(MailOutbox);
    const results = await Promise.all(
      [1, 2].map(() =>
        t.app.get(Transactions).run(async (manager) => {
          const result = await outbox.enqueue(manager, message);
          // Hold the transaction open a little so the two overlap on PostgreSQL.
          await manager.query('SELECT 1');
          return result;
        }),
      ),
    );
    expect(results[0].id).toBe(results[1].id);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stored = await t.dataSource
      .getRepository(OutboxMessage)
      .countBy({ idempotencyKey: 'digest:2026-03-02:coord@agency.test' });
    expect(stored).toBe(1);
  });

  it('leaves nothing when the caller’s transaction rolls back', async () => {
    const before = (await rows()).length;
    const outbox = t.app.get(MailOutbox);
    await expect(
      t.app.get(Transactions).run(async (manager) => {
        await outbox.enqueue(manager, aMessage());
        await outbox.enqueueMany(manager, [aMessage(), aMessage()]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await rows()).length).toBe(before);
  });

  it('refuses a bulk message without its unsubscribe link', async () => {
    await expect(enqueue(t, aMessage({ bulk: true }))).rejects.toThrow(/unsubscribe/);
  });
});

describe('mail outbox without SMTP: .eml files, API and staff page', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('keeps messages as .eml files under DATA_DIR/outbox and marks them sent', async () => {
    const [id] = await enqueue(
      t,
      aMessage({
        purpose: 'portal-link',
        to: { email: 'eloise@partenaire.test', name: 'Éloïse' },
        attachments: [
          { filename: 'reunion.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' },
        ],
      }),
    );
    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(1);
    const row = await t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });
    expect(row).toMatchObject({ status: 'sent', transport: 'file' });

    const files = readdirSync(t.config.outboxDir);
    expect(files).toEqual([`${String(id).padStart(6, '0')}-portal-link.eml`]);
    const mail = await simpleParser(readFileSync(join(t.config.outboxDir, files[0])));
    expect(mail.subject).toBe('Réunion de coordination « Emploi » — 12 €');
    expect(mail.messageId).toBe(row.messageId);
    expect(mail.from?.value).toEqual([{ name: 'Maillage', address: 'no-reply@maillage.test' }]);
    expect(mail.text).toContain('Coût : 12 €.');
    expect(mail.attachments[0].filename).toBe('reunion.ics');
  });

  it('lists the outbox by status, paginated, for staff only', async () => {
    await enqueue(t, aMessage(), aMessage(), aMessage());
    await request(t.http).get('/api/outbox').expect(401);
    const pending = await staff.api.get('/api/outbox?status=pending&pageSize=2').expect(200);
    expect(pending.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(pending.body.items).toHaveLength(2);
    expect(pending.body.items[0]).toMatchObject({
      status: 'pending',
      purpose: 'invitation',
      subject: 'Réunion de coordination « Emploi » — 12 €',
    });
    expect(pending.body.items[0].html).toBeUndefined();
    const sent = await staff.api.get('/api/outbox?status=sent').expect(200);
    expect(sent.body.items.map((m: { transport: string }) => m.transport)).toEqual(['file']);
    await staff.api.get('/api/outbox?status=lost').expect(400);
    await staff.api.get('/api/outbox/progress').expect(400);
    await staff.api.get('/api/outbox/99999').expect(404);
    await staff.api.post('/api/outbox/99999/retry').expect(404);
  });

  it('shows the staff page in French', async () => {
    const page = await staff.api.get('/outbox').set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<h1>Messages envoyés</h1>');
    expect(page.text).toContain('Conservé (.eml)');
    expect(page.text).toContain('En attente');
    expect(page.text).toContain('eloise@partenaire.test');
    // The kind of mail by its French name, never the stored code.
    expect(page.text).toContain('<td>Invitation</td>');
    expect(page.text).not.toMatch(/<td>(invitation|newsletter|minutes|digest)<\/td>/);
    const failedOnly = await staff.api.get('/outbox?status=failed').set('Accept', 'text/html');
    expect(failedOnly.text).toContain('Aucun message.');
  });

  it('refuses to retry a message that did not fail: in French on the page, in English for the API', async () => {
    const [waiting] = (await staff.api.get('/api/outbox?status=pending').expect(200)).body.items;
    const page = await staff.api
      .post(`/outbox/${waiting.id}/retry`)
      .set('Accept', 'text/html')
      .expect(409);
    expect(page.text).toContain(
      'Seul un message en échec peut être renvoyé (celui-ci : En attente).',
    );
    const api = await staff.api.post(`/api/outbox/${waiting.id}/retry`).expect(409);
    expect(api.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'errors.outbox.retryNotFailed',
      message: 'Seul un message en échec peut être renvoyé (celui-ci : En attente).',
    });
  });

  it('enqueues a newsletter to 1,000 consenting contacts in a constant number of statements, and reports its progress', async () => {
    await createManyContacts(t, 1000);
    await createManyContacts(t, 50, false);
    const content = { subject: 'Lettre n°9', html: '<p>Actualités</p>', text: 'Actualités' };
    const before = t.queries.total;
    const result = await t.app
      .get(Transactions)
      .run((manager) =>
        t.app
          .get(NewsletterAudience)
          .enqueue(manager, { subjectId: 9, group: 'newsletter:9', content }),
      );
    expect(result).toEqual({ recipients: 1000, created: 1000 });
    expect(t.queries.total - before).toBeLessThan(40);

    const outbox = t.app.get(MailOutbox);
    expect(await outbox.progress('newsletter:9')).toMatchObject({ total: 1000, pending: 1000 });
    expect(await t.app.get(MailDispatcher).drainOnce()).toBeGreaterThanOrEqual(1000); // all kept as .eml
    expect(await outbox.progress('newsletter:9')).toMatchObject({
      total: 1000,
      sent: 1000,
      pending: 0,
    });
    const progress = await staff.api.get('/api/outbox/progress?group=newsletter:9').expect(200);
    expect(progress.body).toEqual({
      total: 1000,
      pending: 0,
      sending: 0,
      sent: 1000,
      failed: 0,
      cancelled: 0,
    });
  }, 120_000);
});

describe('mail kept without SMTP, when a person is erased', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('deletes the kept copies of mails to an erased person, or naming them, once erased', async () => {
    const [toHer, namingHer, other] = await enqueue(
      t,
      aMessage({ to: { email: 'ines.roy@partenaire.test', name: 'Inès Roy' } }),
      aMessage({ html: '<p>Présente : Inès Roy.</p>', text: 'Présente : Inès Roy.' }),
      aMessage(),
    );
    await t.app.get(MailDispatcher).drainOnce();
    const file = (id: number) => `${String(id).padStart(6, '0')}-invitation.eml`;
    expect(readdirSync(t.config.outboxDir)).toEqual(
      expect.arrayContaining([file(toHer), file(namingHer), file(other)]),
    );
    await t.app.get(Transactions).run((manager) =>
      t.app.get(MailPersonalData).eraseIn(manager, {
        contactId: 999_999,
        emailKey: 'ines.roy@partenaire.test',
        label: 'Contact supprimé',
        replacements: [
          ['ines.roy@partenaire.test', 'contact-999999@erased.invalid'],
          ['Inès Roy', 'Contact supprimé'],
        ],
        now: new Date(),
      }),
    );
    const left = readdirSync(t.config.outboxDir);
    expect(left).not.toContain(file(toHer));
    expect(left).not.toContain(file(namingHer));
    expect(left).toContain(file(other));
  });
});
