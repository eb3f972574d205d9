import { addDays, calendarDayAsUtc, weekdayIndex } from '../../common/calendar-days';
import { RuleViolationError } from '../../common/domain-errors';
import type { SeriesFrequency } from './meeting-series.entity';

/**
 * The days of a series' rule, computed on calendar days (no time zone: each day's wall-clock time
 * becomes an instant later, so 10:00 stays 10:00 across daylight-saving changes). The rule is the
 * subset of RFC 5545 the calendar entry writes as an RRULE (ical-generator): FREQ=WEEKLY with
 * INTERVAL, BYDAY and WKST=MO; FREQ=MONTHLY with BYDAY=<day>;BYSETPOS=<n>; always a COUNT.
 * The tests expand the written RRULE with ical.js and compare the days.
 */

/** Monday first, as `weekdayIndex` counts. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const NTH_VALUES = [1, 2, 3, 4, -1] as const;

/** The bounds of a series: at most this many occurrences, within this many days of the first. */
export const MAX_OCCURRENCES = 100;
export const MAX_SPAN_DAYS = 731;

export interface SeriesRule {
  frequency: SeriesFrequency;
  interval: number;
  weekdays: Weekday[];
  /** Monthly only: 1 to 4, or -1 for the last such weekday of the month. */
  nth: number | null;
  /** The rule starts on or after this day. */
  from: string;
  until?: string | null;
  count?: number | null;
}

/** The rule's days in order (at least one), or a rule violation naming the field at fault. */
export function ruleDays(rule: SeriesRule): string[] {
  const { until, count } = rule;
  if ((until ? 1 : 0) + (count ? 1 : 0) !== 1) {
    throw new RuleViolationError('errors.series.oneEnd', 'until');
  }
  if (rule.frequency === 'monthly' && (rule.weekdays.length !== 1 || rule.nth === null)) {
    throw new RuleViolationError('errors.series.monthlyDay', 'nth');
  }
  if (rule.frequency === 'weekly' && rule.weekdays.length === 0) {
    throw new RuleViolationError('errors.series.weekdays', 'weekdays');
  }
  const limit = addDays(rule.from, MAX_SPAN_DAYS);
  if (until && until < rule.from)
    throw new RuleViolationError('errors.series.untilBefore', 'until');
  if (until && until > limit) {
    throw new RuleViolationError(
      { key: 'errors.series.tooLong', params: { days: MAX_SPAN_DAYS } },
      'until',
    );
  }
  const last = until ?? limit;
  const days: string[] = [];
  const candidates = rule.frequency === 'weekly' ? weeklyDays(rule, last) : monthlyDays(rule, last);
  for (const day of candidates) {
    if (count && days.length === count) break;
    days.push(day);
    if (days.length > MAX_OCCURRENCES) {
      throw new RuleViolationError(
        { key: 'errors.series.tooMany', params: { count: MAX_OCCURRENCES } },
        until ? 'until' : 'count',
      );
    }
  }
  if (count && days.length < count) {
    throw new RuleViolationError(
      { key: 'errors.series.tooLong', params: { days: MAX_SPAN_DAYS } },
      'count',
    );
  }
  if (days.length === 0) throw new RuleViolationError('errors.series.noOccurrence', 'until');
  return days;
}

function* weeklyDays(rule: SeriesRule, last: string): Generator<string> {
  const wanted = new Set(rule.weekdays.map((d) => WEEKDAYS.indexOf(d)));
  const firstMonday = addDays(rule.from, -weekdayIndex(rule.from));
  for (let week = 0; ; week += rule.interval) {
    const monday = addDays(firstMonday, week * 7);
    if (monday > last) return;
    for (let i = 0; i < 7; i += 1) {
      const day = addDays(monday, i);
      if (day >= rule.from && day <= last && wanted.has(i)) yield day;
    }
  }
}

function* monthlyDays(rule: SeriesRule, last: string): Generator<string> {
  const weekday = WEEKDAYS.indexOf(rule.weekdays[0]);
  const start = calendarDayAsUtc(rule.from);
  for (let m = 0; ; m += rule.interval) {
    const year = start.getUTCFullYear() + Math.floor((start.getUTCMonth() + m) / 12);
    const month = (start.getUTCMonth() + m) % 12;
    const first = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
    if (first > last) return;
    const day = nthWeekdayOfMonth(year, month, weekday, rule.nth!);
    if (day >= rule.from && day <= last) yield day;
  }
}

/** The n-th (1..4, -1 = last) weekday (0 = Monday) of a month (0-based), as 'YYYY-MM-DD'. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  nth: number,
): string {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
    const offset = (weekday - weekdayIndex(first) + 7) % 7;
    return addDays(first, offset + (nth - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);
  return addDays(lastDay, -((weekdayIndex(lastDay) - weekday + 7) % 7));
}
