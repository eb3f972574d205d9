import { normalizeForSearch } from '../common/text';

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
