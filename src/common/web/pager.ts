import type { Page } from '../pagination';

/** The "page x of y / previous / next" links under a list, as the `pager` partial shows them. */
export interface PagerView {
  page: number;
  /** The number of pages, or (`more`) a lower bound of it: "page 1 of 5+". */
  pages: number;
  more: boolean;
  previous: string | null;
  next: string | null;
  /**
   * Set when the page asked for is past the last one (an old link, `?page=99`): the page to show
   * instead, where the list continues (ViewService.sendPage redirects there).
   */
  pastTheEnd?: string;
}

/**
 * The pager of one page of a list, or null when everything fits on one page (no links to show).
 * `hrefFor` builds the link of another page, keeping the list's filters (see pageHref).
 * `exact` false (a count that stopped at a bound, see the partner list): there are more than
 * `total` items, so more pages than counted and always a next one.
 */
export function pager(
  page: number,
  pageSize: number,
  total: number,
  hrefFor: (page: number) => string,
  exact = true,
  shown?: number,
): PagerView | null {
  // A bounded count, but this page is not full: it is the last one, and the count is known.
  if (!exact && shown !== undefined && shown < pageSize) {
    if (shown === 0 && page > 1)
      return {
        ...pager(page, pageSize, total, hrefFor, false)!,
        pastTheEnd: hrefFor(1),
        next: null,
      };
    return pager(page, pageSize, (page - 1) * pageSize + shown, hrefFor, true);
  }
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (exact && pages === 1 && page === 1) return null;
  return {
    page,
    pages,
    more: !exact,
    previous: page > 1 ? hrefFor(exact ? Math.min(page - 1, pages) : page - 1) : null,
    next: page < pages || !exact ? hrefFor(page + 1) : null,
    ...(exact && page > pages ? { pastTheEnd: hrefFor(pages) } : {}),
  };
}

/**
 * The pager of a page of results as services return them (`Page` of common/pagination, the API's
 * paging too): its number, size, total and whether the total is exact.
 */
export function pagerOf(
  page: Pick<Page<unknown>, 'page' | 'pageSize' | 'total' | 'totalExact' | 'items'>,
  hrefFor: (page: number) => string,
): PagerView | null {
  const exact = page.totalExact ?? true;
  return pager(page.page, page.pageSize, page.total, hrefFor, exact, page.items.length);
}

/**
 * Links to the pages of `path` with the other query parameters kept, in the order given; empty
 * ones (undefined, null, '') are left out so that links stay short.
 */
export function pageHref(
  path: string,
  params: Record<string, string | number | null | undefined> = {},
): (page: number) => string {
  const kept = Object.entries(params).filter(
    (entry): entry is [string, string | number] =>
      entry[1] !== undefined && entry[1] !== null && entry[1] !== '',
  );
  return (page) => {
    const search = new URLSearchParams(
      kept.map(([key, value]): [string, string] => [key, String(value)]),
    );
    search.set('page', String(page));
    return `${path}?${search.toString()}`;
  };
}
