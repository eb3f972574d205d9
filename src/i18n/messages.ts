import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageRef } from '../common/domain-errors';
import type { Locale } from '../config/app-config';
import { argumentsOf, compileMessage, elisionValues, type CompiledMessage } from './icu';

export type Messages = Record<string, string>;
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/** Something a page or mail asked for that its reader would see raw (recorded in strict mode). */
export interface TranslationProblem {
  locale: Locale;
  key: string;
  problem: 'missing' | 'missing-argument' | 'invalid';
  detail?: string;
}

/**
 * The wording of pages, documents and mail: templates/i18n/<locale>/*.json, one file per feature,
 * merged. They live with the templates so an agency's TEMPLATES_DIR can reword them too.
 * Messages are ICU MessageFormat ("{count, plural, one {# projet} other {# projets}}"), each
 * compiled once per locale on first use.
 */
export class Translator {
  private readonly catalogues: Record<Locale, Messages>;
  private readonly compiled: Record<Locale, Map<string, CompiledMessage>> = {
    fr: new Map(),
    en: new Map(),
  };
  private recorded: TranslationProblem[] | undefined;

  constructor(templatesDir: string) {
    this.catalogues = { fr: load(templatesDir, 'fr'), en: load(templatesDir, 'en') };
  }

  /**
   * The message in the locale, its ICU arguments filled; falls back to French, then to the key
   * itself (and a message that cannot be formatted shows its raw text rather than failing a page).
   */
  translate(locale: Locale, key: string, params: MessageParams = {}): string {
    const own = this.catalogues[locale][key];
    if (own === undefined) this.record({ locale, key, problem: 'missing' });
    const fallbackLocale: Locale = own === undefined ? 'fr' : locale;
    const source = own ?? this.catalogues.fr[key];
    if (source === undefined) return key;
    const message = this.compiledFor(fallbackLocale, key, source);
    // Most messages have no argument: pages ask for dozens of them on every request.
    if (typeof message === 'string') return message;
    return this.format(locale, key, message, params);
  }

  /** The message when the catalogue has one (for keys built from data, with a fallback). */
  translateIfPresent(locale: Locale, key: string, params: MessageParams = {}): string | undefined {
    return this.has(locale, key) || this.has('fr', key)
      ? this.translate(locale, key, params)
      : undefined;
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

  /** The raw catalogue text (for checks of the catalogues themselves). */
  source(locale: Locale, key: string): string | undefined {
    return this.catalogues[locale][key];
  }

  /**
   * Messages that are no valid ICU (an agency's rewording with a brace missing, say): pages show
   * them raw, so the app says so at start-up.
   */
  invalidMessages(): TranslationProblem[] {
    const invalid: TranslationProblem[] = [];
    for (const locale of ['fr', 'en'] as const)
      for (const [key, source] of Object.entries(this.catalogues[locale]))
        try {
          this.compiled[locale].set(key, compileMessage(source, locale));
        } catch (error) {
          invalid.push({ locale, key, problem: 'invalid', detail: (error as Error).message });
        }
    return invalid;
  }

  /** The names of the ICU arguments a message expects ("count", "title"…); throws if malformed. */
  argumentsOf(locale: Locale, key: string): string[] {
    return argumentsOf(this.catalogues[locale][key] ?? '');
  }

  /**
   * Strict mode for tests: from now on, every key asked for that the locale lacks, every argument
   * not given and every message that does not compile is recorded (pages still render).
   */
  startRecording(): TranslationProblem[] {
    this.recorded = [];
    return this.recorded;
  }

  stopRecording(): void {
    this.recorded = undefined;
  }

  private record(problem: TranslationProblem): void {
    this.recorded?.push(problem);
  }

  private compiledFor(locale: Locale, key: string, source: string): CompiledMessage {
    let message = this.compiled[locale].get(key);
    if (message === undefined) {
      try {
        message = compileMessage(source, locale);
      } catch (error) {
        this.record({ locale, key, problem: 'invalid', detail: (error as Error).message });
        message = source;
      }
      this.compiled[locale].set(key, message);
    }
    return message;
  }

  private format(
    locale: Locale,
    key: string,
    message: Exclude<CompiledMessage, string>,
    params: MessageParams,
  ): string {
    const values: Record<string, string | number> = {};
    for (const name of message.argumentNames) {
      const value = params[name];
      if (value === undefined || value === null) {
        this.record({ locale, key, problem: 'missing-argument', detail: name });
        values[name] = `{${name}}`;
      } else values[name] = typeof value === 'number' ? value : String(value);
    }
    try {
      const elided = message.elisions.length
        ? { ...values, ...elisionValues(message.elisions, values) }
        : values;
      return String(message.format.format<string>(elided));
    } catch (error) {
      this.record({ locale, key, problem: 'invalid', detail: (error as Error).message });
      return message.source;
    }
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
