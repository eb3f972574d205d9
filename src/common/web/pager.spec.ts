import { pageHref, pager, pagerOf } from './pager';

describe('pager', () => {
  const href = (page: number) => `/list?page=${page}`;

  it('shows nothing when the list fits on one page', () => {
    expect(pager(1, 20, 0, href)).toBeNull();
    expect(pager(1, 20, 20, href)).toBeNull();
  });

  it('links the first page to the next one only', () => {
    expect(pager(1, 20, 21, href)).toEqual({
      page: 1,
      pages: 2,
      more: false,
      previous: null,
      next: '/list?page=2',
    });
  });

  it('links a middle page both ways and the last page back only', () => {
    expect(pager(2, 10, 35, href)).toEqual({
      page: 2,
      pages: 4,
      more: false,
      previous: '/list?page=1',
      next: '/list?page=3',
    });
    expect(pager(4, 10, 35, href)).toMatchObject({ previous: '/list?page=3', next: null });
  });

  it('leads back to the last page from a page past the end', () => {
    expect(pager(9, 10, 35, href)).toEqual({
      page: 9,
      pages: 4,
      more: false,
      previous: '/list?page=4',
      next: null,
      pastTheEnd: '/list?page=4',
    });
    expect(pager(3, 20, 0, href)).toMatchObject({
      pages: 1,
      previous: '/list?page=1',
      pastTheEnd: '/list?page=1',
    });
  });

  it('says "and more" and always links the next page when the count stopped at a bound', () => {
    expect(pager(1, 20, 100, href, false)).toEqual({
      page: 1,
      pages: 5,
      more: true,
      previous: null,
      next: '/list?page=2',
    });
    // Page 2 of "more than 20" has 20 more items ahead at least: next, and back to page 1.
    expect(pager(2, 10, 20, href, false)).toMatchObject({
      pages: 2,
      previous: '/list?page=1',
      next: '/list?page=3',
    });
    // A single page's worth counted, but more beyond: still a pager.
    expect(pager(1, 20, 20, href, false)).toMatchObject({ pages: 1, more: true });
  });
});

describe('pageHref', () => {
  it('keeps the other parameters in order and leaves out empty ones', () => {
    const link = pageHref('/partners', { q: 'café & co', kind: undefined, active: 'all', t: '' });
    expect(link(3)).toBe('/partners?q=caf%C3%A9+%26+co&active=all&page=3');
  });

  it('links with the page alone without other parameters', () => {
    expect(pageHref('/outbox')(2)).toBe('/outbox?page=2');
    expect(pageHref('/meetings', { pageSize: 50, status: null })(1)).toBe(
      '/meetings?pageSize=50&page=1',
    );
  });
});

describe('pagerOf', () => {
  const links = pageHref('/partners');
  const items = (count: number) => Array.from({ length: count }, (_, i) => i);

  it('reads a page of results as services return it', () => {
    expect(pagerOf({ page: 2, pageSize: 10, total: 25, items: items(10) }, links)).toEqual(
      pager(2, 10, 25, links),
    );
    expect(pagerOf({ page: 1, pageSize: 10, total: 5, items: items(5) }, links)).toBeNull();
  });

  it('shows "more" pages when the count stopped at its bound and the page is full', () => {
    expect(
      pagerOf({ page: 1, pageSize: 10, total: 20, totalExact: false, items: items(10) }, links),
    ).toEqual(pager(1, 10, 20, links, false));
  });

  it('knows the last page of a bounded count by a page that is not full: no endless "next"', () => {
    const last = pagerOf(
      { page: 14, pageSize: 10, total: 100, totalExact: false, items: items(3) },
      links,
    )!;
    expect(last).toMatchObject({ page: 14, pages: 14, more: false, next: null });
    expect(last.pastTheEnd).toBeUndefined();
    const past = pagerOf(
      { page: 30, pageSize: 10, total: 100, totalExact: false, items: [] },
      links,
    )!;
    expect(past).toMatchObject({ next: null, pastTheEnd: '/partners?page=1' });
  });

  it('points a page past the last one to the last one', () => {
    expect(pager(99, 10, 25, links)).toMatchObject({ pastTheEnd: '/partners?page=3', next: null });
    expect(pager(3, 10, 25, links)?.pastTheEnd).toBeUndefined();
  });
});
