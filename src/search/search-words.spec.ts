import { excerpt, fold, fts5Query, markWords, searchWords, tsQuery } from './search-words';

describe('search words', () => {
  it('folds case and accents as the indexes do', () => {
    expect(fold('ÉPINAY-sur-Seine')).toBe('epinay-sur-seine');
    expect(searchWords('  Épinay   ÉPINAY, sur «Seine» ').words).toEqual([
      'epinay',
      'sur',
      'seine',
    ]);
  });

  it('keeps only letters and digits: query syntax is never passed on', () => {
    for (const text of ['"', '*', '-', '()', '^:', "'", '\\', '&|!<->', '']) {
      expect(searchWords(text).words).toEqual([]);
    }
    const hostile = searchWords('"a" NEAR(b* -c) title:d ^e \'f\' g:*');
    expect(hostile.words).toEqual(['a', 'near', 'b', 'c', 'title', 'd', 'e', 'f', 'g']);
    expect(fts5Query(hostile)).not.toMatch(/[()^:*'-]/);
    expect(tsQuery(hostile)).not.toMatch(/[()^:*"|!<>-]/);
  });

  it('uses 10 words at most', () => {
    expect(searchWords('a b c d e f g h i j k l').words).toHaveLength(10);
  });

  it('quotes each word, the last one a prefix from 3 letters', () => {
    expect(fts5Query(searchWords('mission insert'))).toBe('"mission" "insert" *');
    expect(tsQuery(searchWords('mission insert'))).toBe("'mission' & 'insert':*");
    expect(fts5Query(searchWords('mission de'))).toBe('"mission" "de"');
  });

  it('marks the matching words, accents and case ignored, keeping the text as typed', () => {
    const parts = markWords('Mission locale d’Épinay : l’insertion', searchWords('epinay insert'));
    expect(parts).toEqual([
      { text: 'Mission locale d’', mark: false },
      { text: 'Épinay', mark: true },
      { text: ' : l’', mark: false },
      { text: 'insertion', mark: true },
    ]);
    expect(markWords('<b>x</b>', searchWords('b'))).toEqual([
      { text: '<', mark: false },
      { text: 'b', mark: true },
      { text: '>x</', mark: false },
      { text: 'b', mark: true },
      { text: '>', mark: false },
    ]);
  });

  it('shows tags as words and drops the plain-text underlines of the minutes', () => {
    expect(excerpt('Premiers contrats. ["public","langue"] []', searchWords('contrats'))).toBe(
      'Premiers contrats. public, langue',
    );
    expect(
      excerpt('Compte rendu — Comité ========= Date : 12 mars - un tiret', searchWords('date')),
    ).toBe('Compte rendu — Comité Date : 12 mars - un tiret');
    // Typed text shaped like a list but no JSON (a bad escape) stays as typed, never an error.
    expect(excerpt(String.raw`Voir ["C:\dossier"] ici`, searchWords('voir'))).toBe(
      String.raw`Voir ["C:\dossier"] ici`,
    );
  });

  it('shows a long text around its first match', () => {
    const text = `${'début '.repeat(60)}le mot couture ici ${'fin '.repeat(80)}`;
    const shown = excerpt(text, searchWords('couture'));
    expect(shown).toMatch(/^….*couture.*…$/);
    expect(shown.length).toBeLessThan(240);
  });
});
