import { addDays, calendarDayInZone, localToInstant, weekdayIndex } from '../common/calendar-days';
import { actingAt } from '../common/clock';

const DAY_MS = 86_400_000;

/** From 20 December to 3 January, and from 1 to 22 August. */
function isHoliday(day: string): boolean {
  const monthDay = day.slice(5);
  return monthDay >= '12-20' || monthDay <= '01-03' || (monthDay >= '08-01' && monthDay <= '08-22');
}

/**
 * Days and times of the demo, relative to the moment it is loaded, on the network's calendar
 * (TIME_ZONE): "28 days ago at 9:30" is 9:30 in Paris whatever the server's zone.
 */
export class DemoCalendar {
  readonly today: string;

  constructor(
    readonly now: Date,
    readonly timeZone: string,
  ) {
    this.today = calendarDayInZone(now, timeZone);
  }

  /** The calendar day `offset` days from today ('YYYY-MM-DD'). */
  day(offset: number): string {
    return addDays(this.today, offset);
  }

  /** That day at a wall-clock time of the network. */
  at(offset: number, time: string): Date {
    return localToInstant(this.day(offset), time, this.timeZone)!;
  }

  /**
   * The nearest day that falls on `weekday` (Monday = 0) outside the holidays when networks do
   * not meet (end of December, first weeks of August), as an offset: searching back from a past
   * day (it stays past), forward from a coming one.
   */
  meetingDay(offset: number, weekday: number): number {
    const step = offset < 0 ? -1 : 1;
    let day = offset;
    while (weekdayIndex(this.day(day)) !== weekday || isHoliday(this.day(day))) day += step;
    return day;
  }

  /** "mars", for titles such as "Comité emploi de mars". */
  monthOf(offset: number): string {
    return new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC' }).format(
      new Date(`${this.day(offset)}T12:00:00Z`),
    );
  }

  /** `minutes` before the loading moment, for the last steps of the story. */
  minutesAgo(minutes: number): Date {
    return new Date(this.now.getTime() - minutes * 60_000);
  }

  daysAgo(days: number): Date {
    return new Date(this.now.getTime() - days * DAY_MS);
  }
}

/**
 * The demo's story as steps in time. Played in order, each step runs as if it were its moment
 * (`actingAt`), so every service applies its own rules (invite before the meeting, attendance
 * after it...) and stamps what it writes (audit, follow-up moments, consent dates) with that moment.
 */
export class Timeline {
  private readonly steps: { at: Date; order: number; run: () => Promise<void> }[] = [];

  constructor(private readonly now: Date) {}

  add(at: Date, run: () => Promise<void>): void {
    if (at.getTime() > this.now.getTime()) {
      throw new Error(`A demo step cannot happen in the future (${at.toISOString()})`);
    }
    this.steps.push({ at, order: this.steps.length, run });
  }

  async play(): Promise<void> {
    const ordered = [...this.steps].sort(
      (a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order,
    );
    for (const step of ordered) await actingAt(step.at, step.run);
  }
}
