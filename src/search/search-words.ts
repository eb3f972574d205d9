/**
 * The words of a search and their marks in the results (docs/search.md). The user's text never
 * reaches the engines' query languages as typed: it is cut into words here (letters and digits,
 * accents and case folded), each quoted, so FTS5 and tsquery syntax (quotes, `*`, `-`, NEAR, AND,
 * parentheses, `^`, `:`) is only ever read as text.
 */

/** Most words a search uses (the rest are ignored). */
export const MAX_SEARCH_WORDS = 10;
/** A last word this long or longer also finds the words it begins ("insert" finds "insertion"). */
export const MIN_PREFIX_LENGTH = 3;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Case and accents folded, as the indexes do ("Épinay" → "epinay"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface SearchWords {
  /** Folded words, in the order typed, without repeats. */
  words: string[];
  /** Whether the last word also matches as a prefix. */
  prefix: boolean;
}

/** The words of what the user typed: none when it holds no letter or digit. */
export function searchWords(text: string): SearchWords {
  const words: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    if (word && !words.includes(word)) words.push(word);
    if (words.length === MAX_SEARCH_WORDS) break;
  }
  const last = words.at(-1);
  return { words, prefix: last !== undefined && last.length >= MIN_PREFIX_LENGTH };
}

/** FTS5's MATCH expression: every word, each a quoted string, the last one maybe a prefix. */
export function fts5Query({ words, prefix }: SearchWords): string {
  return words
    .map((word, i) => `"${word}"${prefix && i === words.length - 1 ? ' *' : ''}`)
    .join(' ');
}

/** PostgreSQL's to_tsquery text: every word quoted and ANDed, the last one maybe a prefix. */
export function tsQuery({ words, prefix }: SearchWords): string {
  return words
    .map((word, i) => `'${word}'${prefix && i === words.length - 1 ? ':*' : ''}`)
    .join(' & ');
}

/** A piece of shown text, marked when it is a word that matched. */
export interface TextPart {
  text: string;
  mark: boolean;
}

function matches(token: string, { words, prefix }: SearchWords): boolean {
  const folded = fold(token);
  return words.some(
    (word, i) => folded === word || (prefix && i === words.length - 1 && folded.startsWith(word)),
  );
}

/**
 * The text cut into parts, the words that match marked (templates wrap them in <mark>, escaping
 * every part: the text is never trusted as HTML).
 */
export function markWords(text: string, search: SearchWords): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  const push = (piece: string, mark: boolean) => {
    if (!piece) return;
    const previous = parts.at(-1);
    if (previous && previous.mark === mark && !mark) previous.text += piece;
    else parts.push({ text: piece, mark });
  };
  for (const match of text.matchAll(WORD)) {
    if (!matches(match[0], search)) continue;
    push(text.slice(at, match.index), false);
    push(match[0], true);
    at = match.index + match[0].length;
  }
  push(text.slice(at), false);
  return parts;
}

/** Characters of text shown around the first match of a long text. */
const EXCERPT_LENGTH = 220;

/**
 * A short piece of a long text around its first matching word (its start when none matches),
 * cut at spaces, with "…" where it was cut.
 */
/** A list of tags as the index stores it (JSON: ["jeunes","mobilité"]). */
const TAG_LIST = /\[(?:"(?:[^"\\]|\\.)*"(?:,\s*"(?:[^"\\]|\\.)*")*)?\]/g;
/** A plain-text title's underline (the minutes' text version: "=====", "-----"). */
const UNDERLINE = /(?:^|\s)[=-]{3,}(?=\s|$)/g;

/** The indexed text as a reader expects it: tags as words, no plain-text underlines. */
function readable(text: string): string {
  return text.replace(TAG_LIST, tagWords).replace(UNDERLINE, ' ');
}

/** A list of tags as words; text typed that only looks like one ('["C:\\dossier"]') stays. */
function tagWords(list: string): string {
  try {
    return (JSON.parse(list) as string[]).join(', ');
  } catch {
    return list;
  }
}

export function excerpt(text: string, search: SearchWords): string {
  const flat = readable(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT_LENGTH) return flat;
  let first = 0;
  for (const match of flat.matchAll(WORD)) {
    if (matches(match[0], search)) {
      first = match.index;
      break;
    }
  }
  let start = Math.max(0, first - 60);
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space === -1 || space >= first ? start : space + 1;
  }
  let end = Math.min(flat.length, start + EXCERPT_LENGTH);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
