import { parseQuery } from './query-string';

describe('parseQuery', () => {
  it('reads names and values as Node does, repeated names as a list', () => {
    expect({ ...parseQuery('q=mission+locale&kind=plie&kind=cfa&x=%C3%A9t%C3%A9') }).toEqual({
      q: 'mission locale',
      kind: ['plie', 'cfa'],
      x: 'été',
    });
  });

  it('reads kind[] as kind, alone or beside kind', () => {
    expect({ ...parseQuery('kind[]=plie&kind[]=cfa') }).toEqual({ kind: ['plie', 'cfa'] });
    expect({ ...parseQuery('status%5B%5D=cancelled') }).toEqual({ status: 'cancelled' });
    expect({ ...parseQuery('kind=plie&kind[]=cfa') }).toEqual({ kind: ['plie', 'cfa'] });
    expect({ ...parseQuery('[]=x') }).toEqual({ '[]': 'x' });
  });

  it('leaves empty values out, so a cleared field takes its default', () => {
    expect({ ...parseQuery('blank=&page=&q=a&kind=&kind=plie') }).toEqual({
      q: 'a',
      kind: 'plie',
    });
  });

  it('reads every parameter, not the first 1,000 only', () => {
    const junk = Array.from({ length: 1500 }, (_, i) => `j${i}=1`).join('&');
    expect(parseQuery(`${junk}&kind=cfa`).kind).toBe('cfa');
  });

  it('keeps names every object inherits as plain names', () => {
    const query = parseQuery('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(query.__proto__).toBe('x');
    expect(query.constructor).toBe('y');
  });
});
