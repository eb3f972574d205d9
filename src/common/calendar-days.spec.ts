import {
  addDays,
  calendarDayAsUtc,
  calendarDayInZone,
  instantToLocal,
  isoWeek,
  localToInstant,
  shownLocalToInstant,
  nextDay,
  startOfDayInZone,
  weekdayIndex,
} from './calendar-days';

describe('calendar days in the network’s time zone', () => {
  const tz = 'Europe/Brussels';

  it('finds where a day begins in the time zone, across daylight saving time', () => {
    expect(startOfDayInZone('2026-01-15', tz).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDayInZone('2026-03-01', tz).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(startOfDayInZone('2026-07-01', tz).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfDayInZone('2026-03-29', tz).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInZone('2026-03-01', 'America/Montreal').toISOString()).toBe(
      '2026-03-01T05:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-01', 'UTC').toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(() => startOfDayInZone('01/07/2026', tz)).toThrow('Not a date');
  });

  it('gives the calendar day of an instant in the time zone', () => {
    expect(calendarDayInZone(new Date('2026-02-28T23:30:00Z'), tz)).toBe('2026-03-01');
    expect(calendarDayInZone(new Date('2026-02-28T23:30:00Z'), 'UTC')).toBe('2026-02-28');
    expect(calendarDayAsUtc('2026-03-12').toISOString()).toBe('2026-03-12T00:00:00.000Z');
  });

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
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayIndex('2026-03-02')).toBe(0);
    expect(weekdayIndex('2026-03-01')).toBe(6);
  });

  it('steps to the next day across months and years', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

describe('shownLocalToInstant', () => {
  it('refuses a time the clocks skip when they go forward, keeps the others', () => {
    const tz = 'Europe/Paris';
    expect(shownLocalToInstant('2027-03-28', '02:30', tz)).toBeNull();
    expect(shownLocalToInstant('2027-03-28', '03:00', tz)?.toISOString()).toBe(
      '2027-03-28T01:00:00.000Z',
    );
    expect(shownLocalToInstant('2027-03-28', '01:59:00', tz)?.toISOString()).toBe(
      '2027-03-28T00:59:00.000Z',
    );
    // October's hour that happens twice exists: the first of the two.
    expect(shownLocalToInstant('2027-10-31', '02:30', tz)).not.toBeNull();
  });
});
