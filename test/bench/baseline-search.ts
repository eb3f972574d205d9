import type { Database } from 'sqlite3';
import { Prepared } from './sqlite';

/**
 * The baseline's partner search, shared by GET /api/partners?q= and the /partners page: the one
 * place that says how partners are matched. Today the app scans `search_text LIKE '%word%'` over the
 * active partners (PartnersService.filtered); when it moves to an FTS5 trigram index, change
 * `MATCH_WORD` (and, if the index needs it, the FROM clause) here to the app's new query.
 */
const MATCH_WORD = " AND p.search_text LIKE ? ESCAPE '\\'";
/** The parameter bound for each word of MATCH_WORD. */
const wordParameter = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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
  contactCounts: Map<number, number>;
}

export function partnerSearch(db: Database) {
  // One prepared statement per number of words (1 to 3): the app builds its SQL per request.
  const statements = [1, 2, 3].map((words) => {
    const where = `p.active = 1${MATCH_WORD.repeat(words)}`;
    return {
      count: new Prepared<{ n: number }>(db, `SELECT COUNT(*) AS n FROM partners p WHERE ${where}`),
      page: new Prepared<Raw>(
        db,
        `SELECT * FROM partners p WHERE ${where} ORDER BY p.name_key ASC, p.id ASC LIMIT ? OFFSET ?`,
      ),
    };
  });
  const contactCounts = new Prepared<Raw>(
    db,
    'SELECT partner_id, COUNT(*) AS n FROM contacts WHERE partner_id IN (SELECT value FROM json_each(?)) GROUP BY partner_id',
  );

  /** Active partners matching every word of q, a page of them, with their contact counts. */
  return async (q: string, page: number, pageSize: number): Promise<PartnerSearchResult | null> => {
    const words = normalizeForSearch(q).split(' ').filter(Boolean);
    if (words.length === 0 || words.length > 3) return null;
    const parameters = words.map(wordParameter);
    const { count, page: select } = statements[words.length - 1];
    const total = Number((await count.get(parameters))?.n ?? 0);
    const partners = await select.all([...parameters, pageSize, (page - 1) * pageSize]);
    const counts = new Map<number, number>();
    if (partners.length) {
      const rows = await contactCounts.all([JSON.stringify(partners.map((p) => Number(p.id)))]);
      for (const row of rows) counts.set(Number(row.partner_id), Number(row.n));
    }
    return { partners, total, contactCounts: counts };
  };
}
