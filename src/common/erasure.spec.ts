import { erasureReplacements, spellings, storedForms } from './erasure';

describe('erasure replacements', () => {
  it('finds a name as typed, HTML-escaped and inside JSON', () => {
    expect(storedForms('Zoé O’Brien')).toEqual(['Zoé O’Brien']);
    expect(storedForms(`Anne "Nanou" D'Arc & fils`)).toEqual(
      expect.arrayContaining([
        `Anne "Nanou" D'Arc & fils`,
        'Anne &quot;Nanou&quot; D&#x27;Arc &amp; fils',
        'Anne &quot;Nanou&quot; D&#39;Arc &amp; fils',
        `Anne \\"Nanou\\" D'Arc & fils`,
      ]),
    );
  });

  it('spells a name as French text writes it: capitals, surname first, accents, no-break spaces', () => {
    const forms = spellings('Zoé Martin');
    for (const form of [
      'zoé martin',
      'ZOÉ MARTIN',
      'Zoé MARTIN',
      'MARTIN Zoé',
      'Martin Zoé',
      'Zoe\u0301 Martin',
      'Zoé\u00a0Martin',
    ])
      expect({ form, known: forms.includes(form) }).toEqual({ form, known: true });
    expect(spellings('01 23 45 67 89')).toEqual(
      expect.arrayContaining([
        '0123456789',
        '01.23.45.67.89',
        '01\u00a023\u00a045\u00a067\u00a089',
      ]),
    );
  });

  it('replaces the longest first, skips empty and one-letter values, escapes the label like the text', () => {
    const pairs = erasureReplacements(
      ['Zoé', null, '', 'x', 'Zoé Ñandú', 'a&b@x.test'],
      'Contact & co',
    );
    const froms = pairs.map(([from]) => from);
    expect(froms[0]).toBe('a&amp;b@x.test');
    expect(froms).toContain('a&b@x.test');
    expect(froms).toContain('Zoé Ñandú');
    expect(froms.indexOf('Zoé Ñandú')).toBeLessThan(froms.indexOf('Zoé'));
    expect(froms).not.toContain('x');
    expect([...froms].sort((a, b) => b.length - a.length)).toEqual(froms);
    expect(Object.fromEntries(pairs)).toMatchObject({
      'a&amp;b@x.test': 'Contact &amp; co',
      'Zoé Ñandú': 'Contact & co',
    });
  });
});
