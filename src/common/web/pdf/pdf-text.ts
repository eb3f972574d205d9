import type { Content } from 'pdfmake/interfaces';

/**
 * A word this long or longer may break after its hyphens, slashes, dots and underscores, and its
 * pieces still this long every BREAK_EVERY characters (narrow enough for a table's narrowest
 * column, where a longer piece would be cut again by a stray letter).
 */
const LONG_WORD = /[^\s\u200b]{24,}/gu;
const BREAK_AFTER = /([-/._])(?=[^\s\u200b])/gu;
const LONG_PIECE = /[^\s\u200b]{24,}/gu;
const BREAK_EVERY = /(\P{M}\p{M}*){12}(?=(?:\P{M}\p{M}*){4})/gu;
const ZERO_WIDTH_SPACE = '\u200b';
/** The narrow no-break space of French numbers ("1 000 €") is not in the font: a no-break space. */
const NARROW_NO_BREAK_SPACE = 0x202f;
/** Marks a character left out, until the spaces around it are settled (a noncharacter). */
const DROPPED = '\uffff';

/**
 * Text as the PDF font can print it and a table cell can hold it:
 * - characters the font has no glyph for (emoji, scripts it lacks) are left out, where they would
 *   print as empty boxes and shift what follows; text with no printable character stays as it is;
 * - a long word without spaces (a name typed as an address) may break anywhere, where it would
 *   widen its column past the page.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let kept = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint === NARROW_NO_BREAK_SPACE) kept += '\u00a0';
    else if (/\s/u.test(char) || hasGlyph(codePoint)) kept += char;
    else kept += DROPPED;
  }
  // What the font cannot print goes with the space it stood in: "Zola 🎉, conseiller" gives
  // "Zola, conseiller", not "Zola , conseiller".
  kept = kept.replace(/[ \t]*\uffff+[ \t]*/g, (gap, at: number, whole: string) => {
    const after = whole.slice(at + gap.length);
    if (!whole.slice(0, at).trim() || !after.trim() || /^[,.;:!?)»]/.test(after)) return '';
    return /[ \t]/.test(gap) ? ' ' : '';
  });
  if (kept.trim() === '' && text.trim() !== '') kept = text;
  return kept.replace(LONG_WORD, (word) =>
    word
      .replace(BREAK_AFTER, `$1${ZERO_WIDTH_SPACE}`)
      .replace(LONG_PIECE, (piece) => piece.replace(BREAK_EVERY, `$&${ZERO_WIDTH_SPACE}`)),
  );
}

/** A row holding this much text may be taller than a page. */
const TALL_ROW_CHARACTERS = 600;

/**
 * Tables that keep their rows whole (`dontBreakRows`) let rows with long text split across pages:
 * pdfmake drops a row it cannot fit on one page, so 5,000 characters of notes vanished from the
 * right-of-access PDF. Short rows stay whole.
 */
export function breakTallRows(node: Content): Content {
  if (Array.isArray(node)) return node.map(breakTallRows);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = { ...node };
  for (const key of CONTENT_KEYS)
    if (key in copy && key !== 'text') copy[key] = breakTallRows(copy[key] as Content);
  const table = copy.table as { dontBreakRows?: boolean; body?: unknown[][] } | undefined;
  if (table?.dontBreakRows && table.body?.some((row) => textLength(row) > TALL_ROW_CHARACTERS))
    copy.table = { ...table, dontBreakRows: false };
  return copy as unknown as Content;
}

export function textLength(node: unknown): number {
  if (typeof node === 'string') return node.length;
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + textLength(item), 0);
  if (node === null || typeof node !== 'object') return 0;
  const record = node as Record<string, unknown>;
  return CONTENT_KEYS.reduce((sum, key) => sum + (key in record ? textLength(record[key]) : 0), 0);
}

/** The keys of a pdfmake node that hold text or nested content (not styles, widths, images). */
const CONTENT_KEYS = ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'body'] as const;

/** Every text of a pdfmake document's content made printable (see printableText). */
export function printableContent(node: Content, text: (value: string) => string): Content {
  if (typeof node === 'string') return text(node);
  if (Array.isArray(node)) return node.map((item) => printableContent(item, text));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = { ...node };
  for (const key of CONTENT_KEYS)
    if (key in copy) copy[key] = printableContent(copy[key] as Content, text);
  return copy as unknown as Content;
}
