import iconv from 'iconv-lite';

export type TextEncoding =
  'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'macintosh' | 'iso-8859-15';

/** One-byte encodings French files come in: Excel for Windows, Excel for Mac (Mac Roman), Unix. */
const LEGACY = ['windows-1252', 'macintosh', 'iso-8859-15'] as const;
/**
 * Letters and signs of French text, as the right one-byte decoding yields them: accented letters,
 * small and capital (lists often write names in capitals: "FRANÇOISE", "NOËL"), and guillemets
 * with their space, as French sets them.
 */
const FRENCH = /[éèêëàâîïôùûüçœ’€ÉÈÊËÀÂÎÏÔÙÛÜÇŒ]|«\s|\s»/g;
/**
 * What a wrong one-byte decoding yields instead: control codes and signs no directory holds (a
 * bullet "•" is Windows text pasted from Word, so it is no sign either way).
 */
const ODD = /[\u0080-\u009f\ufffdŽžƒˆ‰Š‹šŸ½¼¾¤¦¨´¸‡†¥ÁÍÌÓÒÚ]/g;
/** An accented capital right after a small letter ("SolidaritÈ", "NÓmes"): never French. */
const CAPITAL_INSIDE_WORD = /(?<=[a-zß-ÿ])[À-Þ]/g;
/**
 * What Mac Roman makes of Windows capitals, inside a word written in capitals: "FRAN«AIS" (Ç),
 * "LOœC" (Ï), "…LODIE" (É), "JOÀL" (Ë): a sign or a small letter among capitals.
 */
const SIGN_AMONG_CAPITALS = /(?<=[A-Z])[«»…œ‘’“”‹›¬øÀ](?=[A-Z])|(?<!\p{L})…(?=[A-Z]{2})/gu;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** Whether the bytes open with a UTF-16 byte order mark (Excel's "Texte Unicode"). */
export function hasUtf16Bom(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one-byte encoding whose reading of `bytes` looks most like French: Windows-1252 (what
 * Excel France writes for "CSV (séparateur : point-virgule)") unless Mac Roman or ISO-8859-15
 * gives more accented letters and fewer stray signs ("Ž" for é is Mac Roman read as Windows).
 */
function legacyEncoding(bytes: Buffer): (typeof LEGACY)[number] {
  let best: (typeof LEGACY)[number] = 'windows-1252';
  let bestScore = -Infinity;
  for (const encoding of LEGACY) {
    const text = iconv.decode(bytes, encoding);
    const score =
      count(text, FRENCH) -
      2 * count(text, ODD) -
      2 * count(text, CAPITAL_INSIDE_WORD) -
      2 * count(text, SIGN_AMONG_CAPITALS);
    if (score > bestScore) [best, bestScore] = [encoding, score];
  }
  return best;
}

/**
 * The encoding of an uploaded text file, from its bytes alone (browsers send no charset with a
 * file). A BOM says it outright: Excel's "CSV UTF-8" and "Texte Unicode" (UTF-16 LE) write one;
 * a UTF-8 BOM before bytes that are not UTF-8 (a tool that added it blindly) is not believed.
 * Without a BOM, text that is valid UTF-8 is taken as UTF-8; anything else as the one-byte
 * encoding that reads as French.
 */
export function detectEncoding(bytes: Buffer): TextEncoding {
  if (hasUtf16Bom(bytes)) return bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  return isUtf8(body) ? 'utf-8' : legacyEncoding(body);
}

/** The file's text, BOM removed (iconv-lite strips a BOM of the encoding it decodes). */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  const body = hasUtf8Bom(bytes) && encoding !== 'utf-8' ? bytes.subarray(3) : bytes;
  if (LEGACY.includes(encoding as (typeof LEGACY)[number])) {
    const mixed = decodeMixed(body);
    if (mixed !== undefined) return { text: mixed, encoding: 'utf-8' };
  }
  return { text: iconv.decode(body, encoding), encoding };
}

/**
 * A UTF-8 file into which lines of another encoding were pasted (two exports put together):
 * each line in its own encoding, when some lines hold accented letters in UTF-8 and others are
 * not UTF-8; undefined when no line is UTF-8 beyond ASCII. A byte 0x0A is never part of a UTF-8
 * letter, so lines can be told apart before decoding.
 */
function decodeMixed(body: Buffer): string | undefined {
  const lines: Buffer[] = [];
  for (let start = 0; start <= body.length;) {
    const end = body.indexOf(0x0a, start);
    const stop = end === -1 ? body.length : end + 1;
    lines.push(body.subarray(start, stop));
    start = stop;
    if (end === -1) break;
  }
  const utf8Beyond = (line: Buffer) => line.some((byte) => byte >= 0x80) && isUtf8(line);
  if (!lines.some(utf8Beyond)) return undefined;
  const other = legacyEncoding(Buffer.concat(lines.filter((line) => !isUtf8(line))));
  return lines
    .map((line) => (isUtf8(line) ? line.toString('utf8') : iconv.decode(line, other)))
    .join('');
}
