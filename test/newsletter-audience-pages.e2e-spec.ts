import { Transactions } from '../src/database/transactions';
import { AUDIENCE_PAGE, NewsletterAudience } from '../src/mail/newsletter-audience';
import { OutboxMessage } from '../src/mail/outbox-message';
import { UnsubscribeToken } from '../src/mail/unsubscribe-token';
import { Partner } from '../src/partners/partner';
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

  const enqueue = (subjectId: string, fail?: (email: string) => boolean) =>
    t.app.get(Transactions).run((manager) =>
      t.app.get(NewsletterAudience).enqueue(manager, {
        subjectId,
        group: `test:${subjectId}`,
        render: (recipient, url) => {
          if (fail?.(recipient.email)) throw new Error('render failed');
          return { subject: 'Lettre', html: `<a href="${url}">x</a>`, text: url };
        },
      }),
    );
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
    expect(queued.every((m) => m.bulk && m.html.includes(m.unsubscribeUrl!))).toBe(true);
    expect(queued.some((m) => m.recipientEmail.endsWith('@volume.test'))).toBe(true);

    // Publishing again (same sending) finds every key queued: nothing new, nobody twice.
    expect(await enqueue('a')).toEqual({ recipients: consenting, created: 0 });
    expect(await messages('a')).toHaveLength(consenting);

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

  it('keeps nothing when a page fails: no message, no unsubscribe token', async () => {
    const tokens = await t.dataSource.getRepository(UnsubscribeToken).count();
    // The last partner's contacts are in the last pages: earlier pages were already inserted.
    const [last] = await t.dataSource
      .getRepository(Partner)
      .find({ order: { id: 'DESC' }, take: 1 });
    const ofLast = (email: string) => email.endsWith(`.${last.id}@volume.test`);
    await expect(enqueue('c', ofLast)).rejects.toThrow('render failed');
    expect(await messages('c')).toHaveLength(0);
    expect(await t.dataSource.getRepository(UnsubscribeToken).count()).toBe(tokens);
  }, 60_000);
});
