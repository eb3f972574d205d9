import { nthWeekdayOfMonth, ruleDays } from './series-rule';

describe('series rule', () => {
  it('finds the 2nd Tuesday and the last Thursday of each month', () => {
    expect(nthWeekdayOfMonth(2027, 2, 1, 2)).toBe('2027-03-09');
    expect(nthWeekdayOfMonth(2027, 0, 3, -1)).toBe('2027-01-28');
    expect(
      ruleDays({
        frequency: 'monthly',
        interval: 1,
        weekdays: ['TU'],
        nth: 2,
        from: '2027-01-01',
        count: 3,
      }),
    ).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
  });

  it('repeats every other week on the chosen days from the first one', () => {
    expect(
      ruleDays({
        frequency: 'weekly',
        interval: 2,
        weekdays: ['MO', 'TH'],
        nth: null,
        from: '2027-01-06',
        until: '2027-01-31',
      }),
    ).toEqual(['2027-01-07', '2027-01-18', '2027-01-21']);
  });

  it('refuses two ends, no end, and more than 100 occurrences', () => {
    const weekly = {
      frequency: 'weekly' as const,
      interval: 1,
      weekdays: ['MO' as const],
      nth: null,
      from: '2027-01-04',
    };
    expect(() => ruleDays({ ...weekly, count: 2, until: '2027-02-01' })).toThrow(
      'errors.series.oneEnd',
    );
    expect(() => ruleDays(weekly)).toThrow('errors.series.oneEnd');
    expect(() => ruleDays({ ...weekly, count: 101 })).toThrow('errors.series.tooMany');
  });
});
