import { diff } from './audit.service';

describe('diff', () => {
  it('keeps only changed fields, with before and after', () => {
    expect(
      diff({ name: 'A', phone: null, active: true }, { name: 'B', phone: null, active: true }),
    ).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });
  it('compares dates by value and stores them as ISO strings', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(diff({ at: new Date(at) }, { at })).toEqual({});
    expect(diff({ at: null }, { at })).toEqual({
      at: { before: null, after: '2026-01-01T00:00:00.000Z' },
    });
  });
  it('limits itself to the fields asked for', () => {
    expect(diff({ a: 1, b: 1 }, { a: 2, b: 2 }, ['a'])).toEqual({ a: { before: 1, after: 2 } });
  });
});
