import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../config/app-config';

/**
 * A catalogue message ready to use: the text itself when it has no argument (the fast path),
 * else its compiled ICU format and the names of the arguments it expects.
 */
export type CompiledMessage =
  | string
  | {
      source: string;
      format: IntlMessageFormat;
      argumentNames: string[];
      /** French "de {name}" / "que {name}": the word, elided before a vowel (see elisionsIn). */
      elisions: Elision[];
    };

interface Elision {
  /** The argument the format reads: the word and the value together. */
  name: string;
  /** The argument given by the caller. */
  argument: string;
  word: string;
}

/** `<b>` in a message is text, not an ICU tag: pages escape messages, they carry no markup. */
const PARSE_OPTIONS = { ignoreTag: true };

export function compileMessage(source: string, locale: Locale): CompiledMessage {
  const ast = parse(source, PARSE_OPTIONS);
  const argumentNames = namesIn(ast);
  if (argumentNames.length === 0) return ast.map((element) => literalOf(element)).join('');
  const elisions = locale === 'fr' ? elisionsIn(ast) : [];
  return {
    source,
    format: new IntlMessageFormat(ast, locale, undefined, PARSE_OPTIONS),
    argumentNames,
    elisions,
  };
}

/** A word French elides before a vowel, ending a literal that an argument follows. */
const ELIDED_WORD = /(^|[\s(«’'])(de|De|que|Que) $/;
/** Vowels only: before "h" and "y" the elision depends on the word ("d’Hélène", "de Haute-Loire"). */
const STARTS_WITH_VOWEL = /^[aeiouàâäéèêëîïôöûùüœæ]/i;

/**
 * "Réunions de {name}" must read "Réunions d’Agence…" and "Attestation d’Éric Lambert": each
 * "de {x}" / "que {x}" in the tree becomes one argument `x␟de` that elisionValues fills.
 */
function elisionsIn(ast: MessageFormatElement[], found: Elision[] = []): Elision[] {
  ast.forEach((element, index) => {
    const next = ast[index + 1];
    if (element.type === TYPE.literal && next?.type === TYPE.argument) {
      const match = ELIDED_WORD.exec(element.value);
      if (match) {
        const word = match[2];
        element.value = element.value.slice(0, -(word.length + 1));
        const elision = { name: `${next.value}\u241f${word}`, argument: next.value, word };
        next.value = elision.name;
        found.push(elision);
      }
    }
    if (element.type === TYPE.select || element.type === TYPE.plural)
      for (const option of Object.values(element.options)) elisionsIn(option.value, found);
  });
  return found;
}

/** The values of the elided arguments: "d’Agence…", "de Mission locale…", "qu’Éric". */
export function elisionValues(
  elisions: Elision[],
  values: Record<string, string | number>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { name, argument, word } of elisions) {
    const value = String(values[argument]);
    result[name] = STARTS_WITH_VOWEL.test(value)
      ? `${word.slice(0, -1)}’${value}`
      : `${word} ${value}`;
  }
  return result;
}

/** The ICU arguments of a message, sorted ("{count, plural, …} {title}" → count, title). */
export function argumentsOf(source: string): string[] {
  return namesIn(parse(source, PARSE_OPTIONS));
}

function namesIn(ast: MessageFormatElement[], names = new Set<string>()): string[] {
  for (const element of ast) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    names.add(element.value);
    if (element.type === TYPE.select || element.type === TYPE.plural)
      for (const option of Object.values(element.options)) namesIn(option.value, names);
    if (element.type === TYPE.tag) namesIn(element.children, names);
  }
  return [...names].sort();
}

function literalOf(element: MessageFormatElement): string {
  return element.type === TYPE.literal ? element.value : '';
}
