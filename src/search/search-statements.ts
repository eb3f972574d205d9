import type { SearchHit } from './search-results';

/** A row of either statement. */
export interface HitRow {
  kind: string;
  record_id: number | string;
  parent_id: number | string | null;
  archived: number | string;
  title: string;
  body: string;
  total: number | string;
}

/** Replaced by the condition of a reader's scope (or left: true, no scope). */
export const SCOPE_MARK = '/*scope*/ 1 = 1';

/** Longest text of an entry read back (an excerpt is cut from it). */
const BODY_READ = 20000;

/**
 * The rows shown, read for the best `perKind` of each kind only: the ranking itself reads ids,
 * kinds and titles, never the texts (a common word matches thousands of entries at L).
 */
const TOP_OF_EACH_KIND = `
  SELECT e."kind", e."record_id", e."parent_id", e."archived", e."title",
    substr(e."body", 1, ${BODY_READ}) AS "body", r."total"
  FROM "ranked" r JOIN "search_entries" e ON e."id" = r."id"
  WHERE r."n" <= ? ORDER BY r."kind", r."n"`;

/**
 * The search statements, one per engine (docs/search.md): the entries matching every word, best
 * first, at most `perKind` of each kind with the count of each kind. FTS5 on SQLite (bm25, title
 * weighted 10), tsvector on PostgreSQL (ts_rank, title weighted A). SCOPE_MARK is where a
 * reader's scope goes (SearchQueries). A plain module: the benchmark's baseline runs the same text.
 */
export const SQLITE_SEARCH = `
  WITH "matched" AS (
    SELECT "rowid" AS "id", bm25("search_entries_fts", 10.0, 1.0) AS "score"
    FROM "search_entries_fts" WHERE "search_entries_fts" MATCH ?
  ), "ranked" AS (
    SELECT e."id", e."kind",
      count(*) OVER (PARTITION BY e."kind") AS "total",
      row_number() OVER (PARTITION BY e."kind" ORDER BY m."score", e."title", e."id") AS "n"
    FROM "matched" m JOIN "search_entries" e ON e."id" = m."id"
    WHERE /*scope*/ 1 = 1
  )
  ${TOP_OF_EACH_KIND}`;

export const POSTGRES_SEARCH = `
  WITH "query" AS (SELECT to_tsquery('maillage_search', ?) AS "q"),
  "ranked" AS (
    SELECT e."id", e."kind",
      count(*) OVER (PARTITION BY e."kind") AS "total",
      row_number() OVER (
        PARTITION BY e."kind" ORDER BY ts_rank(e."document", "query"."q") DESC, e."title", e."id"
      ) AS "n"
    FROM "search_entries" e, "query" WHERE e."document" @@ "query"."q" AND /*scope*/ 1 = 1
  )
  ${TOP_OF_EACH_KIND}`;

/** A row of either statement as a hit. */
export function hitOf(row: HitRow): SearchHit {
  return {
    kind: row.kind,
    recordId: Number(row.record_id),
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    archived: Number(row.archived) === 1,
    title: row.title,
    body: row.body,
    total: Number(row.total),
  };
}
