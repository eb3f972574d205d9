import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../config/app-config';

/**
 * A catalogue message ready to use: the text itself when it has no argument (the fast path),
 * else its compiled ICU format and the names of the arguments it expects.
 */
export type CompiledMessage =
  string | { source: string; format: IntlMessageFormat; argumentNames: string[] };

/** `<b>` in a message is text, not an ICU tag: pages escape messages, they carry no markup. */
const PARSE_OPTIONS = { ignoreTag: true };

export function compileMessage(source: string, locale: Locale): CompiledMessage {
  const ast = parse(source, PARSE_OPTIONS);
  const argumentNames = namesIn(ast);
  if (argumentNames.length === 0) return ast.map((element) => literalOf(element)).join('');
  return {
    source,
    format: new IntlMessageFormat(ast, locale, undefined, PARSE_OPTIONS),
    argumentNames,
  };
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
