import type { EntityManager } from 'typeorm';
import { chunked } from './insert-many';

/** A value of a hand-written statement; an array stands for a list (`IN (?)`). */
export type SqlValue = string | number | boolean | Date | null;

/**
 * Hand-written SQL for the hot writes (the benchmark's attendance and follow-up): one statement
 * where TypeORM would build, hydrate and reselect. Placeholders are `?` on both engines (PostgreSQL
 * gets $1, $2…); a `?` given an array becomes one placeholder per element. Values are stored as
 * TypeORM stores them: on SQLite, dates as UTC text and booleans as 0/1.
 */
export function sql<T = Record<string, unknown>>(
  manager: EntityManager,
  text: string,
  values: (SqlValue | readonly SqlValue[])[],
): Promise<T[]> {
  const [query, flat] = prepare(manager, text, values);
  return manager.query(query, flat);
}

/**
 * A hand-written INSERT, UPDATE or DELETE that answers how many rows it changed, on either engine
 * (an INSERT … ON CONFLICT DO NOTHING answers 0 when the row was there). Runs in the transaction
 * of `manager` (Transactions.run), which it needs for a query runner of its own.
 */
export async function sqlChanges(
  manager: EntityManager,
  text: string,
  values: (SqlValue | readonly SqlValue[])[],
): Promise<number> {
  const [query, flat] = prepare(manager, text, values);
  const runner = manager.queryRunner;
  if (!runner) throw new Error('sqlChanges needs a transaction (Transactions.run)');
  const result = await runner.query(query, flat, true);
  return Number(result.affected ?? 0);
}

/**
 * Independent statements of one unit of work, sent without waiting for each other: one round trip
 * on the unit's critical path instead of one each (SQLite runs units one at a time, so that path
 * is the write throughput). Answers once all have ended, even when one fails, so that a ROLLBACK
 * never overtakes a statement still running on the connection; then the first error is thrown.
 */
export async function together<T extends readonly unknown[]>(
  ...statements: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

function prepare(
  manager: EntityManager,
  text: string,
  values: (SqlValue | readonly SqlValue[])[],
): [string, unknown[]] {
  const postgres = manager.connection.options.type === 'postgres';
  const flat: unknown[] = [];
  const pieces = text.split('?');
  let query = pieces[0];
  const next = (value: SqlValue): string => {
    flat.push(postgres ? value : storedBySqlite(value));
    return postgres ? `$${flat.length}` : '?';
  };
  for (let k = 1; k < pieces.length; k++) {
    const value = values[k - 1];
    query +=
      (Array.isArray(value) ? value.map(next).join(', ') : next(value as SqlValue)) + pieces[k];
  }
  return [query, flat];
}

/**
 * Inserts rows in multi-row INSERTs, one per chunk under the bound values a statement may carry
 * (an import's audit entries and consent events: a few statements for thousands of rows).
 * `table` and `columns` are the caller's constants, never input.
 */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: SqlValue[][],
): Promise<void> {
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (const chunk of chunked(rows, columns.length)) {
    await sql(
      manager,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}`,
      chunk.flat(),
    );
  }
}

/**
 * Inserts one row and answers its id (the `id` column): RETURNING on PostgreSQL, the last row id
 * on SQLite (TypeORM's SQLite runner answers it for an INSERT).
 */
export async function insertReturningId(
  manager: EntityManager,
  text: string,
  values: SqlValue[],
): Promise<number> {
  if (manager.connection.options.type === 'postgres') {
    const rows = await sql<{ id: number }>(manager, `${text} RETURNING id`, values);
    return Number(rows[0].id);
  }
  return Number(await sql(manager, text, values));
}

function storedBySqlite(value: SqlValue): string | number | null {
  // As TypeORM writes a datetime column: 2026-03-12 11:30:00.000 (UTC).
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/**
 * Replaces every exact occurrence of each `[from, to]` pair in these text columns of a table (the
 * right to erasure), in the pairs' order: one UPDATE per column and 20 pairs (nested REPLACEs),
 * touching only the rows that change, so that the dozens of spellings of a name cost a few scans.
 * `table` and `columns` are the caller's own constants, never input.
 */
export async function replaceTextIn(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  replacements: readonly [string, string][],
): Promise<void> {
  const pairs = replacements.filter(([from]) => from);
  for (let start = 0; start < pairs.length; start += 20) {
    const chunk = pairs.slice(start, start + 20);
    const values = chunk.flatMap(([from, to]) => [from, to]);
    for (const column of columns) {
      const replaced = chunk.reduce((inner) => `REPLACE(${inner}, ?, ?)`, column);
      await sql(
        manager,
        `UPDATE ${table} SET ${column} = ${replaced} WHERE ${column} <> ${replaced}`,
        [...values, ...values],
      );
    }
  }
}
