import { erasureReplacements, storedForms } from './erasure';

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

  it('replaces the longest first, skips empty and one-letter values, escapes the label like the text', () => {
    const pairs = erasureReplacements(
      ['Zoé', null, '', 'x', 'Zoé Ñandú', 'a&b@x.test'],
      'Contact & co',
    );
    expect(pairs.map(([from]) => from)).toEqual([
      'a&amp;b@x.test',
      'a&b@x.test',
      'Zoé Ñandú',
      'Zoé',
    ]);
    expect(Object.fromEntries(pairs)).toMatchObject({
      'a&amp;b@x.test': 'Contact &amp; co',
      'Zoé Ñandú': 'Contact & co',
    });
  });
});
