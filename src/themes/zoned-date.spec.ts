import { startOfDayInZone } from '../web/format';
import { nextDay } from './zoned-date';

describe('startOfDayInZone', () => {
  it('finds midnight in Brussels in winter (UTC+1) and summer (UTC+2)', () => {
    expect(startOfDayInZone('2026-01-15', 'Europe/Brussels').toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-01', 'Europe/Brussels').toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });
});

describe('nextDay', () => {
  it('crosses months and years', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
