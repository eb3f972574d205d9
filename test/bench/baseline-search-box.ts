import {
  RESULTS_PER_KIND,
  SEARCH_KINDS,
  searchResults,
  STAFF_HREF,
  type SearchResults,
  type SearchWording,
} from '../../src/search/search-results';
import {
  hitOf,
  POSTGRES_SEARCH,
  SQLITE_SEARCH,
  type HitRow,
} from '../../src/search/search-statements';
import { fts5Query, searchWords, tsQuery } from '../../src/search/search-words';
import { BaselineHttpError } from './baseline-documents';
import type { BaselineViews } from './baseline-views';
import type { BaselineDb } from './baseline-db';

/**
 * The baseline's staff search (GET /api/search?q=): the app's own statement on the same FTS5 index (tsvector on PostgreSQL)
 * (search-statements.ts, no scope), prepared once, and the app's pure grouping and marking
 * (search-results.ts, search-words.ts), so that the row measures what the framework adds.
 */
export function searchBox(db: BaselineDb, views: BaselineViews) {
  const statement = db.prepare<HitRow>({ sqlite: SQLITE_SEARCH, pg: POSTGRES_SEARCH });
  const query = db.engine === 'pg' ? tsQuery : fts5Query;
  const labels = new Map(SEARCH_KINDS.map((kind) => [kind, views.t(`search.kind.${kind}`)]));
  const wording: SearchWording = {
    label: (kind) => labels.get(kind)!,
    untitled: views.t('search.untitled'),
    href: (kind, hit) => STAFF_HREF[kind](hit),
  };
  return async (url: URL): Promise<SearchResults> => {
    const q = url.searchParams.get('q') ?? '';
    if (q.length > 200) throw new BaselineHttpError(400, 'q: 200 characters at most');
    const search = searchWords(q);
    const rows = search.words.length ? await statement.all([query(search), RESULTS_PER_KIND]) : [];
    return searchResults(q, search, SEARCH_KINDS, rows.map(hitOf), wording);
  };
}
