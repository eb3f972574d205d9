import { countBound, pageVia } from './partner-search';

describe('countBound', () => {
  it('covers the pager window: the current page and five more', () => {
    expect(countBound(0, 20, 200)).toBe(100);
    expect(countBound(40, 20, 200)).toBe(140);
  });

  it('reaches, in a large directory, the count from which the name walk is chosen', () => {
    const bound = countBound(0, 20, 20_000);
    expect(bound).toBe(633); // ceil(sqrt(20 x 20,000))
    expect(pageVia(0, 20, bound, 20_000)).toBe('walk');
    expect(pageVia(0, 20, bound - 1, 20_000)).toBe('index');
  });
});
