import { normalizeForSearch } from '../../common/text';

/** Trigram indexes find words of 3 characters or more; shorter words are looked for by a scan. */
const TRIGRAM = 3;

/** The words of a search (folded like the search text), split by whether an index can find them. */
export class SearchWords {
  readonly all: string[];
  readonly indexed: string[];
  readonly scanned: string[];

  constructor(q: string | undefined) {
    this.all = normalizeForSearch(q).split(' ').filter(Boolean);
    this.indexed = this.all.filter((word) => [...word].length >= TRIGRAM);
    this.scanned = this.all.filter((word) => [...word].length < TRIGRAM);
  }

  /** FTS5 query: each word a quoted string, matched literally as a substring; all required. */
  get ftsQuery(): string {
    return this.indexed.map((word) => `"${word.replace(/"/g, '""')}"`).join(' ');
  }
}

/**
 * Which SQL finds a page of matches, on SQLite, knowing how many there are (`total`) among about
 * `size` partners. Both cost about one partner row read per row they visit: through the index,
 * every match (then sorted by name); walking the partners by name and testing their text, about
 * (offset + limit) x size / total rows before the page is full. Common words walk, rare ones use
 * the index, so neither grows with the directory.
 */
export function pageVia(
  offset: number,
  limit: number,
  total: number,
  size: number,
): 'index' | 'walk' {
  return (offset + limit) * size < total * total ? 'walk' : 'index';
}

/** Pages of matches beyond the current one that the pager shows before it says "and more". */
export const PAGES_AHEAD = 5;

/**
 * How far the partner list counts its matches before saying "more than" (`totalExact: false`):
 * enough for the pager's window (`PAGES_AHEAD` pages from the current one) and for `pageVia` to
 * choose its plan: past sqrt((offset + limit) x size) matches the name walk is the cheaper one,
 * so a count that reaches it need not go on. Counting stops there, so a common word costs the
 * same whatever the number of partners it matches: about sqrt of the directory's size at most.
 * The SQL of `countBoundSql` computes the same figure inside the count's statement.
 */
export function countBound(offset: number, limit: number, size: number): number {
  return Math.max(offset + PAGES_AHEAD * limit, Math.ceil(Math.sqrt((offset + limit) * size)));
}

/**
 * `countBound` as an SQL expression of `size` (an SQL expression too), for the engine's dialect;
 * offset and limit are validated integers, inlined so that the caller's parameters keep their
 * numbering.
 */
export function countBoundSql(
  engine: 'sqlite' | 'postgres',
  offset: number,
  limit: number,
  size: string,
): string {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(limit)) {
    throw new Error(`countBoundSql: offset ${offset} and limit ${limit} must be integers`);
  }
  const window = offset + PAGES_AHEAD * limit;
  return engine === 'postgres'
    ? `GREATEST(${window}, CEIL(SQRT(${offset + limit}::float8 * ${size}))::int)`
    : `MAX(${window}, CAST(CEIL(SQRT(${offset + limit} * ${size})) AS INTEGER))`;
}
