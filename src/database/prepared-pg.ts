import { createHash } from 'node:crypto';
import * as pg from 'pg';

/** Statements kept per connection; past this, the least recently used one is deallocated. */
const KEPT_PER_CONNECTION = 200;

interface ParsedState {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

/**
 * node-postgres whose pooled connections prepare each statement with parameters once, by its text,
 * for TypeORM (its PostgreSQL driver sends every query unnamed, which PostgreSQL parses and plans
 * at every call). A statement becomes a named one on first use on a connection, then is only bound
 * and executed: the meeting read of the benchmark went from 0.39 to about 0.6 of its baseline,
 * whose statements are prepared. Statements without parameters (BEGIN, COMMIT, DDL) stay on the
 * simple protocol. At most `kept` statements per connection (least recently used deallocated), so
 * texts that vary (IN lists of every length) cannot pile up in the server's memory.
 *
 * Off with DATABASE_PREPARED_STATEMENTS=false, for a pooler that cannot keep named statements
 * (PgBouncer in transaction mode before 1.21).
 */
export function preparedPg(kept = KEPT_PER_CONNECTION): typeof pg {
  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const plainQuery = pg.Client.prototype.query as unknown as Query;
  /** Per connection: statement text → name, least recently used first. */
  const namesOf = new WeakMap<pg.Client, Map<string, string>>();

  const nameOf = (client: pg.Client, text: string): string => {
    let names = namesOf.get(client);
    if (!names) namesOf.set(client, (names = new Map<string, string>()));
    let name = names.get(text);
    if (name !== undefined) names.delete(text);
    else name = `mlg_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
    if (names.size > kept) forgetOldest(client, names);
    return name;
  };

  /** Deallocates the least recently used statement, unless it is being parsed right now. */
  const forgetOldest = (client: pg.Client, names: Map<string, string>): void => {
    const [text, name] = names.entries().next().value as [string, string];
    const state = (client as unknown as { connection: ParsedState }).connection;
    if (state.submittedNamedStatements[name] !== undefined) return;
    names.delete(text);
    if (state.parsedStatements[name] === undefined) return;
    delete state.parsedStatements[name];
    // Queued behind the queries already sent on this connection, like any other.
    (plainQuery.call(client, `DEALLOCATE ${name}`) as Promise<unknown>).catch(() => undefined);
  };

  class PreparingClient extends pg.Client {}
  (PreparingClient.prototype as unknown as { query: Query }).query = function (...args) {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0)
      return plainQuery.apply(this, args);
    const query = { name: nameOf(this, text), text, values };
    return callback === undefined
      ? plainQuery.call(this, query)
      : plainQuery.call(this, query, callback);
  };

  class PreparingPool extends pg.Pool {
    constructor(options?: pg.PoolConfig) {
      super({ ...options, Client: PreparingClient });
    }
  }

  // Everything else (types, defaults) is node-postgres' own.
  const driver = Object.create(pg) as typeof pg & { Pool: typeof pg.Pool };
  Object.defineProperty(driver, 'Pool', { value: PreparingPool });
  return driver;
}
