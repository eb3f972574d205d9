import { byFrenchTitle, compareFrench, compareFrenchLoosely } from './french-order';

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

  it('sorts records by title in French order, then by id', () => {
    const records = [
      { id: 3, title: 'Forum' },
      { id: 2, title: 'École' },
      { id: 1, title: 'Forum' },
    ];
    expect([...records].sort(byFrenchTitle).map((r) => r.id)).toEqual([2, 1, 3]);
  });
});
