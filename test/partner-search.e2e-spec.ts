import { countBound } from '../src/partners/list/partner-search';
import { createContact, createPartner } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

// The export's header before it was all French: still read, as files exported then are.
const HEADER =
  'Nom;Sigle;Type;Territoire;Adresse;Code postal;Latitude;Longitude;Site web;Email;Téléphone;Services;Description;Contact;Contact fonction;Contact email;Contact téléphone;Contact newsletter;Contact newsletter source;Contact newsletter date;Contact reçoit les comptes rendus;Contact notes';

/** A CSV row of the import file: name, kind, services and contact name, the rest empty. */
const csvRow = (name: string, services: string, contact: string) =>
  [name, '', 'association', '', '', '', '', '', '', '', '', services, '', contact]
    .concat(Array(8).fill(''))
    .join(';');

/**
 * Search goes through engine-specific indexes (SQLite: FTS5 trigram table kept by triggers,
 * PostgreSQL: pg_trgm GIN index); these check that what users find stays what they typed.
 */
describe('partner search', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const search = async (q: string, extra = '') => {
    const response = await staff.api
      .get(`/api/partners?q=${encodeURIComponent(q)}&pageSize=100${extra}`)
      .expect(200);
    const body = response.body as { total: number; items: { name: string }[] };
    expect(body.items).toHaveLength(Math.min(body.total, 100));
    return body.items.map((p) => p.name);
  };

  it('finds a partner as soon as it is created, renamed, archived, restored or deleted', async () => {
    const partner = await createPartner(staff, { name: 'Atelier Quenouille', services: 'Tissage' });
    expect(await search('quenouille')).toEqual(['Atelier Quenouille']);
    expect(await search('tissage')).toEqual(['Atelier Quenouille']);

    await staff.api
      .patch(`/api/partners/${partner.id}`)
      .send({ name: 'Atelier Bobine', services: 'Filature' })
      .expect(200);
    expect(await search('quenouille')).toEqual([]);
    expect(await search('tissage')).toEqual([]);
    expect(await search('bobine filature')).toEqual(['Atelier Bobine']);

    await staff.api.post(`/api/partners/${partner.id}/archive`).expect(200);
    expect(await search('bobine')).toEqual([]);
    expect(await search('bobine', '&active=false')).toEqual(['Atelier Bobine']);
    expect(await search('bobine', '&active=all')).toEqual(['Atelier Bobine']);

    await staff.api.post(`/api/partners/${partner.id}/restore`).expect(200);
    expect(await search('bobine')).toEqual(['Atelier Bobine']);

    await staff.api.delete(`/api/partners/${partner.id}`).expect(204);
    expect(await search('bobine', '&active=all')).toEqual([]);
  });

  it('follows contact names: added, renamed, removed', async () => {
    const partner = await createPartner(staff, { name: 'Maison Trèfle' });
    const contact = await createContact(staff, partner.id, { fullName: 'Hélène Vasseur' });
    expect(await search('vasseur')).toEqual(['Maison Trèfle']);
    await staff.api
      .patch(`/api/contacts/${contact.id}`)
      .send({ fullName: 'Hélène Carpentier' })
      .expect(200);
    expect(await search('vasseur')).toEqual([]);
    expect(await search('carpentier')).toEqual(['Maison Trèfle']);
    await staff.api.delete(`/api/contacts/${contact.id}`).expect(204);
    expect(await search('carpentier')).toEqual([]);
  });

  it('finds partners created or changed by a CSV import', async () => {
    await createPartner(staff, { name: 'Ressourcerie Ortie', services: 'Réemploi' });
    const file = [
      HEADER,
      csvRow('Ressourcerie Ortie', 'Réparation vélos', ''),
      csvRow('Jardin Pissenlit', 'Maraîchage', 'Noémie Lefranc'),
    ].join('\r\n');
    await staff.api
      .post('/api/partners/import?apply=true')
      .attach('file', Buffer.from(file), 'partenaires.csv')
      .expect(200);
    expect(await search('reemploi')).toEqual([]);
    expect(await search('velos')).toEqual(['Ressourcerie Ortie']);
    expect(await search('maraichage')).toEqual(['Jardin Pissenlit']);
    expect(await search('lefranc')).toEqual(['Jardin Pissenlit']);
    const csv = await staff.api.get('/api/partners/export.csv?q=lefranc').expect(200);
    expect(csv.text).toContain('Jardin Pissenlit');
    expect(csv.text).toContain('Noémie Lefranc');
    expect(csv.text).not.toContain('Ressourcerie Ortie');
  });

  it('ignores case and accents, on both sides', async () => {
    await createPartner(staff, { name: 'Équipe Élan Œuvre', services: 'ÉCOUTE' });
    for (const q of ['equipe', 'ÉQUIPE', 'Équipe élan', 'ecoute', 'ÉcOuTe', 'quipe']) {
      expect(await search(q)).toEqual(['Équipe Élan Œuvre']);
    }
  });

  it('finds words shorter than three characters, alone or beside longer ones', async () => {
    await createPartner(staff, { name: 'Régie Xq Nord', services: 'Chantiers' });
    await createPartner(staff, { name: 'Régie Sud', services: 'Chantiers' });
    expect(await search('xq')).toEqual(['Régie Xq Nord']);
    expect(await search('XQ chantiers')).toEqual(['Régie Xq Nord']);
    expect(await search('x regie q')).toEqual(['Régie Xq Nord']);
    expect(await search('chantiers', '&territory=nowhere')).toEqual([]);
    expect(await search('chantiers')).toEqual(['Régie Sud', 'Régie Xq Nord']);
  });

  it('matches quotes and search operators literally', async () => {
    await createPartner(staff, { name: 'Café "Le Lien" OR NOT', services: 'near(x) a* -b' });
    expect(await search('"le lien"')).toEqual(['Café "Le Lien" OR NOT']);
    expect(await search('or not')).toEqual(['Café "Le Lien" OR NOT']);
    expect(await search('a* -b near(x)')).toEqual(['Café "Le Lien" OR NOT']);
    expect(await search('"""')).toEqual([]);
    expect(await search('**')).toEqual([]);
  });

  it('pages common and rare words alike: same order and totals as one big page', async () => {
    for (let i = 0; i < 24; i++) {
      await createPartner(staff, {
        name: `Pivoine ${String(i).padStart(2, '0')}`,
        kind: i % 2 ? 'plie' : 'association',
      });
    }
    await createPartner(staff, { name: 'Glycine seule' });
    const all = await search('pivoine');
    expect(all).toHaveLength(24);
    expect(all).toEqual([...all].sort());
    // Small pages take the name-ordered walk, far pages the index (SQLite): the same answers.
    const paged: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const response = await staff.api
        .get(`/api/partners?q=pivoine&page=${page}&pageSize=5`)
        .expect(200);
      expect(response.body).toMatchObject({ total: 24, page, pageSize: 5 });
      paged.push(...(response.body.items as { name: string }[]).map((p) => p.name));
    }
    expect(paged).toEqual(all);
    expect(await search('pivoine', '&kind=plie')).toEqual(all.filter((_, i) => i % 2));
    expect(await search('glycine')).toEqual(['Glycine seule']);
  });

  it('runs the same number of queries for few and many matches', async () => {
    const countFor = async (q: string) => {
      await search(q); // the first request of a token records its last use
      const before = t.queries.total;
      await search(q);
      return t.queries.total - before;
    };
    await createPartner(staff, { name: 'Mimosa unique' });
    for (let i = 0; i < 60; i++) await createPartner(staff, { name: `Tournesol ${i}` });
    const few = await countFor('mimosa');
    expect(await countFor('tournesol')).toBe(few);
    expect(await countFor('to')).toBe(few);
    expect(few).toBeLessThanOrEqual(5);
  }, 60_000);

  it('counts exactly up to a bound, then says "more than" and still pages forward', async () => {
    // 30 matches, each word found through a different path: index alone (capucine), index with
    // a kind filter, a short word (scan), archived ones included (scan on SQLite).
    for (let i = 0; i < 30; i++) {
      await createPartner(staff, {
        name: `Capucine Zq ${String(i).padStart(2, '0')}`,
        kind: i % 2 ? 'plie' : 'association',
      });
    }
    const all = await search('capucine');
    expect(all).toHaveLength(30);
    const [{ size }] = await t.dataSource.query<{ size: number | string }[]>(
      'SELECT MAX(id) AS size FROM partners',
    );
    type Body = { total: number; totalExact: boolean; items: { name: string }[] };
    const get = async (query: string) =>
      (await staff.api.get(`/api/partners?${query}`).expect(200)).body as Body;
    const bound = (page: number, pageSize: number) =>
      countBound((page - 1) * pageSize, pageSize, Number(size));
    expect(bound(1, 1)).toBeLessThan(15); // so that both "capucine" and its half exceed it

    // Under the bound: exact.
    expect(await get('q=capucine&pageSize=100')).toMatchObject({ total: 30, totalExact: true });
    // Over it, on every path: the bound, "more than", and a full page in the list's order.
    for (const [query, names] of [
      ['q=capucine', all],
      ['q=capucine&kind=plie', all.filter((_, i) => i % 2)],
      ['q=zq', all],
      ['q=capucine&active=all', all],
      ['q=zq capucine&territory=&kind=association', all.filter((_, i) => i % 2 === 0)],
    ] as const) {
      const first = await get(`${query}&pageSize=1`);
      expect({ query, ...first, items: first.items.map((p) => p.name) }).toEqual({
        query,
        total: bound(1, 1),
        totalExact: false,
        page: 1,
        pageSize: 1,
        items: [names[0]],
      });
      // Paging past the bound still reads the next matches.
      const far = bound(1, 1) + 2;
      const beyond = await get(`${query}&pageSize=1&page=${far}`);
      expect(beyond.items.map((p) => p.name)).toEqual([names[far - 1]]);
      expect(beyond.total).toBe(Math.min(names.length, bound(far, 1)));
      expect(beyond.totalExact).toBe(names.length <= bound(far, 1));
      // The last page, and a page past the last match (empty, exact again).
      const last = await get(`${query}&pageSize=1&page=${names.length}`);
      expect(last).toMatchObject({ total: names.length, totalExact: true });
      expect(last.items.map((p) => p.name)).toEqual([names[names.length - 1]]);
      const past = await get(`${query}&pageSize=1&page=${names.length + 1}`);
      expect(past).toMatchObject({ total: names.length, totalExact: true, items: [] });
    }

    // The same statements for an exact and a bounded count.
    const statements = async (query: string) => {
      const before = t.queries.total;
      await get(query);
      return t.queries.total - before;
    };
    expect(await statements('q=capucine&pageSize=1')).toBe(
      await statements('q=capucine&pageSize=100'),
    );
    expect(await statements('q=zq&pageSize=1')).toBe(await statements('q=zq&pageSize=100'));
  }, 60_000);

  it('uses the trigram index on PostgreSQL', async () => {
    if (t.dataSource.options.type !== 'postgres') return;
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan = (await runner.query(
        `EXPLAIN SELECT COUNT(*) FROM partners p WHERE p.search_text LIKE $1 ESCAPE '\\'`,
        ['%insertion%'],
      )) as { 'QUERY PLAN': string }[];
      expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('ix_partners_search_trgm');
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
