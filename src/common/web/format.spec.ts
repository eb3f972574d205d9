import {
  formatCalendarDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatMonthYear,
  formatPeriod,
  formatShortDate,
  formatTime,
  tidyText,
  underline,
} from './format';

describe('formatters', () => {
  const date = new Date('2026-03-12T08:30:00Z'); // 9:30 in Brussels (winter time)

  it('writes French dates as the users do', () => {
    expect(formatDateTime(date, 'fr', 'Europe/Brussels')).toBe('jeudi 12 mars 2026, 9 h 30');
    expect(formatShortDate(date, 'fr', 'Europe/Brussels')).toBe('12/03/2026');
  });

  it('writes English dates', () => {
    expect(formatLongDate(date, 'en', 'Europe/Brussels')).toBe('Thursday 12 March 2026');
    expect(formatTime(date, 'en', 'Europe/Brussels')).toBe('9:30');
  });

  it('follows the time zone across daylight saving time', () => {
    expect(formatTime(new Date('2026-07-01T07:00:00Z'), 'fr', 'Europe/Brussels')).toBe('9 h 00');
    expect(formatTime(new Date('2026-07-01T07:00:00Z'), 'fr', 'Europe/London')).toBe('8 h 00');
  });

  it('shows money from integer cents', () => {
    expect(formatMoney(15000, 'fr')).toBe('150,00 €');
    expect(formatMoney(123456, 'fr')).toBe('1 234,56 €');
    expect(formatMoney(15000, 'en')).toBe('€150.00');
  });
});

describe('calendar days and periods', () => {
  it('writes a calendar day without shifting it through a time zone', () => {
    expect(formatCalendarDate('2026-03-12', 'fr')).toBe('jeudi 12 mars 2026');
    expect(formatCalendarDate('2026-03-12', 'en')).toBe('Thursday 12 March 2026');
  });

  it('writes the first of the month as an ordinal in French only', () => {
    expect(formatCalendarDate('2026-11-01', 'fr')).toBe('dimanche 1er novembre 2026');
    expect(formatCalendarDate('2026-11-01', 'en')).toBe('Sunday 1 November 2026');
    expect(formatCalendarDate('2026-11-11', 'fr')).toBe('mercredi 11 novembre 2026');
    expect(formatCalendarDate('2026-11-21', 'fr')).toBe('samedi 21 novembre 2026');
  });

  it('names a whole month, or writes both ends of another period', () => {
    expect(formatPeriod('2026-03-01', '2026-03-31', 'fr')).toBe('mars 2026');
    expect(formatPeriod('2026-02-01', '2026-02-28', 'en')).toBe('February 2026');
    expect(formatPeriod('2026-03-01', '2026-04-15', 'fr')).toBe('1er mars – 15 avril 2026');
    expect(formatPeriod('2026-03-01', '2026-04-15', 'en')).toBe('1 March – 15 April 2026');
    expect(formatPeriod('2025-12-15', '2026-01-15', 'en')).toBe(
      '15 December 2025 – 15 January 2026',
    );
    expect(formatMonthYear('2026-12-05', 'fr')).toBe('décembre 2026');
  });

  it('tidies plain text and underlines titles', () => {
    expect(tidyText('  \nA  \n\n\n\nB\t\n')).toBe('A\n\nB\n');
    expect(underline('Ordre du jour')).toBe('=============');
    expect(underline('Clôture', '-')).toBe('-------');
  });
});
