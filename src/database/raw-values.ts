import type { DatabaseEngine } from '../config/app-config';

/**
 * Values of raw rows (`query()`, `getRawMany()`), read the way TypeORM hydrates entity columns, so
 * a read that skips hydration answers exactly what the entity-based one did.
 */

/**
 * A datetime as TypeORM writes it on SQLite (UTC, milliseconds): the text of nearly every value
 * read, turned into ISO 8601 by moving characters rather than through a Date (hot in lists).
 */
const SQLITE_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d\d\d$/;
const isoOfSqliteTime = (text: string): string => `${text.slice(0, 10)}T${text.slice(11)}Z`;

/**
 * A timestamp column as ISO 8601: PostgreSQL gives a Date; SQLite gives UTC text such as
 * "2026-03-14 02:33:33.906", read as UTC like TypeORM's SQLite driver does.
 */
export function isoTime(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (SQLITE_TIME.test(value)) return isoOfSqliteTime(value);
  let text = value;
  if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(text)) text = text.replace(' ', 'T');
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(text)) text += 'Z';
  return new Date(text).toISOString();
}

/** A timestamp column as a Date, as TypeORM hydrates it (see isoTime). */
export function rawDate(value: string | Date | null | undefined): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && SQLITE_TIME.test(value)) return new Date(isoOfSqliteTime(value));
  const iso = isoTime(value);
  return iso === null ? null : new Date(iso);
}

/** SQL written with `?` placeholders, numbered `$1, $2…` for PostgreSQL. Built once, not per query. */
export function placeholders(engine: DatabaseEngine, sql: string): string {
  if (engine !== 'postgres') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
