import type { HelperOptions } from 'handlebars';
import type Handlebars from 'handlebars';
import { AppConfig, Locale } from '../../config/app-config';
import type { MessageParams, Translator } from '../../i18n/messages';
import {
  formatCalendarDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatMonthYear,
  formatPeriod,
  formatShortDate,
  formatTime,
  endsOnAnotherDay,
  underline,
} from './format';

type Hbs = typeof Handlebars;

function localeOf(options: HelperOptions, fallback: Locale): Locale {
  const root = (options.data as { root?: { locale?: Locale } } | undefined)?.root;
  return root?.locale ?? fallback;
}

function asDate(value: unknown): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value as string | number);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Template helpers: each a small pure function over the view model, in the page's locale. */
export function registerHelpers(handlebars: Hbs, config: AppConfig, translator: Translator): void {
  const tz = config.timeZone;
  handlebars.registerHelper('t', function (key: string, options: HelperOptions) {
    return translator.translate(
      localeOf(options, config.locale),
      key,
      options.hash as MessageParams,
    );
  });
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('not', (a: unknown) => !a);
  handlebars.registerHelper('dateTime', (value: unknown, options: HelperOptions) => {
    const date = asDate(value);
    return date ? formatDateTime(date, localeOf(options, config.locale), tz) : '';
  });
  handlebars.registerHelper('longDate', (value: unknown, options: HelperOptions) => {
    const date = asDate(value);
    return date ? formatLongDate(date, localeOf(options, config.locale), tz) : '';
  });
  handlebars.registerHelper('shortDate', (value: unknown, options: HelperOptions) => {
    const date = asDate(value);
    return date ? formatShortDate(date, localeOf(options, config.locale), tz) : '';
  });
  handlebars.registerHelper('time', (value: unknown, options: HelperOptions) => {
    const date = asDate(value);
    return date ? formatTime(date, localeOf(options, config.locale), tz) : '';
  });
  /** {{until start end}} → "jusqu’à 12 h 00", or "jusqu’au samedi 13 juin 2026 à 1 h 30". */
  handlebars.registerHelper('until', (start: unknown, end: unknown, options: HelperOptions) => {
    const from = asDate(start);
    const to = asDate(end);
    if (!from || !to) return '';
    const locale = localeOf(options, config.locale);
    return translator.translate(locale, 'meetings.until', {
      time: formatTime(to, locale, tz),
      date: formatLongDate(to, locale, tz),
      otherDay: endsOnAnotherDay(from, to, tz) ? 'yes' : 'no',
    });
  });
  /** {{timeZoneName}} → "heure d’Europe centrale": TIME_ZONE as people name it, not its IANA id. */
  handlebars.registerHelper('timeZoneName', (options: HelperOptions) => {
    const locale = localeOf(options, config.locale);
    const parts = new Intl.DateTimeFormat(locale, {
      timeZone: tz,
      timeZoneName: 'longGeneric',
    }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? tz;
  });
  handlebars.registerHelper('money', (cents: unknown, options: HelperOptions) =>
    typeof cents === 'number' ? formatMoney(cents, localeOf(options, config.locale)) : '',
  );
  /** {{calendarDate "2026-03-12"}} → "jeudi 12 mars 2026" (a day without time zone). */
  handlebars.registerHelper('calendarDate', (value: unknown, options: HelperOptions) =>
    typeof value === 'string' && value
      ? formatCalendarDate(value, localeOf(options, config.locale))
      : '',
  );
  handlebars.registerHelper('monthYear', (value: unknown, options: HelperOptions) =>
    typeof value === 'string' && value
      ? formatMonthYear(value, localeOf(options, config.locale))
      : '',
  );
  /** {{period from to}} → "mars 2026", or "1 mars – 15 avril 2026". */
  handlebars.registerHelper('period', (from: unknown, to: unknown, options: HelperOptions) =>
    typeof from === 'string' && typeof to === 'string'
      ? formatPeriod(from, to, localeOf(options, config.locale))
      : '',
  );
  /** {{underline title "="}}: a plain-text rule as long as the title. */
  handlebars.registerHelper('underline', (title: unknown, char: unknown) =>
    underline(
      typeof title === 'string' || typeof title === 'number' ? String(title) : '',
      typeof char === 'string' ? char : '=',
    ),
  );
  /**
   * {{paragraphs text}}: user text as HTML paragraphs, each line break a <br>. The text is
   * escaped first; only the <p> and <br> tags are ours.
   */
  handlebars.registerHelper('paragraphs', (value: unknown) =>
    typeof value === 'string' ? new handlebars.SafeString(paragraphsHtml(value, handlebars)) : '',
  );
  /** {{t (concat "newsletter.state." state)}}: builds a message key from parts. */
  handlebars.registerHelper('concat', (...args: unknown[]) =>
    args
      .slice(0, -1)
      .map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : ''))
      .join(''),
  );
  /**
   * {{#if (webUrl x)}}<a href="{{webUrl x}}">: the address when people may follow it (http, https,
   * mailto), else nothing, so a stored `javascript:` stays text and never becomes a link.
   */
  handlebars.registerHelper('webUrl', (value: unknown) => (isFollowableUrl(value) ? value : ''));
  /** {{inc @index}} → 1-based numbering. */
  handlebars.registerHelper('inc', (value: unknown) => Number(value) + 1);
}

export function isFollowableUrl(value: unknown): value is string {
  return typeof value === 'string' && /^(https?:\/\/|mailto:)[^\s]/i.test(value);
}

/** Blank lines separate paragraphs; single line breaks stay as <br>. Escapes everything else. */
export function paragraphsHtml(text: string, handlebars: Hbs): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${handlebars.escapeExpression(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
