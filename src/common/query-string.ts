import { parse } from 'node:querystring';

/** A query string as handlers read it: each name's value, or its values when repeated. */
export type QueryFields = Record<string, string | string[]>;

/**
 * The query parser of the app (Express's `query parser` setting), Node's as Express's "simple"
 * one is, with three differences people and tools rely on:
 * - every parameter is read: Node stops at 1,000, and a filter after them was silently dropped;
 * - `kind[]=a&kind[]=b` (as PHP-style forms and many tools write lists) reads as `kind`: the
 *   brackets made a name no handler knew, and the filter was ignored;
 * - an empty value (`?blank=`, a cleared field of a GET form) is absent, so the default applies,
 *   rather than a refusal on some routes and "empty" on others.
 */
export function parseQuery(text: string): QueryFields {
  const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [rawName, value] of Object.entries(parse(text, '&', '=', { maxKeys: 0 }))) {
    const name = rawName.endsWith('[]') && rawName.length > 2 ? rawName.slice(0, -2) : rawName;
    const values = [value ?? []].flat().filter((item) => item !== '');
    if (values.length) (fields[name] ??= []).push(...values);
  }
  const query: QueryFields = Object.create(null) as QueryFields;
  for (const [name, values] of Object.entries(fields))
    query[name] = values.length === 1 ? values[0] : values;
  return query;
}
