import type { SearchGroup, SearchResults } from '../search-results';

type Say = (key: string, params?: Record<string, string | number>) => string;

export interface SearchGroupView extends SearchGroup {
  /** "10 premiers sur 23" when more matched than are listed, else undefined. */
  more?: string;
}

/** The results page: the groups that found something, each with its count. */
export function searchPage(t: Say, results: SearchResults) {
  const groups: SearchGroupView[] = results.groups
    .filter((group) => group.total > 0)
    .map((group) => ({
      ...group,
      more:
        group.total > group.items.length
          ? t('search.results.more', { shown: group.items.length, total: group.total })
          : undefined,
    }));
  const found = groups.reduce((sum, group) => sum + group.total, 0);
  return {
    title: results.q ? t('search.title.for', { q: results.q }) : t('search.title'),
    searchQuery: results.q,
    q: results.q,
    groups,
    summary: results.q ? t('search.results.summary', { found }) : undefined,
    nothing: results.q !== '' && found === 0,
    noWords: results.q !== '' && results.words.length === 0,
    errors: [] as string[],
  };
}

/** The page again with the reason the text was refused. */
export function refusedSearchPage(t: Say, typed: string, errors: string[]) {
  return {
    title: t('search.title'),
    searchQuery: typed,
    q: typed,
    groups: [],
    errors,
    searchInvalid: true,
  };
}
