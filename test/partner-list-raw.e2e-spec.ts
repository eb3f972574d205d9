import { plainToInstance } from 'class-transformer';
import { normalizeForSearch } from '../src/common/text';
import { ListPartnersQueryDto } from '../src/partners/list/list-partners-query.dto';
import type { PartnerResponse } from '../src/partners/partner.mapper';
import { PartnersService } from '../src/partners/partners.service';
import { createContact, createPartner } from './support/partners';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

type Listed = PartnerResponse & { contactCount: number };

/**
 * The partner list reads its page as raw rows (partner-list.sql.ts) where the partner record
 * (GET /api/partners/:id) still goes through TypeORM's entities: each listed partner must be what
 * the record says, on both engines (SQLite gives 0/1 and UTC text, PostgreSQL booleans, Dates
 * and COUNT(*) as text).
 */
describe('partner list read as raw rows', () => {
  let t: TestApp;
  let staff: Staff;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    const full = await createPartner(staff, {
      name: 'Zeste Formation',
      shortName: 'ZF',
      kind: 'training-centre',
      description: 'Centre de formation',
      services: 'Cuisine, orthographe',
      territory: 'Mouscron',
      address: '1 rue des Écoles',
      postcode: '7700',
      latitude: 50.7449,
      longitude: 3.2064,
      website: 'https://zeste.example',
      email: 'info@zeste.example',
      phone: '+32 56 00 00 00',
    });
    ids.full = full.id;
    for (let i = 0; i < 3; i++) await createContact(staff, full.id, { fullName: `Zélie ${i}` });
    // Only a name and a kind: every other field null, no contact.
    ids.bare = (await createPartner(staff, { name: 'Étoile du Nord', kind: 'plie' })).id;
    ids.elan = (await createPartner(staff, { name: 'Élan', kind: 'mire' })).id;
    ids.avenir = (await createPartner(staff, { name: 'avenir solidaire', kind: 'company' })).id;
    const archived = await createPartner(staff, { name: 'Ancre', kind: 'association' });
    await createContact(staff, archived.id, { fullName: 'Aurèle Martin' });
    await staff.api.post(`/api/partners/${archived.id}/archive`).expect(200);
    ids.archived = archived.id;
  });
  afterAll(() => t.close());

  const list = async (query: string): Promise<{ items: Listed[]; total: number }> =>
    (await staff.api.get(`/api/partners?${query}`).expect(200)).body as {
      items: Listed[];
      total: number;
    };
  const record = async (id: number): Promise<PartnerResponse> => {
    const { contacts, ...partner } = (await staff.api.get(`/api/partners/${id}`).expect(200))
      .body as PartnerResponse;
    return { ...partner, contactCount: contacts!.length };
  };

  it('answers each partner as its record does: fields, nulls, booleans, dates, contact counts', async () => {
    const { items, total } = await list('active=all');
    expect(total).toBe(5);
    for (const item of items) expect(item).toEqual(await record(item.id));

    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(ids.full)).toMatchObject({
      kind: 'training-centre',
      latitude: 50.7449,
      longitude: 3.2064,
      active: true,
      archivedAt: null,
      contactCount: 3,
    });
    expect(byId.get(ids.bare)).toMatchObject({
      kind: 'plie',
      shortName: null,
      description: null,
      services: null,
      territory: null,
      latitude: null,
      website: null,
      contactCount: 0,
    });
    const archived = byId.get(ids.archived)!;
    expect(archived).toMatchObject({ active: false, contactCount: 1 });
    expect(typeof archived.archivedAt).toBe('string');
    expect(new Date(archived.archivedAt!).toISOString()).toBe(archived.archivedAt);
    for (const item of items) {
      expect(new Date(item.createdAt).toISOString()).toBe(item.createdAt);
      expect(typeof item.contactCount).toBe('number');
    }
  });

  it('orders by the folded name (case and accents ignored), on every path', async () => {
    const expected = ['Ancre', 'avenir solidaire', 'Élan', 'Étoile du Nord', 'Zeste Formation'];
    expect(expected.map(normalizeForSearch)).toEqual(expected.map(normalizeForSearch).sort());
    const names = (body: { items: Listed[] }) => body.items.map((p) => p.name);
    expect(names(await list('active=all'))).toEqual(expected);
    expect(names(await list(''))).toEqual(expected.filter((n) => n !== 'Ancre'));
    // Search words through the index (3+ characters) and by scanning (shorter), with filters.
    expect(names(await list('q=nord'))).toEqual(['Étoile du Nord']);
    expect(names(await list('q=e'))).toEqual([
      'avenir solidaire',
      'Élan',
      'Étoile du Nord',
      'Zeste Formation',
    ]);
    expect(names(await list('q=zelie&kind=training-centre&territory=MOUSCRON'))).toEqual([
      'Zeste Formation',
    ]);
    expect(names(await list('kind=plie,mire'))).toEqual(['Élan', 'Étoile du Nord']);
    expect(names(await list('q=aurele&active=false'))).toEqual(['Ancre']);
    expect(names(await list('q=aurele'))).toEqual([]);
    // Pages cut in the same order.
    expect(names(await list('active=all&page=2&pageSize=2'))).toEqual(['Élan', 'Étoile du Nord']);
  });

  it('reads a page and its contact counts in one statement after the count', async () => {
    const service = t.app.get(PartnersService);
    const statements = async (query: Record<string, unknown>) => {
      const before = t.queries.total;
      const page = await service.list(plainToInstance(ListPartnersQueryDto, query));
      return { statements: t.queries.total - before, items: page.items.length };
    };
    expect(await statements({ active: 'all' })).toEqual({ statements: 2, items: 5 });
    expect(await statements({ q: 'zeste' })).toEqual({ statements: 2, items: 1 });
    expect(await statements({ q: 'ze e', kind: ['training-centre'] })).toEqual({
      statements: 2,
      items: 1,
    });
    // No match, or a page past the last: the count alone.
    expect(await statements({ q: 'introuvable' })).toEqual({ statements: 1, items: 0 });
    expect(await statements({ page: 9 })).toEqual({ statements: 1, items: 0 });
  });
});
