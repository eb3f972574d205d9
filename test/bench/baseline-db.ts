import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, PoolClient, types } from 'pg';
import { exec, openDatabase, Prepared } from './sqlite';

/**
 * The baseline's database access, one interface over SQLite (sqlite3, one connection) and
 * PostgreSQL (pg, one pool): statements prepared once, and transactions. A statement's text is
 * shared when both engines accept it (`?` and `?1` placeholders are rewritten to `$n` for pg), or
 * given per engine, side by side, where the dialects differ (placeholders rewritten alike).
 */
export type Engine = 'sqlite' | 'pg';
export type Sql = string | { sqlite: string; pg: string };
type Raw = Record<string, unknown>;

export interface Statement<T = Raw> {
  all(params?: unknown[]): Promise<T[]>;
  get(params?: unknown[]): Promise<T | undefined>;
  /** lastID: on pg, the `id` of the first row of a statement ending in RETURNING id. */
  run(params?: unknown[]): Promise<{ lastID: number; changes: number }>;
}

export interface BaselineDb {
  engine: Engine;
  prepare<T = Raw>(sql: Sql): Statement<T>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A boolean literal: SQLite stores 0/1 (and its partial indexes say `= 1`). */
export const TRUE = { sqlite: '1', pg: 'TRUE' } as const;

/** Lists of ids go in as one JSON array parameter, so that one plan serves every length. */
const JSON_IDS = {
  sqlite: 'SELECT value FROM json_each(?)',
  pg: 'SELECT value::int FROM json_array_elements_text(?::json)',
};
export const withIds = (statement: (ids: string) => string): Sql => ({
  sqlite: statement(JSON_IDS.sqlite),
  pg: statement(JSON_IDS.pg),
});

/** BASELINE_DB: a SQLite file, or a postgres:// address. */
export const openBaselineDb = (where: string): Promise<BaselineDb> =>
  /^postgres(ql)?:\/\//.test(where) ? Promise.resolve(pgDb(where)) : sqliteDb(where);

async function sqliteDb(file: string): Promise<BaselineDb> {
  const db = await openDatabase(file);
  await exec(
    db,
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
  );
  const begin = new Prepared(db, 'BEGIN IMMEDIATE');
  const commit = new Prepared(db, 'COMMIT');
  const rollback = new Prepared(db, 'ROLLBACK');
  // Writes queue behind each other on the one connection, as Transactions.run does in the app.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    engine: 'sqlite',
    prepare: <T>(sql: Sql) => new Prepared<T>(db, typeof sql === 'string' ? sql : sql.sqlite),
    transaction: <T>(work: () => Promise<T>): Promise<T> => {
      const result = tail.then(async () => {
        await begin.run();
        try {
          const value = await work();
          await commit.run();
          return value;
        } catch (error) {
          await rollback.run();
          throw error;
        }
      });
      tail = result.catch(() => undefined);
      return result;
    },
    close: () => new Promise<void>((resolve) => db.close(() => resolve())),
  };
}

/** SQLite's placeholders (`?` in order, `?N` numbered) as pg's `$N`. */
export function dollarPlaceholders(sql: string): string {
  let next = 0;
  return sql.replace(/\?(\d+)?/g, (_, n: string | undefined) => `$${n ?? ++next}`);
}

/** timestamptz as SQLite's datetime text (UTC), so that both engines hand the same values on. */
const sqliteTime = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

const OID = {
  timestamptz: Number(types.builtins.TIMESTAMPTZ),
  date: Number(types.builtins.DATE),
  int8: Number(types.builtins.INT8),
  numeric: Number(types.builtins.NUMERIC),
};

function pgDb(url: string): BaselineDb {
  const parseTimestamp = types.getTypeParser(types.builtins.TIMESTAMPTZ);
  const pool = new Pool({
    connectionString: url,
    // The app's pool size (data-source-options.ts); UTC, as the app's datetime texts are.
    max: 10,
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: 'text') => {
        if (oid === OID.timestamptz)
          return (text: string) => sqliteTime(parseTimestamp(text) as Date);
        if (oid === OID.date) return (text: string) => text;
        // COUNT(*) and SUM: numbers, as sqlite3 gives them (the counts here fit in a double).
        if (oid === OID.int8 || oid === OID.numeric) return Number;
        return types.getTypeParser(oid, format);
      }) as typeof types.getTypeParser,
    },
  });
  // A transaction's statements go to its own client: queries inside work() find it here.
  const inTransaction = new AsyncLocalStorage<PoolClient>();
  let names = 0;
  return {
    engine: 'pg',
    prepare: <T>(sql: Sql): Statement<T> => {
      const text = dollarPlaceholders(typeof sql === 'string' ? sql : sql.pg);
      const name = `baseline_${++names}`;
      const query = (values: unknown[] = []) => {
        const client = inTransaction.getStore();
        return client ? client.query({ name, text, values }) : pool.query({ name, text, values });
      };
      return {
        all: async (values) => (await query(values)).rows as T[],
        get: async (values) => (await query(values)).rows[0] as T | undefined,
        run: async (values) => {
          const result = await query(values);
          return { lastID: Number(result.rows[0]?.id ?? 0), changes: result.rowCount ?? 0 };
        },
      };
    },
    transaction: async <T>(work: () => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await inTransaction.run(client, work);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
