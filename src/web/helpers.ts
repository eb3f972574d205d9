import type { HelperOptions } from 'handlebars';
import type Handlebars from 'handlebars';
import { AppConfig, Locale } from '../config/app-config';
import type { MessageParams, Translator } from '../i18n/messages';
import { formatDateTime, formatLongDate, formatMoney, formatShortDate, formatTime } from './format';

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
  handlebars.registerHelper('money', (cents: unknown, options: HelperOptions) =>
    typeof cents === 'number' ? formatMoney(cents, localeOf(options, config.locale)) : '',
  );
  /** {{plural count "partenaire" "partenaires"}} → "1 partenaire", "3 partenaires". */
  handlebars.registerHelper(
    'plural',
    (count: number, one: string, other: string, options: HelperOptions) =>
      `${count} ${pluralForm(count, localeOf(options, config.locale)) === 'one' ? one : other}`,
  );
}

/** French counts 0 and 1 as singular ("0 partenaire"); English only 1. */
export function pluralForm(count: number, locale: Locale): 'one' | 'other' {
  return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
}
