import { ApiToken } from '../src/auth/tokens/api-token.entity';
import { createStaff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

// The benchmark reads the SQL statements of a request from a response header: off by default,
// exact when on (it includes the Bearer token check, which runs before the route).
describe('x-sql-queries header (BENCH_QUERY_COUNT)', () => {
  let off: TestApp;
  let on: TestApp;

  beforeAll(async () => {
    [off, on] = await Promise.all([
      createTestApp(),
      createTestApp({ env: { BENCH_QUERY_COUNT: 'true' } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([off.close(), on.close()]);
  });

  it('is absent unless BENCH_QUERY_COUNT is on', async () => {
    const staff = await createStaff(off);
    const response = await staff.api.get('/api/partners').expect(200);
    expect(response.headers['x-sql-queries']).toBeUndefined();
  });

  it('counts only the requests that ask (x-count-sql), so that the load runs uninstrumented', async () => {
    const staff = await createStaff(on);
    const response = await staff.api.get('/api/partners').expect(200);
    expect(response.headers['x-sql-queries']).toBeUndefined();
  });

  it('counts the statements of the request, token check included', async () => {
    const staff = await createStaff(on);
    await staff.api.get('/api/partners').expect(200); // first use of the token stamps last_used_at
    // That stamp is written after the answer (fire and forget): wait for it, or a busy machine
    // lets the counted request see no stamp yet and write its own.
    const tokens = on.dataSource.getRepository(ApiToken);
    for (let i = 0; i < 200; i++) {
      const token = await tokens.findOneByOrFail({ userId: staff.user.id });
      if (token.lastUsedAt) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const before = on.queries.total;
    const response = await staff.api
      .get('/api/partners?q=emploi')
      .set('x-count-sql', '1')
      .expect(200);
    const counted = on.queries.total - before;
    expect(Number(response.headers['x-sql-queries'])).toBe(counted);
    // One for the token (a single join, not findOne's pre-select + join), one for the count (no
    // match: no page to read, no contact counts).
    expect(counted).toBe(2);
  });

  it('counts only the request: a POST with a body, while other work runs statements beside it', async () => {
    const staff = await createStaff(on);
    const draft = () =>
      staff.api
        .post('/api/newsletters')
        .set('x-count-sql', '1')
        .send({ from: '2026-03-01', to: '2026-03-31' })
        .expect(201);
    await draft();
    const before = on.queries.total;
    const alone = Number((await draft()).headers['x-sql-queries']);
    expect(alone).toBe(on.queries.total - before); // the body parser does not lose the count
    expect(alone).toBeGreaterThan(2);

    // Background statements (as the mail dispatcher's polling), started outside any request.
    let running = true;
    let background = 0;
    const noise = (async () => {
      while (running) {
        await on.dataSource.query('SELECT 1');
        background += 1;
      }
    })();
    const busy = Number((await draft()).headers['x-sql-queries']);
    running = false;
    await noise;
    expect(background).toBeGreaterThan(0);
    expect(busy).toBe(alone);
  });
});

// The import writes a file's creations through the directory's rules in multi-row statements: up
// to a few thousand rows, its statements do not depend on the number of rows.
describe('statements of a CSV import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BENCH_QUERY_COUNT: 'true' } });
  });
  afterAll(() => t.close());

  const file = (partners: number, contactsEach: number, tag: string): Buffer => {
    const lines = ['Nom;Type;Contact;Contact email;Contact newsletter'];
    for (let p = 0; p < partners; p++)
      for (let c = 0; c < contactsEach; c++)
        lines.push(`Structure ${tag} ${p};association;Personne ${c};p${p}c${c}@${tag}.test;oui`);
    return Buffer.from(lines.join('\r\n'));
  };

  it('costs the same statements whatever the number of rows', async () => {
    const staff = await createStaff(t);
    // The token's first use is stamped after the answer: let it land before counting.
    await staff.api.get('/api/partners').expect(200);
    const tokens = t.dataSource.getRepository(ApiToken);
    while (!(await tokens.findOneByOrFail({ userId: staff.user.id })).lastUsedAt)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const cost = async (partners: number, contactsEach: number, tag: string) => {
      const response = await staff.api
        .post('/api/partners/import?apply=true')
        .set('x-count-sql', '1')
        .attach('file', file(partners, contactsEach, tag), 'reseau.csv')
        .expect(200);
      return Number(response.headers['x-sql-queries']);
    };
    const small = await cost(2, 3, 'a');
    const more = await cost(4, 3, 'b');
    const wider = await cost(4, 6, 'c');
    // The token (1); the transaction (2); the plan's reads, partners by name, then every name
    // (new partners may be another spelling of one: a dash typed as a hyphen), and contacts by
    // email (3); for the partners their names checked, one insert (search text included: their
    // contacts' names are known) and their audit entries (3); for the contacts their emails
    // checked, one insert (no reload of the defaults on either engine), their consent events and
    // their audit entries (4).
    expect([small, more, wider]).toEqual([13, 13, 13]);
  });
});
