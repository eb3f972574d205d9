import { compareFrench, compareFrenchLoosely } from './french-order';

describe('French order', () => {
  it('sorts accented names among the plain ones, not after Z', () => {
    expect(['Zoé Martin', 'Éric Dubois', 'Emma Petit', 'arthur Roy'].sort(compareFrench)).toEqual([
      'arthur Roy',
      'Emma Petit',
      'Éric Dubois',
      'Zoé Martin',
    ]);
  });

  it('loosely: accents and case do not tell names apart', () => {
    expect(compareFrenchLoosely('Évry', 'evry')).toBe(0);
    expect(compareFrench('Évry', 'evry')).not.toBe(0);
    expect(compareFrenchLoosely('Épinay', 'Eragny')).toBeLessThan(0);
  });
});
