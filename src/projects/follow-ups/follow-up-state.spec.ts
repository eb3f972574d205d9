import { calendarDayInZone, startOfDayInZone } from '../../common/calendar-days';
import { daysBetween, followUpStateOf, scheduleFrom } from './follow-up-state';
import { isoWeek } from '../reminders/project-reminders.service';

const launched = new Date('2026-03-02T09:00:00Z');
const day = (n: number) => new Date(launched.getTime() + n * 86_400_000);

describe('follow-up state', () => {
  const project = { ...scheduleFrom(launched, 30), snoozedUntil: null };

  it('30-day cadence: on track at 10, due soon at 20, overdue at 31, stale at 61', () => {
    expect(followUpStateOf(project, day(10))).toBe('on-track');
    expect(followUpStateOf(project, day(15.99))).toBe('on-track');
    expect(followUpStateOf(project, day(16))).toBe('due-soon');
    expect(followUpStateOf(project, day(20))).toBe('due-soon');
    expect(followUpStateOf(project, day(30))).toBe('overdue');
    expect(followUpStateOf(project, day(31))).toBe('overdue');
    expect(followUpStateOf(project, day(59))).toBe('overdue');
    expect(followUpStateOf(project, day(60))).toBe('stale');
    expect(followUpStateOf(project, day(61))).toBe('stale');
  });

  it('a snooze hides the state until its date', () => {
    const snoozed = { ...project, snoozedUntil: day(40) };
    expect(followUpStateOf(snoozed, day(35))).toBe('snoozed');
    expect(followUpStateOf(snoozed, day(40))).toBe('overdue');
  });

  it('a short cadence is due soon in its second half only, never from the start', () => {
    const fortnight = { ...scheduleFrom(launched, 14), snoozedUntil: null };
    expect(fortnight.dueSoonAt).toEqual(day(7));
    expect(followUpStateOf(fortnight, launched)).toBe('on-track');
    expect(followUpStateOf(fortnight, day(6.9))).toBe('on-track');
    expect(followUpStateOf(fortnight, day(7))).toBe('due-soon');
    expect(followUpStateOf(fortnight, day(14))).toBe('overdue');
  });

  it.each([1, 7, 14, 30, 56, 60, 90, 365])(
    'with a cadence of %i days: on track the day of a follow-up, due soon at most 14 days before',
    (cadence) => {
      const schedule = scheduleFrom(launched, cadence);
      const project = { ...schedule, snoozedUntil: null };
      expect(followUpStateOf(project, launched)).toBe('on-track');
      expect(followUpStateOf(project, new Date(schedule.dueAt.getTime() - 1))).toBe('due-soon');
      const window = schedule.dueAt.getTime() - schedule.dueSoonAt.getTime();
      expect(window).toBeLessThanOrEqual(14 * 86_400_000);
      expect(window).toBeGreaterThan(0);
    },
  );

  it('an untracked project has no state', () => {
    expect(
      followUpStateOf({ dueSoonAt: null, dueAt: null, staleAt: null, snoozedUntil: null }, day(1)),
    ).toBe('not-tracked');
  });

  it('counts whole days', () => {
    expect(daysBetween(launched, day(1.5))).toBe(1);
    expect(daysBetween(day(2), launched)).toBe(0);
  });
});

describe('local dates', () => {
  it('gives the calendar day in the time zone and its first instant (DST-aware)', () => {
    expect(calendarDayInZone(new Date('2026-03-01T23:30:00Z'), 'Europe/Brussels')).toBe(
      '2026-03-02',
    );
    expect(startOfDayInZone('2026-01-15', 'Europe/Brussels').toISOString()).toBe(
      '2026-01-14T23:00:00.000Z',
    );
    expect(startOfDayInZone('2026-07-15', 'Europe/Brussels').toISOString()).toBe(
      '2026-07-14T22:00:00.000Z',
    );
    expect(startOfDayInZone('2026-03-29', 'Europe/Brussels').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });

  it('names ISO weeks', () => {
    expect(isoWeek('2026-03-02')).toBe('2026-W10');
    expect(isoWeek('2026-03-08')).toBe('2026-W10');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
  });
});
