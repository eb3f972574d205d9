import { Transactions } from '../src/database/transactions';
import { MailBody, UNSUBSCRIBE_URL_SLOT } from '../src/mail/outbox/mail-body.entity';
import { MailOutbox } from '../src/mail/outbox/mail-outbox.service';
import { AUDIENCE_PAGE, NewsletterAudience } from '../src/mail/newsletter/newsletter-audience';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { UnsubscribeToken } from '../src/mail/newsletter/unsubscribe-token.entity';
import { Partner } from '../src/partners/partner.entity';
import { createManyContacts } from './support/mail';
import { createTestApp, TestApp } from './support/test-app';

// The audience is read and enqueued page by page (keyset on the contact id) in one transaction:
// memory bounded by a page, statements constant per page, and still all or nothing.
describe('NewsletterAudience.enqueue, page by page', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-04-02T08:00:00Z' });
    // Consenting contacts on both sides of non-consenting and archived ones: pages skip them.
    await createManyContacts(t, AUDIENCE_PAGE + 100);
    await createManyContacts(t, 300, false);
    await createManyContacts(t, 50);
    await t.dataSource.getRepository(Partner).update({ name: 'Réseau 50' }, { active: false });
    await createManyContacts(t, 440);
  }, 60_000);
  afterAll(() => t.close());

  const enqueue = (subjectId: string) =>
    t.app.get(Transactions).run((manager) =>
      t.app.get(NewsletterAudience).enqueue(manager, {
        subjectId,
        group: `test:${subjectId}`,
        content: {
          subject: 'Lettre',
          html: `<a href="${UNSUBSCRIBE_URL_SLOT}">x</a>`,
          text: UNSUBSCRIBE_URL_SLOT,
        },
      }),
    );
  const bodies = () => t.dataSource.getRepository(MailBody).count();
  const messages = (subjectId: string) =>
    t.dataSource.getRepository(OutboxMessage).findBy({ groupRef: `test:${subjectId}` });
  const counted = async <T>(work: () => Promise<T>) => {
    const before = t.queries.total;
    const result = await work();
    return { result, queries: t.queries.total - before };
  };

  it('enqueues exactly one message to each consenting contact across pages, and a repeat adds none', async () => {
    const consenting = AUDIENCE_PAGE + 100 + 440;
    const first = await counted(() => enqueue('a'));
    expect(first.result).toEqual({ recipients: consenting, created: consenting });
    const queued = await messages('a');
    expect(queued).toHaveLength(consenting);
    expect(new Set(queued.map((m) => m.contactId)).size).toBe(consenting);
    // One shared body for the whole sending; each message keeps only its own unsubscribe link.
    expect(new Set(queued.map((m) => m.bodyId)).size).toBe(1);
    expect(queued.every((m) => m.bulk && m.html === null && m.text === null)).toBe(true);
    expect(new Set(queued.map((m) => m.unsubscribeUrl)).size).toBe(consenting);
    const body = await t.dataSource.getRepository(MailBody).findOneByOrFail({
      id: queued[0].bodyId!,
    });
    expect(body.html).toBe(`<a href="${UNSUBSCRIBE_URL_SLOT}">x</a>`);
    // A body its messages still reference cannot be deleted (foreign key, ON DELETE RESTRICT).
    await expect(t.dataSource.getRepository(MailBody).delete(body.id)).rejects.toThrow(
      /foreign key/i,
    );
    expect(queued.some((m) => m.recipientEmail.endsWith('@volume.test'))).toBe(true);

    // Publishing again (same sending) finds every key queued: nothing new, nobody twice, and the
    // body it stored on the way is dropped again.
    const stored = await bodies();
    expect(await enqueue('a')).toEqual({ recipients: consenting, created: 0 });
    expect(await messages('a')).toHaveLength(consenting);
    expect(await bodies()).toBe(stored);

    // One more page of contacts costs one more page of statements, whatever the audience.
    const pages = Math.ceil(consenting / AUDIENCE_PAGE);
    await createManyContacts(t, AUDIENCE_PAGE);
    const second = await counted(() => enqueue('b'));
    expect(second.result.created).toBe(consenting + AUDIENCE_PAGE);
    const perPage = second.queries - first.queries;
    expect(perPage).toBeGreaterThan(0);
    expect(perPage).toBeLessThanOrEqual(12);
    expect(first.queries).toBeLessThanOrEqual(pages * perPage + 2);
  }, 60_000);

  it('keeps nothing when a page fails: no message, no unsubscribe token, no body', async () => {
    const tokens = await t.dataSource.getRepository(UnsubscribeToken).count();
    const stored = await bodies();
    // The third page fails: the body and two pages of messages were already inserted.
    const outbox = t.app.get(MailOutbox);
    const enqueueMany = outbox.enqueueMany.bind(outbox);
    let calls = 0;
    const spy = jest.spyOn(outbox, 'enqueueMany').mockImplementation((manager, batch) => {
      calls += 1;
      if (calls === 3) return Promise.reject(new Error('page failed'));
      return enqueueMany(manager, batch);
    });
    try {
      await expect(enqueue('c')).rejects.toThrow('page failed');
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(3);
    expect(await messages('c')).toHaveLength(0);
    expect(await t.dataSource.getRepository(UnsubscribeToken).count()).toBe(tokens);
    expect(await bodies()).toBe(stored);
  }, 60_000);
});
