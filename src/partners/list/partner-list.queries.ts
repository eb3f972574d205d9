import type { EntityManager } from 'typeorm';
import { likePattern } from '../../common/text';
import { sql, type SqlValue } from '../../database/sql';
import { rawDate } from '../../database/raw-values';
import type { PartnerFilterDto } from './list-partners-query.dto';
import type { Partner } from '../partner.entity';
import type { PartnerKind } from '../partner-kind';
import { countBoundSql, type SearchWords } from './partner-search';

/**
 * The partner list's page (GET /api/partners, the /partners page, partner pickers) read as raw
 * rows: one hand-written statement for the page and its contact counts, no query building nor
 * entity hydration on each request (they were the list's largest own cost in a CPU profile).
 * The CSV export reads its batches here too, and the count (`countPartnerMatches`) uses the same
 * filters, so page, count and export always find the same partners.
 */

/** A listed partner: every column but the search text, which nothing shows. */
export type ListedPartner = Omit<Partner, 'searchText'>;

export interface ListedPartnerRow {
  id: number;
  name: string;
  name_key: string;
  short_name: string | null;
  kind: string;
  description: string | null;
  services: string | null;
  territory: string | null;
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  /** SQLite: 0/1; PostgreSQL: a boolean. */
  active: boolean | number;
  archived_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  /** PostgreSQL answers COUNT(*) as text (bigint). */
  contact_count: number | string;
}

const COLUMNS = `p.id, p.name, p.name_key, p.short_name, p.kind, p.description, p.services,
  p.territory, p.address, p.postcode, p.latitude, p.longitude, p.website, p.email, p.phone,
  p.active, p.archived_at, p.created_at, p.updated_at`;
const ORDER = 'ORDER BY p.name_key ASC, p.id ASC';

/**
 * The WHERE clause of the filters, with `?` placeholders and their values in order (see sql()).
 * `via: 'index'` (SQLite only) finds the long words through the FTS5 table; the others are tested
 * with LIKE on the folded search text.
 */
