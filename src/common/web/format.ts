import { calendarDayAsUtc, calendarDayInZone } from '../calendar-days';
import { Locale } from '../../config/app-config';

/** Small pure formatters used by templates and documents, in the network's time zone and language. */

/**
 * Building an Intl.DateTimeFormat costs far more than using one (ICU loads the locale's patterns):
 * formatting every date of a newsletter at L spent 14 % of the app's CPU here. One per locale, zone
 * and options, kept for the life of the process (a handful of combinations exist).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-BE' : 'en-GB', {
      timeZone,
      ...options,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function parts(date: Date, locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const formatter = formatterFor(locale, timeZone, options);
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/** The day of the month as written before its name: French says "1er mars", then "2 mars". */
function dayOfMonth(day: string, locale: Locale): string {
  return locale === 'fr' && day === '1' ? '1er' : day;
}

/** "jeudi 12 mars 2026", "dimanche 1er mars 2026" / "Thursday 12 March 2026". */
export function formatLongDate(date: Date, locale: Locale, timeZone: string): string {
  const p = parts(date, locale, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return `${p.weekday} ${dayOfMonth(p.day, locale)} ${p.month} ${p.year}`;
}

/** "9 h 30" / "9:30". */
export function formatTime(date: Date, locale: Locale, timeZone: string): string {
  const p = parts(date, locale, timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  const hour = String(Number(p.hour));
  return locale === 'fr' ? `${hour} h ${p.minute}` : `${hour}:${p.minute}`;
}

/** "jeudi 12 mars 2026, 9 h 30". */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  return `${formatLongDate(date, locale, timeZone)}, ${formatTime(date, locale, timeZone)}`;
}

/** "12/03/2026" / "12/03/2026" (day first in both: the users are in Belgium and France). */
export function formatShortDate(date: Date, locale: Locale, timeZone: string): string {
  const p = parts(date, locale, timeZone, { day: '2-digit', month: '2-digit', year: 'numeric' });
  return `${p.day}/${p.month}/${p.year}`;
}

const moneyFormatters = new Map<Locale, Intl.NumberFormat>();

/** Integer cents → "150,00 €" / "€150.00". */
export function formatMoney(cents: number, locale: Locale): string {
  let formatter = moneyFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === 'fr' ? 'fr-BE' : 'en-GB', {
      style: 'currency',
      currency: 'EUR',
    });
    moneyFormatters.set(locale, formatter);
  }
  return formatter.format(cents / 100).replace(/\u202f|\u00a0/g, ' ');
}

/** A calendar day ('YYYY-MM-DD', no time zone): "jeudi 12 mars 2026" / "Thursday 12 March 2026". */
export function formatCalendarDate(day: string, locale: Locale): string {
  return formatLongDate(calendarDayAsUtc(day), locale, 'UTC');
}

/** "mars 2026" / "March 2026", for a calendar day ('YYYY-MM-DD'). */
export function formatMonthYear(day: string, locale: Locale): string {
  const p = parts(calendarDayAsUtc(day), locale, 'UTC', { month: 'long', year: 'numeric' });
  return `${p.month} ${p.year}`;
}

/**
 * A period of calendar days: a whole month is "mars 2026"; otherwise
 * "1er mars – 15 avril 2026" / "1 March – 15 April 2026" (years shown when they differ).
 */
export function formatPeriod(from: string, to: string, locale: Locale): string {
  const start = calendarDayAsUtc(from);
  const end = calendarDayAsUtc(to);
  const lastOfMonth = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  if (start.getUTCDate() === 1 && end.getTime() === lastOfMonth.getTime())
    return formatMonthYear(from, locale);
  const dayMonth = (date: Date, withYear: boolean) => {
    const p = parts(date, locale, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' });
    const day = dayOfMonth(p.day, locale);
    return withYear ? `${day} ${p.month} ${p.year}` : `${day} ${p.month}`;
  };
  const sameYear = start.getUTCFullYear() === end.getUTCFullYear();
  return `${dayMonth(start, !sameYear)} – ${dayMonth(end, true)}`;
}

/** Plain text tidied after rendering: no trailing spaces, at most one blank line in a row. */
export function tidyText(text: string): string {
  return `${text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** A plain-text underline as long as the title: "Ordre du jour" → "=============". */
export function underline(title: string, char = '='): string {
  return char.repeat([...title].length);
}

/** Whether a meeting ends on a later calendar day than it starts, in the network's time zone. */
export function endsOnAnotherDay(start: Date, end: Date, timeZone: string): boolean {
  return calendarDayInZone(end, timeZone) !== calendarDayInZone(start, timeZone);
}
