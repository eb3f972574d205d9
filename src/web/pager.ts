/** The "page x of y / previous / next" links under a list, as the `pager` partial shows them. */
export interface PagerView {
  page: number;
  pages: number;
  previous: string | null;
  next: string | null;
}

/**
 * The pager of one page of a list, or null when everything fits on one page (no links to show).
 * `hrefFor` builds the link of another page, keeping the list's filters (see pageHref).
 */
export function pager(
  page: number,
  pageSize: number,
  total: number,
  hrefFor: (page: number) => string,
): PagerView | null {
  const pages = Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
  if (pages === 1 && page === 1) return null;
  return {
    page,
    pages,
    previous: page > 1 ? hrefFor(Math.min(page - 1, pages)) : null,
    next: page < pages ? hrefFor(page + 1) : null,
  };
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