export function partnerFilterSql(
  filter: PartnerFilterDto,
  words: SearchWords,
  via: 'index' | 'scan',
): { where: string; values: (SqlValue | readonly SqlValue[])[] } {
  const conditions: string[] = [];
  const values: (SqlValue | readonly SqlValue[])[] = [];
  const active = filter.active ?? 'true';
  if (active !== 'all') {
    conditions.push('p.active = ?');
    values.push(active === 'true');
  }
  if (filter.kind?.length) {
    conditions.push('p.kind IN (?)');
    values.push(filter.kind);
  }
  if (filter.territory?.trim()) {
    conditions.push('LOWER(p.territory) = ?');
    values.push(filter.territory.trim().toLowerCase());
  }
  if (via === 'index') {
    conditions.push('p.id IN (SELECT rowid FROM partners_search WHERE partners_search MATCH ?)');
    values.push(words.ftsQuery);
  }
  for (const word of via === 'index' ? words.scanned : words.all) {
    conditions.push("p.search_text LIKE ? ESCAPE '\\'");
    values.push(likePattern(word));
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', values };
}

/**
 * How many partners match, counted up to `countBound` (pager window, plan choice) and no
 * further: `exact` is false when there are more than `total`. Also (for `pageVia`) about how
 * many partners there are. One statement; with search words alone, the index counts its
 * matches without reading a partner row. The count reads at most bound + 1 matches on both
 * engines (a LIMITed subquery), so a common word costs the same at any directory size.
 * `indexed`: whether the SQLite search index can find the words (PartnersService decides).
 */
export async function countPartnerMatches(
  manager: EntityManager,
  filter: PartnerFilterDto,
  words: SearchWords,
  indexed: boolean,
  offset: number,
  limit: number,
): Promise<{ total: number; exact: boolean; size: number }> {
  const engine = manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  let matches: string;
  let parameters: (SqlValue | readonly SqlValue[])[];
  if (indexed && !filter.kind?.length && !filter.territory?.trim() && words.scanned.length === 0) {
    matches = 'SELECT 1 FROM partners_search WHERE partners_search MATCH ?';
    parameters = [words.ftsQuery];
  } else {
    const { where, values } = partnerFilterSql(filter, words, indexed ? 'index' : 'scan');
    matches = `SELECT 1 FROM partners p ${where}`;
    parameters = values;
  }
  const bound = countBoundSql(engine, offset, limit, 'ids.size');
  type Row = { counted: number | string; size: number | string; bound: number | string };
  const [row] = await sql<Row>(
    manager,
    `WITH directory AS (
       SELECT ids.size AS size, ${bound} AS bound
       FROM (SELECT COALESCE(MAX(id), 0) AS size FROM partners) ids
     )
     SELECT (SELECT COUNT(*) FROM (${matches} LIMIT (SELECT bound + 1 FROM directory)) found)
              AS counted, size, bound
     FROM directory`,
    parameters,
  );
  const counted = Number(row.counted);
  const max = Number(row.bound);
  return { total: Math.min(counted, max), exact: counted <= max, size: Number(row.size) };
}

/**
 * One page of the filtered partners in the list's order, each with its number of contacts, in
 * one statement. The page is cut first (derived table), so contacts are counted for its rows
 * only, never for every match that a sort goes through; the outer ORDER BY keeps the order,
 * which a derived table does not promise.
 */
export function readPartnerPage(
  manager: EntityManager,
  filter: PartnerFilterDto,
  words: SearchWords,
  via: 'index' | 'scan',
  offset: number,
  limit: number,
): Promise<ListedPartnerRow[]> {
  const { where, values } = partnerFilterSql(filter, words, via);
  return sql<ListedPartnerRow>(
    manager,
    `SELECT p.*, (SELECT COUNT(*) FROM contacts c WHERE c.partner_id = p.id) AS contact_count
       FROM (SELECT ${COLUMNS} FROM partners p ${where} ${ORDER} LIMIT ? OFFSET ?) p
      ${ORDER}`,
    [...values, limit, offset],
  );
}

/**
 * A batch of the CSV export: the first `size` filtered partners after the name key `after`, in the
 * list's order. The name key is unique and leads the order, so it alone is the keyset: each batch
 * starts at the unique index, however far the export is.
 */
export function readPartnerBatch(
  manager: EntityManager,
  filter: PartnerFilterDto,
  words: SearchWords,
  via: 'index' | 'scan',
  after: string | null,
  size: number,
): Promise<Omit<ListedPartnerRow, 'contact_count'>[]> {
  const { where, values } = partnerFilterSql(filter, words, via);
  const keyset = after === null ? '' : `${where ? ' AND' : 'WHERE'} p.name_key > ?`;
  return sql(manager, `SELECT ${COLUMNS} FROM partners p ${where}${keyset} ${ORDER} LIMIT ?`, [
    ...values,
    ...(after === null ? [] : [after]),
    size,
  ]);
}

/** A row as TypeORM hydrated the entity: booleans, dates and numbers of either engine. */
export function listedPartnerOf(row: Omit<ListedPartnerRow, 'contact_count'>): ListedPartner {
  return {
    id: Number(row.id),
    name: row.name,
    nameKey: row.name_key,
    shortName: row.short_name,
    kind: row.kind as PartnerKind,
    description: row.description,
    services: row.services,
    territory: row.territory,
    address: row.address,
    postcode: row.postcode,
    latitude: row.latitude,
    longitude: row.longitude,
    website: row.website,
    email: row.email,
    phone: row.phone,
    active: Boolean(row.active),
    archivedAt: rawDate(row.archived_at),
    createdAt: rawDate(row.created_at)!,
    updatedAt: rawDate(row.updated_at)!,
  };
}
