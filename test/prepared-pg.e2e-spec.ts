import type { Pool, PoolClient } from 'pg';
import { preparedPg } from '../src/database/prepared-pg';
import { createTestApp } from './support/test-app';

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

/** The statements this connection has prepared, as PostgreSQL lists them. */
async function prepared(client: PoolClient): Promise<string[]> {
  // No parameter: this statement itself goes unnamed and is not listed.
  const { rows } = await client.query<{ statement: string }>(
    "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'mlg\\_%' ORDER BY statement",
  );
  return rows.map((row) => row.statement);
}

(onPostgres ? describe : describe.skip)('prepared statements on PostgreSQL', () => {
  let pool: Pool;
  let client: PoolClient;

  beforeAll(async () => {
    const pg = preparedPg(2);
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    client = await pool.connect();
  });
  afterAll(async () => {
    client.release();
    await pool.end();
  });

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    const text = 'SELECT $1::int + 1 AS "next"';
    expect((await client.query(text, [41])).rows).toEqual([{ next: 42 }]);
    expect((await client.query(text, [1])).rows).toEqual([{ next: 2 }]);
    expect(await prepared(client)).toEqual([text]);
    // Without parameters: the simple protocol, nothing prepared (BEGIN, COMMIT, DDL).
    await client.query('SELECT 1');
    expect(await prepared(client)).toEqual([text]);
  });

  it('keeps at most its limit per connection, deallocating the least recently used', async () => {
    const texts = ['SELECT $1::int AS "a"', 'SELECT $1::int AS "b"', 'SELECT $1::int AS "c"'];
    for (const text of texts) await client.query(text, [1]);
    expect(await prepared(client)).toEqual(texts.slice(1));
    // The deallocated one is prepared again when it comes back, and still answers.
    expect((await client.query(texts[0], [7])).rows).toEqual([{ a: 7 }]);
    expect(await prepared(client)).toEqual([texts[0], texts[2]]);
  });

  it('answers an error in a statement, and the connection goes on', async () => {
    await expect(client.query('SELECT $1::int / 0', [1])).rejects.toThrow(/division by zero/);
    await expect(client.query('SELECT nothing FROM $1', [1])).rejects.toThrow(/syntax/);
    expect((await client.query('SELECT $1::text AS "t"', ['é'])).rows).toEqual([{ t: 'é' }]);
  });

  it('is the driver TypeORM gets: types and defaults are node-postgres’ own', () => {
    const pg = preparedPg();
    const plain = require('pg') as typeof import('pg');
    expect(pg.types).toBe(plain.types);
    expect(pg.defaults).toBe(plain.defaults);
    expect(pg.Pool).not.toBe(plain.Pool);
  });

  it('is what the app runs on, unless DATABASE_PREPARED_STATEMENTS=false', async () => {
    for (const [setting, expected] of [
      ['true', ['SELECT $1::int AS "app"']],
      ['false', []],
    ] as const) {
      const t = await createTestApp({ env: { DATABASE_PREPARED_STATEMENTS: setting } });
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.query('SELECT $1::int AS "app"', [1]);
        const rows = (await runner.query(
          'SELECT statement FROM pg_prepared_statements WHERE statement LIKE \'%AS "app"\'',
        )) as { statement: string }[];
        expect(rows.map((row) => row.statement)).toEqual(expected);
      } finally {
        await runner.release();
        await t.close();
      }
    }
  });
});
