/**
 * The search entries' sources (migration Search, 1796600006000; docs/search.md), frozen here for
 * both engines: which table feeds which kind of entry, with which title and text. This is the one
 * place where the search context's SQL names the other contexts' tables, and it only reads them:
 * each owner table gets triggers that rewrite its entries after every insert, update or delete,
 * whoever writes (a service, a script, psql). `r.` is the owner's row being (re)indexed.
 */
export interface SearchSource {
  /** search_entries.kind */
  kind: string;
  /** The owner's table. */
  table: string;
  /** The owner's column giving search_entries.record_id (one entry per value). */
  key: string;
  /** The columns an update must touch to re-index the row (the triggers' UPDATE OF list). */
  columns: string[];
  title: string;
  body: string;
  /** The record the entry's link needs besides its own id (a contact's partner), or NULL. */
  parent: string;
  /** 1 for an archived record (shown, marked), else 0. */
  archived: string;
  /** Which rows have an entry. */
  where: string;
}

/** The columns joined by spaces, a missing value read as empty text (same SQL on both engines). */
function joined(...columns: string[]): string {
  return columns.map((column) => `coalesce(r."${column}", '')`).join(` || ' ' || `);
}

const ARCHIVED_AT = `CASE WHEN r."archived_at" IS NULL THEN 0 ELSE 1 END`;

export const SEARCH_SOURCES: SearchSource[] = [
  {
    kind: 'partner',
    table: 'partners',
    key: 'id',
    columns: [
      'name',
      'short_name',
      'territory',
      'services',
      'description',
      'active',
      'archived_at',
    ],
    title: 'r."name"',
    body: joined('short_name', 'territory', 'services', 'description'),
    parent: 'NULL',
    archived: `CASE WHEN r."active" AND r."archived_at" IS NULL THEN 0 ELSE 1 END`,
    where: '1 = 1',
  },
  {
    // An erased contact (privacy erasure: the name replaced, erased_at set) has no entry.
    kind: 'contact',
    table: 'contacts',
    key: 'id',
    columns: ['full_name', 'job_title', 'email', 'partner_id', 'erased_at'],
    title: 'r."full_name"',
    body: joined('job_title', 'email'),
    parent: 'r."partner_id"',
    archived: '0',
    where: 'r."erased_at" IS NULL',
  },
  {
    kind: 'meeting',
    table: 'meetings',
    key: 'id',
    columns: ['title', 'description', 'venue_name', 'venue_address'],
    title: 'r."title"',
    body: joined('description', 'venue_name', 'venue_address'),
    parent: 'NULL',
    archived: '0',
    where: '1 = 1',
  },
  {
    kind: 'theme',
    table: 'themes',
    key: 'id',
    columns: ['title', 'description', 'tags', 'archived_at'],
    title: 'r."title"',
    body: joined('description', 'tags'),
    parent: 'NULL',
    archived: ARCHIVED_AT,
    where: '1 = 1',
  },
  {
    kind: 'speaker',
    table: 'speakers',
    key: 'id',
    columns: ['name', 'organisation_name', 'tags', 'notes', 'archived_at'],
    title: 'r."name"',
    body: joined('organisation_name', 'tags', 'notes'),
    parent: 'NULL',
    archived: ARCHIVED_AT,
    where: '1 = 1',
  },
  {
    kind: 'project',
    table: 'projects',
    key: 'id',
    columns: ['title', 'description', 'expected_outcomes'],
    title: 'r."title"',
    body: joined('description', 'expected_outcomes'),
    parent: 'NULL',
    archived: '0',
    where: '1 = 1',
  },
  {
    // One entry per meeting: the text of its latest published version (record_id: the meeting).
    kind: 'minutes',
    table: 'minutes_versions',
    key: 'meeting_id',
    columns: ['title', 'text', 'version', 'meeting_id'],
    title: 'r."title"',
    body: joined('text'),
    parent: 'NULL',
    archived: '0',
    where: `NOT EXISTS (SELECT 1 FROM "minutes_versions" later WHERE later."meeting_id" = r."meeting_id" AND later."version" > r."version")`,
  },
  {
    // Published issues only: a draft has no text yet and is not what the network received.
    kind: 'newsletter',
    table: 'newsletters',
    key: 'id',
    columns: ['title', 'editorial', 'text', 'status'],
    title: `coalesce(r."title", '')`,
    body: joined('editorial', 'text'),
    parent: 'NULL',
    archived: '0',
    where: `r."status" = 'published'`,
  },
];

const COLUMNS = `"kind", "record_id", "parent_id", "archived", "title", "body"`;

/** Rows of the source as search entries, those whose key is `key` if given (a trigger's row). */
function selectEntries(source: SearchSource, key?: string): string {
  const only = key === undefined ? '' : ` AND r."${source.key}" = ${key}`;
  return (
    `SELECT '${source.kind}', r."${source.key}", ${source.parent}, ${source.archived}, ` +
    `${source.title}, ${source.body} FROM "${source.table}" r WHERE ${source.where}${only}`
  );
}

/** The back-fill of one source: every row that has an entry. */
export function backfill(source: SearchSource): string {
  return `INSERT INTO "search_entries" (${COLUMNS}) ${selectEntries(source)}`;
}

/**
 * The statements rewriting the entry of the key of `row` (`new`, `old`; NEW, OLD in PL/pgSQL):
 * its entry goes, then comes back from the table if the row (or, for minutes, the meeting's
 * latest version) still has one.
 */
export function reindex(source: SearchSource, row: string): string[] {
  const key = `${row}."${source.key}"`;
  return [
    `DELETE FROM "search_entries" WHERE "kind" = '${source.kind}' AND "record_id" = ${key}`,
    `INSERT INTO "search_entries" (${COLUMNS}) ${selectEntries(source, key)}`,
  ];
}

/** The UPDATE OF list of the triggers. */
export function watchedColumns(source: SearchSource): string {
  return source.columns.map((column) => `"${column}"`).join(', ');
}
