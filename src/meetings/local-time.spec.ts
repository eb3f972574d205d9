import { addDays, instantToLocal, isoWeek, localToInstant, weekdayIndex } from './local-time';

describe('local time of the network', () => {
  const tz = 'Europe/Brussels';

  it('turns a local date and time into the right instant, summer and winter', () => {
    expect(localToInstant('2026-03-12', '09:30', tz)?.toISOString()).toBe(
      '2026-03-12T08:30:00.000Z',
    );
    expect(localToInstant('2026-07-01', '09:30', tz)?.toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    );
    // The day clocks go forward (29 March 2026): 03:30 is summer time already.
    expect(localToInstant('2026-03-29', '03:30', tz)?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('refuses dates and times that do not exist', () => {
    expect(localToInstant('2026-02-30', '09:00', tz)).toBeNull();
    expect(localToInstant('2026-03-12', '25:00', tz)).toBeNull();
    expect(localToInstant('12/03/2026', '09:00', tz)).toBeNull();
    expect(localToInstant('2026-03-12', '', tz)).toBeNull();
  });

  it('gives back the local date and time of an instant', () => {
    expect(instantToLocal(new Date('2026-03-12T08:30:00Z'), tz)).toEqual({
      day: '2026-03-12',
      time: '09:30',
    });
    expect(instantToLocal(new Date('2026-03-12T23:30:00Z'), tz)).toEqual({
      day: '2026-03-13',
      time: '00:30',
    });
  });

  it('counts weeks and days', () => {
    expect(isoWeek('2026-03-12')).toBe(11);
    expect(isoWeek('2026-01-01')).toBe(1);
    expect(isoWeek('2027-01-01')).toBe(53);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(weekdayIndex('2026-03-02')).toBe(0);
    expect(weekdayIndex('2026-03-01')).toBe(6);
  });
});
