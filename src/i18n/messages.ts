import { Locale } from '../config/app-config';
import { en } from './en';
import { fr } from './fr';

export type Messages = Record<string, string>;

const CATALOGUES: Record<Locale, Messages> = { fr, en };

/** Looks a key up in the locale's catalogue ({name} placeholders filled), falling back to French. */
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}
