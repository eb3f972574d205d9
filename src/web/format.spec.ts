import { formatDateTime, formatLongDate, formatMoney, formatShortDate, formatTime } from './format';

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
