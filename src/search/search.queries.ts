import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';
import { fts5Query, tsQuery, type SearchWords } from './search-words';

/** One entry found, with how many entries of its kind matched. */
export interface SearchHit {
  kind: string;
  recordId: number;
  parentId: number | null;
  archived: boolean;
  title: string;
  body: string;
  /** Entries of this kind that matched (the hits are the best `perKind` of them). */
  total: number;
}

interface HitRow {
  kind: string;
  record_id: number | string;
  parent_id: number | string | null;
  archived: number | string;
  title: string;
  body: string;
  total: number | string;
}

/**
 * Which entries a reader may find: every entry of the `open` kinds, and of the `listed` kinds only
 * the records listed (a partner in the portal: its own projects and meetings). No scope: all.
 */
export interface SearchScope {
  open: string[];
  listed: Record<string, number[]>;
}

/** Longest text of an entry read back (an excerpt is cut from it). */
const BODY_READ = 20000;

/**
 * The entries matching every word, best first, at most `perKind` of each kind with the count of
 * each kind, in one statement. FTS5 on SQLite (bm25, title weighted 10), tsvector on PostgreSQL
 * (ts_rank, title weighted A). The search context reads only its own table.
 */
const SQLITE = `
  WITH "matched" AS (
    SELECT "rowid" AS "id", bm25("search_entries_fts", 10.0, 1.0) AS "score"
    FROM "search_entries_fts" WHERE "search_entries_fts" MATCH ?
  ), "ranked" AS (
    SELECT e."kind", e."record_id", e."parent_id", e."archived", e."title",
      substr(e."body", 1, ${BODY_READ}) AS "body",
      count(*) OVER (PARTITION BY e."kind") AS "total",
      row_number() OVER (PARTITION BY e."kind" ORDER BY m."score", e."title", e."id") AS "n"
    FROM "matched" m JOIN "search_entries" e ON e."id" = m."id"
    WHERE /*scope*/ 1 = 1
  )
  SELECT "kind", "record_id", "parent_id", "archived", "title", "body", "total"
  FROM "ranked" WHERE "n" <= ? ORDER BY "kind", "n"`;

const POSTGRES = `
  WITH "query" AS (SELECT to_tsquery('maillage_search', ?) AS "q"),
  "ranked" AS (
    SELECT e."kind", e."record_id", e."parent_id", e."archived", e."title",
      left(e."body", ${BODY_READ}) AS "body",
      count(*) OVER (PARTITION BY e."kind") AS "total",
      row_number() OVER (
        PARTITION BY e."kind" ORDER BY ts_rank(e."document", "query"."q") DESC, e."title", e."id"
      ) AS "n"
    FROM "search_entries" e, "query" WHERE e."document" @@ "query"."q" AND /*scope*/ 1 = 1
  )
  SELECT "kind", "record_id", "parent_id", "archived", "title", "body", "total"
  FROM "ranked" WHERE "n" <= ? ORDER BY "kind", "n"`;

@Injectable()
export class SearchQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The entries matching every word (none when there is no word), within the scope if any. */
  async hits(search: SearchWords, perKind: number, scope?: SearchScope): Promise<SearchHit[]> {
    if (search.words.length === 0) return [];
    const postgres = this.dataSource.options.type === 'postgres';
    const [filter, values] = scope ? scopeFilter(scope) : ['1 = 1', []];
    const statement = (postgres ? POSTGRES : SQLITE).replace('/*scope*/ 1 = 1', filter);
    const rows = await sql<HitRow>(this.dataSource.manager, statement, [
      postgres ? tsQuery(search) : fts5Query(search),
      ...values,
      perKind,
    ]);
    return rows.map((row) => ({
      kind: row.kind,
      recordId: Number(row.record_id),
      parentId: row.parent_id === null ? null : Number(row.parent_id),
      archived: Number(row.archived) === 1,
      title: row.title,
      body: row.body,
      total: Number(row.total),
    }));
  }
}

/** The scope as a condition on the entries `e`, with its values (an empty list finds nothing). */
function scopeFilter(scope: SearchScope): [string, (string | number[])[]] {
  const terms: string[] = [];
  const values: (string | number[])[] = [];
  for (const kind of scope.open) {
    terms.push('e."kind" = ?');
    values.push(kind);
  }
  for (const [kind, ids] of Object.entries(scope.listed)) {
    if (ids.length === 0) continue;
    terms.push('(e."kind" = ? AND e."record_id" IN (?))');
    values.push(kind, ids);
  }
  return [terms.length ? `(${terms.join(' OR ')})` : '1 = 0', values];
}
