import { Locale } from '../config/app-config';

/** Small pure formatters used by templates and documents, in the network's time zone and language. */

function parts(date: Date, locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const formatter = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-BE' : 'en-GB', {
    timeZone,
    ...options,
  });
  return Object.fromEntries(formatter.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "jeudi 12 mars 2026" / "Thursday 12 March 2026". */
export function formatLongDate(date: Date, locale: Locale, timeZone: string): string {
  const p = parts(date, locale, timeZone, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
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

/** Integer cents → "150,00 €" / "€150.00". */
export function formatMoney(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-BE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  })
    .format(cents / 100)
    .replace(/\u202f|\u00a0/g, ' ');
}
