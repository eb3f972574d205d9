import { likePattern, normalizeForSearch, fileNameText } from './text';

describe('normalizeForSearch', () => {
  it('drops accents and case so "equipe" finds "Équipe"', () => {
    expect(normalizeForSearch('  Équipe   Économie Sociale ')).toBe('equipe economie sociale');
    expect(normalizeForSearch('Maison de l’Emploi — Lens-Liévin')).toBe(
      'maison de l’emploi — lens-lievin',
    );
  });
  it('treats null as empty', () => {
    expect(normalizeForSearch(null)).toBe('');
  });
});

describe('likePattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('fileNameText', () => {
  it('cuts at whole characters, never inside an emoji', () => {
    expect(fileNameText(`${'a'.repeat(149)}😀.pdf`, 150)).toBe(`${'a'.repeat(149)}😀`);
    // The joiners of an emoji sequence are invisible characters too: its first emoji is kept.
    expect(fileNameText('👩\u200d👩\u200d👧 famille', 1)).toBe('👩');
  });
  it('drops direction overrides, invisible and control characters, and what file systems refuse', () => {
    expect(fileNameText('\u202egnp.exe.pdf', 50)).toBe('gnp.exe.pdf');
    expect(fileNameText('Réunion\u0001 12/03 : "bilan"', 50)).toBe('Réunion 12 03 bilan');
    expect(fileNameText('  Café  ', 50)).toBe('Café');
  });
});
