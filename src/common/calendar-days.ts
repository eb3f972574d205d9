/**
 * Calendar days ('YYYY-MM-DD', no time zone) and the network's wall-clock time: the one place for
 * day arithmetic and for turning a day or a local time into an instant in a time zone and back.
 * Formatting for readers (long dates, periods) stays in the page kit (`common/web/format.ts`).
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/**
 * Building an Intl.DateTimeFormat costs far more than using one: one per zone and set of fields,
 * kept for the life of the process (a handful of combinations exist).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};
const DAY_ONLY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const TIME_ONLY: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

function zonedParts(
  instant: Date,
  timeZone: string,
  fields: Intl.DateTimeFormatOptions,
): Record<string, string> {
  const key = `${timeZone}|${JSON.stringify(fields)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, ...fields });
    formatters.set(key, formatter);
  }
  return Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** How far the time zone's wall clock is ahead of UTC at this instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = zonedParts(new Date(instant), timeZone, WALL_CLOCK);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant the wall clock shows `wall` (a UTC timestamp read as local time). The offset is
 * looked up twice, so times on the days clocks change land right.
 */
function wallClockToInstant(wall: number, timeZone: string): Date {
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** A calendar day as the UTC midnight that starts it; throws unless it is 'YYYY-MM-DD'. */
export function calendarDayAsUtc(day: string): Date {
  const match = DAY.exec(day);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** The UTC instant at which a calendar day begins in the time zone (midnight local time). */
export function startOfDayInZone(day: string, timeZone: string): Date {
  return wallClockToInstant(calendarDayAsUtc(day).getTime(), timeZone);
}

/** The calendar day ('YYYY-MM-DD') of an instant in the time zone. */
export function calendarDayInZone(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone, DAY_ONLY);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-03-12" + "09:30" in Europe/Brussels → 2026-03-12T08:30:00Z; null if not a real date/time. */
export function localToInstant(day: string, time: string, timeZone: string): Date | null {
  const d = DAY.exec(day);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, date, hour, minute] = [+d[1], +d[2], +d[3], +t[1], +t[2]];
  if (hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
  if (check.getUTCDate() !== date) return null;
  return wallClockToInstant(wall, timeZone);
}

/**
 * The instant of a wall-clock time that the time zone's clocks do show that day, or null: when
 * clocks go forward (last Sunday of March, 02:00 → 03:00 in Europe), 02:30 never happens, and
 * localToInstant would move it an hour without a word.
 */
export function shownLocalToInstant(day: string, time: string, timeZone: string): Date | null {
  const instant = localToInstant(day, time, timeZone);
  if (!instant) return null;
  const shown = instantToLocal(instant, timeZone);
  return shown.day === day && shown.time === time.slice(0, 5) ? instant : null;
}

/** An instant as the values of a date input and a time input in the time zone. */
export function instantToLocal(instant: Date, timeZone: string): { day: string; time: string } {
  const p = zonedParts(instant, timeZone, TIME_ONLY);
  return { day: calendarDayInZone(instant, timeZone), time: `${p.hour}:${p.minute}` };
}

/** ISO 8601 week number of a calendar day ('YYYY-MM-DD'). */
export function isoWeek(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  const d = new Date(Date.UTC(year, month - 1, date));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/** The calendar day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The next calendar day: '2026-02-28' → '2026-03-01'. */
export function nextDay(day: string): string {
  return addDays(day, 1);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

/**
 * The time zone's wall clock at an instant, as a Date whose UTC fields hold it: what a
 * spreadsheet, which knows no time zones, must be given to show the time people read here.
 */
export function wallClockAsUtc(date: Date, timeZone: string): Date {
  return new Date(date.getTime() + offsetAt(date.getTime(), timeZone));
}
