import { TRUE, type BaselineDb, type Sql } from './baseline-db';

/**
 * The baseline's partner search, shared by GET /api/partners?q= and the /partners page: the one
 * place that says how partners are matched, the same SQL as PartnersService.list on SQLite. Words
 * of 3+ characters are counted through the FTS5 trigram table `partners_search` (active partners
 * only), up to a bound (`countBound`: the pager's window, or the point where the walk is cheaper)
 * and no further; the page is read by walking partners in name order while testing their text when
 * matches are common, through the index when they are rare (`pageVia`); shorter words are scanned.
 */
const MATCH_WORD = " AND p.search_text LIKE ? ESCAPE '\\'";
/**
 * COUNT of the matches of `matches` (its parameters first), stopping after bound + 1, with the
 * bound of countBound(offset, limit, size) as parameters: window = offset + 5 x limit, then
 * offset + limit; one row `n`, `size`, `bound`.
 */
const BOUND = {
  sqlite: 'MAX(?, CAST(CEIL(SQRT(? * ids.size)) AS INTEGER))',
  pg: 'GREATEST(?::int, CEIL(SQRT(?::float8 * ids.size))::int)',
};
const boundedCount = (matches: string): Sql => {
  const text = (bound: string) =>
    `WITH directory AS (
       SELECT ids.size AS size, ${bound} AS bound
       FROM (SELECT COALESCE(MAX(id), 0) AS size FROM partners) ids
     )
     SELECT (SELECT COUNT(*) FROM (${matches} LIMIT (SELECT bound + 1 FROM directory)) found) AS n,
            size, bound
     FROM directory`;
  return { sqlite: text(BOUND.sqlite), pg: text(BOUND.pg) };
};
type Counted = { n: number; size: number; bound: number };
/** The parameter bound for each word of MATCH_WORD. */
const wordParameter = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
/** FTS5 query: each word a quoted string, all required (SearchWords.ftsQuery). */
const ftsQuery = (words: string[]) => words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');

type Raw = Record<string, unknown>;

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PartnerSearchResult {
  partners: Raw[];
  total: number;
  totalExact: boolean;
  contactCounts: Map<number, number>;
}

export function partnerSearch(db: BaselineDb) {
  const ORDER = 'ORDER BY p.name_key ASC, p.id ASC';
  // The page and its contact counts in one statement, as PartnersService.list reads them
  // (partner-list.sql.ts): the page cut first, contacts counted for its rows only.
  const COLUMNS =
    'p.id, p.name, p.name_key, p.short_name, p.kind, p.description, p.services, p.territory, p.address, p.postcode, p.latitude, p.longitude, p.website, p.email, p.phone, p.active, p.archived_at, p.created_at, p.updated_at';
  const pageOf = (where: string) =>
    `SELECT p.*, (SELECT COUNT(*) FROM contacts c WHERE c.partner_id = p.id) AS contact_count FROM (SELECT ${COLUMNS} FROM partners p WHERE ${where} ${ORDER} LIMIT ? OFFSET ?) p ${ORDER}`;
  // One prepared statement per number of words (1 to 3): the app builds its SQL per request.
  const statements = [1, 2, 3].map((words) => {
    const where = `p.active = ${TRUE[db.engine]}${MATCH_WORD.repeat(words)}`;
    return {
      count: db.prepare<Counted>(boundedCount(`SELECT 1 FROM partners p WHERE ${where}`)),
      page: db.prepare(pageOf(where)),
    };
  });
  const indexedCount = db.prepare<Counted>(
    boundedCount('SELECT 1 FROM partners_search WHERE partners_search MATCH ?'),
  );
  const indexedPage = db.prepare(
    pageOf(
      'p.active = 1 AND p.id IN (SELECT rowid FROM partners_search WHERE partners_search MATCH ?)',
    ),
  );

  /** Active partners matching every word of q, a page of them, with their contact counts. */
  return async (q: string, page: number, pageSize: number): Promise<PartnerSearchResult | null> => {
    const words = normalizeForSearch(q).split(' ').filter(Boolean);
    if (words.length === 0 || words.length > 3) return null;
    const offset = (page - 1) * pageSize;
    const parameters = words.map(wordParameter);
    const scan = statements[words.length - 1];
    const bounds = [offset + 5 * pageSize, offset + pageSize];
    const totalOf = (row: Counted | undefined) => {
      const n = Number(row?.n ?? 0);
      const bound = Number(row?.bound ?? 0);
      return { total: Math.min(n, bound), totalExact: n <= bound, size: Number(row?.size ?? 0) };
    };
    let counted: ReturnType<typeof totalOf>;
    let partners: Raw[] = [];
    // PostgreSQL has no FTS5 table: its trigram index serves LIKE, so the app always scans there.
    if (db.engine === 'sqlite' && words.every((word) => [...word].length >= 3)) {
      const match = ftsQuery(words);
      counted = totalOf(await indexedCount.get([...bounds, match]));
      const { total, size } = counted;
      const walk = (offset + pageSize) * size < total * total;
      if (offset < total) {
        partners = walk
          ? await scan.page.all([...parameters, pageSize, offset])
          : await indexedPage.all([match, pageSize, offset]);
      }
    } else {
      counted = totalOf(await scan.count.get([...bounds, ...parameters]));
      if (offset < counted.total) {
        partners = await scan.page.all([...parameters, pageSize, offset]);
      }
    }
    const { total, totalExact } = counted;
    const counts = new Map(partners.map((p) => [Number(p.id), Number(p.contact_count)]));
    return { partners, total, totalExact, contactCounts: counts };
  };
}
