import { Transactions } from '../src/database/transactions';
import { MailOutbox } from '../src/mail/mail-outbox.service';
import { OutboxMessage } from '../src/mail/outbox-message';
import { aMessage, enqueue } from './support/mail';
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
