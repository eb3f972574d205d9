import { likePattern, normalizeForSearch } from './text';

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
