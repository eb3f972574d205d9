import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageRef } from '../common/domain-errors';
import type { Locale } from '../config/app-config';

export type Messages = Record<string, string>;
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/**
 * The wording of pages, documents and mail: templates/i18n/<locale>/*.json, one file per feature,
 * merged. They live with the templates so an agency's TEMPLATES_DIR can reword them too.
 */
export class Translator {
  private readonly catalogues: Record<Locale, Messages>;

  constructor(templatesDir: string) {
    this.catalogues = { fr: load(templatesDir, 'fr'), en: load(templatesDir, 'en') };
  }

  /** The message in the locale ({name} placeholders filled), falling back to French, then the key. */
  translate(locale: Locale, key: string, params: MessageParams = {}): string {
    const template = this.catalogues[locale][key] ?? this.catalogues.fr[key] ?? key;
    // Most messages have no placeholder: pages ask for dozens of them on every request.
    if (!template.includes('{')) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined || params[name] === null ? whole : String(params[name]),
    );
  }

  /**
   * A message given by reference (an error's): its placeholders translated first where they are
   * keys, lists of keys, or accepted values (each with the app's label: "agency (Agence)").
   */
  message(locale: Locale, text: MessageRef): string {
    const params: MessageParams = {};
    const say = (key: string) => this.translate(locale, key);
    for (const [name, value] of Object.entries(text.params ?? {})) {
      if (typeof value !== 'object') params[name] = value;
      else if ('key' in value) params[name] = say(value.key);
      else if ('keys' in value) params[name] = value.keys.map(say).join(', ');
      else {
        const { values, labels } = value;
        params[name] = values
          .map((v) => (labels ? `${v} (${say(`${labels}.${v}`)})` : String(v)))
          .join(', ');
      }
    }
    return this.translate(locale, text.key, params);
  }

  has(locale: Locale, key: string): boolean {
    return key in this.catalogues[locale];
  }

  keys(locale: Locale): string[] {
    return Object.keys(this.catalogues[locale]);
  }
}

function load(templatesDir: string, locale: Locale): Messages {
  const dir = join(templatesDir, 'i18n', locale);
  if (!existsSync(dir)) return {};
  const messages: Messages = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    Object.assign(messages, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Messages);
  }
  return messages;
}
