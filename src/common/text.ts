/** Lower-case, accents removed, spaces folded: "Équipe  Emploi" → "equipe emploi". */
export function normalizeForSearch(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether text percent-decodes (`%E9` alone, Latin-1, or half a surrogate pair do not). */
export function decodesAsUri(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Escapes LIKE wildcards so user text is matched literally (used with ESCAPE '\'). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

/** How many characters a person sees in the text (an emoji or an accented letter is one). */
export function graphemeLength(text: string): number {
  return [...graphemes.segment(text)].length;
}

/**
 * Text safe for a file name people will see and save: control and invisible formatting characters
 * (a right-to-left override makes "gnp.exe.pdf" read otherwise) and the characters file systems
 * refuse become spaces, and it is cut at `max` whole characters, never inside an emoji.
 */
export function fileNameText(text: string, max: number): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(cleaned)) {
    if (++count > max) break;
    kept += segment;
  }
  return kept.trim();
}
