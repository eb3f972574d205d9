import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { aMessage, enqueue } from './support/mail';
import { TestSmtpServer } from './support/smtp';
import { createTestApp, TestApp } from './support/test-app';

const recipients = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}@partenaire.test`);

describe('mail delivery: crashes, shutdowns and two dispatchers', () => {
  let smtp: TestSmtpServer;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    // One connection: the tests below follow one message after the other (two lanes: last test).
    const env = {
      SMTP_URL: smtp.url,
      MAIL_BATCH_SIZE: '4',
      MAIL_CLAIM_TIMEOUT_SECONDS: '300',
      MAIL_CONNECTIONS: '1',
    };
    first = await createTestApp({ env });
    // A second app instance on the same database (two servers behind a load balancer).
    second = await createTestApp({ env, databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    smtp.releaseHeld();
    await second.close();
    await first.close();
    await smtp.stop();
  }, 30_000);

  const statuses = async (emails: string[]) => {
    const rows = await second.dataSource
      .getRepository(OutboxMessage)
      .find({ order: { id: 'ASC' } });
    return rows.filter((r) => emails.includes(r.recipientEmail));
  };
  const expectOneCopyEach = (emails: string[]) => {
    for (const email of emails) expect([email, smtp.copiesFor(email).length]).toEqual([email, 1]);
  };

  it('never sends a message twice when two dispatchers drain at the same time', async () => {
    const emails = recipients('concurrent', 30);
    await enqueue(first, ...emails.map((email) => aMessage({ to: { email } })));

    const handled = await Promise.all([
      first.app.get(MailDispatcher).drainOnce(),
      second.app.get(MailDispatcher).drainOnce(),
      first.app.get(MailDispatcher).drainOnce(),
      second.app.get(MailDispatcher).drainOnce(),
    ]);

    expect(handled.reduce((a, b) => a + b, 0)).toBe(30);
    expect(handled.filter((n) => n > 0).length).toBeGreaterThan(1); // the work was shared
    expectOneCopyEach(emails);
    expect((await statuses(emails)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(
      true,
    );
  });

  it('on shutdown, finishes the message in hand and puts the rest of its batch back', async () => {
    const emails = recipients('shutdown', 4);
    await enqueue(first, ...emails.map((email) => aMessage({ to: { email } })));
    smtp.hangFor.add(emails[1]);
    const held = new Promise<void>((resolve) => (smtp.onHang = () => resolve()));
    const dispatcher = first.app.get(MailDispatcher);
    const draining = dispatcher.drainOnce();
    await held;

    const stopped = dispatcher.stop();
    smtp.releaseHeld(); // the message in hand gets its answer: 451, try later
    await stopped;
    await draining;

    const rows = await statuses(emails);
    expect(rows.map((r) => [r.status, r.attempts, r.claimToken])).toEqual([
      ['sent', 1, null],
      ['pending', 1, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);

    smtp.hangFor.clear();
    first.clock.advanceMs(60_000);
    await dispatcher.drainOnce();
    expectOneCopyEach(emails);
  });

  it('after a crash mid-batch, another instance takes the claimed messages back: each recipient gets one copy', async () => {
    const emails = recipients('crash', 10);
    await enqueue(first, ...emails.map((email) => aMessage({ to: { email } })));
    smtp.hangFor.add(emails[5]);
    const held = new Promise<void>((resolve) => (smtp.onHang = () => resolve()));
    const crashed = first.app
      .get(MailDispatcher)
      .drainOnce()
      .catch((error: Error) => error);
    await held;

    // The process dies here: it will never write to the database again.
    await first.dataSource.destroy();
    expect(emails.map((e) => smtp.copiesFor(e).length)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    let rows = await statuses(emails);
    expect(rows.map((r) => r.status)).toEqual([
      ...Array(5).fill('sent'),
      ...Array(3).fill('sending'), // the rest of the batch it had claimed when it died
      ...Array(2).fill('pending'),
    ]);

    // Restarted: claims younger than MAIL_CLAIM_TIMEOUT_SECONDS still belong to the dead sender.
    smtp.hangFor.clear();
    const dispatcher = second.app.get(MailDispatcher);
    second.clock.set(first.clock.now());
    await dispatcher.drainOnce();
    expect((await statuses(emails)).filter((r) => r.status === 'sending')).toHaveLength(3);

    second.clock.advanceMs(301_000);
    await dispatcher.drainOnce();
    smtp.releaseHeld(); // the dead sender's connection finally fails: that copy was never accepted
    expect(await crashed).toBeInstanceOf(Error);

    expectOneCopyEach(emails);
    rows = await statuses(emails);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows[5].attempts).toBe(2); // claimed twice, sent once
  });

  it('gives up on a message whose sender keeps dying while sending it', async () => {
    const [id] = await enqueue(second, aMessage({ to: { email: 'poison@partenaire.test' } }));
    const repository = second.dataSource.getRepository(OutboxMessage);
    // As left by MAIL_MAX_ATTEMPTS crashes in a row: claimed, never finished.
    await repository.update(id, {
      status: 'sending',
      attempts: 5,
      claimToken: 'dead',
      claimedAt: second.clock.now(),
    });
    second.clock.advanceMs(301_000);
    await second.app.get(MailDispatcher).drainOnce();
    expect(await repository.findOneByOrFail({ id })).toMatchObject({
      status: 'failed',
      attempts: 6,
      lastError: 'interrupted too many times while sending',
      claimToken: null,
    });
    expect(smtp.copiesFor('poison@partenaire.test')).toHaveLength(0);
  });

  it('with two connections, sends two messages at once; on shutdown each lane finishes its own', async () => {
    const twoLanes = await createTestApp({
      env: { SMTP_URL: smtp.url, MAIL_BATCH_SIZE: '4', MAIL_CONNECTIONS: '2' },
      databaseUrl: first.databaseUrl,
    });
    try {
      const emails = recipients('lanes', 4);
      await enqueue(twoLanes, ...emails.map((email) => aMessage({ to: { email } })));
      // The first lane sends the first message, then holds on the third; the second holds on the
      // second: both hang at the same time, which one lane could never do.
      smtp.hangFor.add(emails[1]);
      smtp.hangFor.add(emails[2]);
      let hanging = 0;
      const bothHeld = new Promise<void>(
        (resolve) => (smtp.onHang = () => ++hanging === 2 && resolve()),
      );
      const dispatcher = twoLanes.app.get(MailDispatcher);
      const draining = dispatcher.drainOnce();
      await bothHeld;

      const stopped = dispatcher.stop();
      smtp.releaseHeld();
      await stopped;
      expect(await draining).toBe(3);

      const rows = await statuses(emails);
      expect(rows.map((r) => [r.status, r.attempts, r.claimToken])).toEqual([
        ['sent', 1, null],
        ['pending', 1, null],
        ['pending', 1, null],
        ['pending', 0, null], // never attempted: back in the queue
      ]);

      smtp.hangFor.clear();
      twoLanes.clock.advanceMs(60_000);
      await dispatcher.drainOnce();
      expectOneCopyEach(emails);
    } finally {
      smtp.onHang = undefined;
      await twoLanes.close();
    }
  });
});
