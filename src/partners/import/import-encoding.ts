import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of an uploaded text file, from its bytes alone (browsers send no charset with a
 * file). A BOM says it outright: Excel's "CSV UTF-8" and "Texte Unicode" (UTF-16 LE) write one.
 * Without a BOM, text that is valid UTF-8 is taken as UTF-8; anything else is what Excel France
 * writes for "CSV (séparateur : point-virgule)", Windows-1252 — every byte decodes in it.
 */
export function detectEncoding(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The file's text, BOM removed (iconv-lite strips it). */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  return { text: iconv.decode(bytes, encoding), encoding };
}
