import type * as Sqlite3 from 'sqlite3';

type Callback = (this: Sqlite3.Statement, error: Error | null, rows?: unknown[]) => void;

interface Entry {
  statement: Sqlite3.Statement;
  /** Calls made while the statement is being prepared; null once it is ready. */
  waiting: ((error: Error | null) => void)[] | null;
}

/**
 * Statements worth keeping: queries and the transaction statements TypeORM repeats. DDL and
 * PRAGMAs run once (migrations, start-up) and are left to sqlite3's prepare-run-finalize.
 */
const REPEATED =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * Whether a call can go through a kept statement with the same result as a fresh one.
 * - sqlite3 only re-binds when given parameters: a statement with placeholders called without
 *   any would keep the previous call's values (a fresh one binds NULL), so those are not kept.
 * - run() steps once: a statement returning rows (RETURNING) would stay open, holding its read
 *   snapshot and blocking COMMIT, where a fresh one is finalized at once. all() runs to the end.
 */
function reusable(sql: string, params: unknown, method: 'all' | 'run'): boolean {
  if (!REPEATED.test(sql)) return false;
  if (method === 'run' && /\bRETURNING\b/i.test(sql)) return false;
  if (Array.isArray(params) && params.length > 0) return true;
  return params === undefined && !/[?:@$]/.test(sql);
}

/**
 * node-sqlite3 whose Database keeps prepared statements by SQL text (least recently used dropped
 * past `limit`), for TypeORM: its SQLite driver calls `db.all` / `db.run` for every query, which
 * prepares, runs and finalizes a new statement each time. Statements are reset by sqlite3 before
 * each run and re-prepared by SQLite after a schema change; all are finalized before the database
 * closes. Calls on one statement queue behind each other, as calls on the one connection do.
 */
export function cachedSqlite3(limit = 256): typeof Sqlite3 {
  const sqlite3 = require('sqlite3') as typeof Sqlite3;
  // The typings omit the constructor that Database#prepare uses; its callback reports success too.
  const Statement = sqlite3.Statement as unknown as new (
    db: Sqlite3.Database,
    sql: string,
    prepared: (error: Error | null) => void,
  ) => Sqlite3.Statement;

  class CachingDatabase extends sqlite3.Database {
    private readonly statements = new Map<string, Entry>();
    private closing = false;

    override all(sql: string, ...rest: unknown[]): this {
      const [params, callback] = rest;
      if (rest.length !== 2 || typeof callback !== 'function' || this.closing) {
        return super.all(sql, ...rest);
      }
      if (!reusable(sql, params, 'all')) return super.all(sql, ...rest);
      this.use(sql, callback as Callback, (statement) => statement.all(params, callback));
      return this;
    }

    override run(sql: string, ...rest: unknown[]): this {
      const [params, callback] = rest;
      if (rest.length !== 2 || typeof callback !== 'function' || this.closing) {
        return super.run(sql, ...rest);
      }
      if (!reusable(sql, params, 'run')) return super.run(sql, ...rest);
      this.use(sql, callback as Callback, (statement) => statement.run(params, callback));
      return this;
    }

    override close(callback?: (error: Error | null) => void): void {
      this.closing = true;
      const entries = [...this.statements.values()];
      this.statements.clear();
      let left = entries.length;
      const done = () => {
        if (--left <= 0) super.close(callback);
      };
      if (left === 0) return super.close(callback);
      for (const entry of entries) this.finalize(entry, done);
    }

    /** Number of statements kept (for tests). */
    get cachedStatements(): number {
      return this.statements.size;
    }

    private use(sql: string, callback: Callback, call: (s: Sqlite3.Statement) => void): void {
      const kept = this.statements.get(sql);
      if (kept) {
        // Most recently used last: Map keeps insertion order.
        this.statements.delete(sql);
        this.statements.set(sql, kept);
        this.whenReady(kept, callback, call);
        return;
      }
      const entry: Entry = { statement: undefined as never, waiting: [] };
      this.whenReady(entry, callback, call);
      entry.statement = new Statement(this, sql, (error) => {
        const waiting = entry.waiting ?? [];
        entry.waiting = null;
        // A statement that failed to prepare is finalized by sqlite3, which drops the calls queued
        // on it: forget it and answer each waiting call with the error, as a fresh one would.
        if (error && this.statements.get(sql) === entry) this.statements.delete(sql);
        for (const next of waiting) next(error);
      });
      this.statements.set(sql, entry);
      if (this.statements.size > limit) {
        const [oldestSql, oldest] = this.statements.entries().next().value as [string, Entry];
        this.statements.delete(oldestSql);
        this.finalize(oldest);
      }
    }

    private whenReady(entry: Entry, callback: Callback, call: (s: Sqlite3.Statement) => void) {
      if (!entry.waiting) return call(entry.statement);
      entry.waiting.push((error) =>
        error ? callback.call(entry.statement, error) : call(entry.statement),
      );
    }

    /** finalize() queues behind the calls pending on the statement; `done` runs either way. */
    private finalize(entry: Entry, done?: () => void): void {
      if (!entry.waiting) return void entry.statement.finalize(done);
      entry.waiting.push((error) => (error ? done?.() : entry.statement.finalize(done)));
    }
  }

  const module = Object.assign(Object.create(sqlite3) as typeof Sqlite3, {
    Database: CachingDatabase,
  });
  // TypeORM calls verbose(), which would wrap every call to capture a long stack trace.
  return Object.assign(module, { verbose: () => module });
}
