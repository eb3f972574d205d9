import { Transactions } from '../src/database/transactions';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { MailOutbox } from '../src/mail/outbox/mail-outbox.service';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { aMessage, enqueue } from './support/mail';
import { headerValues, TestSmtpServer } from './support/smtp';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Réunion « Emploi »\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

describe('mail delivery over SMTP', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let dispatcher: MailDispatcher;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Maison de l’Emploi <ne-pas-repondre@mde.test>',
        MAIL_REPLY_TO: 'Équipe ADL <adl@mde.test>',
      },
    });
    dispatcher = t.app.get(MailDispatcher);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const row = (id: number) => t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });

  it('sends multipart text + HTML with French text encoded, From, Reply-To, Message-ID and the .ics', async () => {
    const [id] = await enqueue(
      t,
      aMessage({
        idempotencyKey: 'invitation:41:helene@partenaire.test',
        to: { email: 'helene@partenaire.test', name: 'Hélène Dupré' },
        subject: 'Invitation : réunion « Emploi & insertion » — 12 €',
        text: 'Bonjour Hélène,\nVous êtes invitée à la réunion du 12 mars. Coût : 12 €.',
        html: '<p>Bonjour Hélène,</p><p>Vous êtes invitée à la réunion « Emploi ». Coût : 12 €.</p>',
        attachments: [
          { filename: 'réunion.ics', contentType: 'text/calendar; method=REQUEST', content: ICS },
          {
            filename: 'logo.png',
            contentType: 'image/png',
            content: 'iVBORw0KGgo=',
            encoding: 'base64',
          },
        ],
      }),
    );
    expect(await dispatcher.drainOnce()).toBe(1);

    const [received] = smtp.copiesFor('helene@partenaire.test');
    const mail = received.mail;
    expect(mail.subject).toBe('Invitation : réunion « Emploi & insertion » — 12 €');
    expect(received.raw).toMatch(/^Subject: =\?UTF-8\?/m); // encoded words, not raw 8-bit
    expect(mail.from?.value).toEqual([
      { name: 'Maison de l’Emploi', address: 'ne-pas-repondre@mde.test' },
    ]);
    expect(mail.replyTo?.value).toEqual([{ name: 'Équipe ADL', address: 'adl@mde.test' }]);
    expect(mail.to).toMatchObject({
      value: [{ name: 'Hélène Dupré', address: 'helene@partenaire.test' }],
    });
    expect(mail.text).toContain('Vous êtes invitée à la réunion du 12 mars. Coût : 12 €.');
    expect(mail.html).toContain('<p>Vous êtes invitée à la réunion « Emploi ». Coût : 12 €.</p>');
    expect(received.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(mail.headers.get('list-unsubscribe')).toBeUndefined();

    const saved = await row(id);
    expect(mail.messageId).toBe(saved.messageId);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['réunion.ics', 'text/calendar'],
      ['logo.png', 'image/png'],
    ]);
    expect(mail.attachments[0].content.toString('utf8')).toBe(ICS);
    expect(mail.attachments[1].content.toString('base64')).toBe('iVBORw0KGgo=');
    expect(saved).toMatchObject({
      status: 'sent',
      transport: 'smtp',
      attempts: 1,
      claimToken: null,
    });
    expect(saved.sentAt?.toISOString()).toBe(t.clock.now().toISOString());

    // Sent is final: another round sends nothing.
    expect(await dispatcher.drainOnce()).toBe(0);
    expect(smtp.copiesFor('helene@partenaire.test')).toHaveLength(1);
  });

  it('marks bulk messages with List-Unsubscribe (https and mailto) and one-click List-Unsubscribe-Post', async () => {
    await enqueue(
      t,
      aMessage({
        purpose: 'newsletter',
        idempotencyKey: 'newsletter:3:lea@partenaire.test',
        to: { email: 'lea@partenaire.test', name: 'Léa' },
        bulk: true,
        unsubscribe: {
          url: 'http://maillage.test/u/abcDEF123',
          mailto: 'mailto:adl@mde.test?subject=unsubscribe%20abcDEF123',
        },
        group: 'newsletter:3',
      }),
    );
    await dispatcher.drainOnce();
    const [received] = smtp.copiesFor('lea@partenaire.test');
    expect(headerValues(received.raw, 'List-Unsubscribe')).toEqual([
      '<http://maillage.test/u/abcDEF123>, <mailto:adl@mde.test?subject=unsubscribe%20abcDEF123>',
    ]);
    expect(headerValues(received.raw, 'List-Unsubscribe-Post')).toEqual([
      'List-Unsubscribe=One-Click',
    ]);
    expect(headerValues(received.raw, 'Message-ID')).toEqual([
      t.app.get(MailOutbox).messageIdFor('newsletter:3:lea@partenaire.test', 'newsletter'),
    ]);
  });

  it('retries a temporary refusal (4xx) with exponential backoff, then delivers once', async () => {
    smtp.refuseNext.push(
      { code: 451, message: 'Greylisted, try again later' },
      { code: 421, message: 'Too busy' },
    );
    const [id] = await enqueue(t, aMessage({ to: { email: 'greylist@partenaire.test' } }));
    const start = t.clock.now().getTime();

    await dispatcher.drainOnce();
    let saved = await row(id);
    expect(saved).toMatchObject({ status: 'pending', attempts: 1 });
    expect(saved.lastError).toContain('451');
    expect(saved.nextAttemptAt.getTime()).toBe(start + 60_000);

    expect(await dispatcher.drainOnce()).toBe(0); // not due yet
    t.clock.advanceMs(60_000);
    await dispatcher.drainOnce();
    saved = await row(id);
    expect(saved).toMatchObject({ status: 'pending', attempts: 2 });
    expect(saved.nextAttemptAt.getTime()).toBe(start + 60_000 + 120_000); // doubled

    t.clock.advanceMs(120_000);
    await dispatcher.drainOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.copiesFor('greylist@partenaire.test')).toHaveLength(1);
  });

  it('gives up after MAIL_MAX_ATTEMPTS temporary failures, with the reason', async () => {
    const [id] = await enqueue(t, aMessage({ to: { email: 'busy@partenaire.test' } }));
    smtp.refuseRecipients.set('busy@partenaire.test', { code: 452, message: 'Mailbox full' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await dispatcher.drainOnce();
      expect(await row(id)).toMatchObject({ attempts: attempt });
      t.clock.advanceDays(1);
    }
    const saved = await row(id);
    expect(saved.status).toBe('failed');
    expect(saved.lastError).toMatch(/452.*Mailbox full/);
    await dispatcher.drainOnce();
    expect((await row(id)).attempts).toBe(5);
  });

  it('fails a permanent refusal (5xx) at once; a staff retry sends it again', async () => {
    smtp.refuseRecipients.set('inconnu@partenaire.test', { code: 550, message: 'No such user' });
    const [id] = await enqueue(t, aMessage({ to: { email: 'inconnu@partenaire.test' } }));
    await dispatcher.drainOnce();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/550.*No such user/);

    smtp.refuseRecipients.delete('inconnu@partenaire.test');
    const staff = await createStaff(t);
    const retried = await staff.api.post(`/api/outbox/${id}/retry`).expect(201);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0 });
    await staff.api.post(`/api/outbox/${id}/retry`).expect(409);

    await dispatcher.drainOnce();
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.copiesFor('inconnu@partenaire.test')).toHaveLength(1);
  });

  it('retries when the SMTP server cannot be reached', async () => {
    const other = await createTestApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
    try {
      const [id] = await enqueue(other, aMessage());
      await other.app.get(MailDispatcher).drainOnce();
      const saved = await other.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id });
      expect(saved).toMatchObject({ status: 'pending', attempts: 1 });
      expect(saved.lastError).toMatch(/ECONNECTION|ECONNREFUSED/);
    } finally {
      await other.close();
    }
  });

  it('delivers in the background when MAIL_DISPATCHER is on, and stops with the app', async () => {
    const other = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_DISPATCHER: 'true', MAIL_POLL_SECONDS: '1' },
    });
    try {
      await enqueue(other, aMessage({ to: { email: 'auto@partenaire.test' } }));
      await smtp.waitFor(() => smtp.copiesFor('auto@partenaire.test').length === 1);
    } finally {
      await other.close();
    }
  });

  it('sends committed mail at once, without waiting for the next poll; rolled-back mail never', async () => {
    const other = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_DISPATCHER: 'true', MAIL_POLL_SECONDS: '3600' },
    });
    try {
      const outbox = other.app.get(MailOutbox);
      const refused = other.app.get(Transactions).run(async (manager) => {
        await outbox.enqueue(manager, aMessage({ to: { email: 'annule@partenaire.test' } }));
        throw new Error('the change is refused after its mail was enqueued');
      });
      await expect(refused).rejects.toThrow('refused');
      await enqueue(other, aMessage({ to: { email: 'aussitot@partenaire.test' } }));
      // The poll is an hour away: only the commit's signal can have sent it.
      await smtp.waitFor(() => smtp.copiesFor('aussitot@partenaire.test').length === 1, 5_000);
      expect(smtp.copiesFor('annule@partenaire.test')).toHaveLength(0);
      expect(
        await other.dataSource.getRepository(OutboxMessage).countBy({
          recipientEmail: 'annule@partenaire.test',
        }),
      ).toBe(0);
    } finally {
      await other.close();
    }
  });
});
