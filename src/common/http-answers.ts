import type { Response } from 'express';
import contentDisposition from 'content-disposition';

/*
 * How handlers answer a browser, in words of the web rather than of the HTTP framework: the
 * framework's own calls are made here once, so that handlers read as what they do and a change
 * of HTTP adapter (docs/benchmark.md, "the framework's floor") touches this file, not each handler.
 */

/** 303 See Other: after a form post, the browser GETs `url` (post/redirect/get). */
export function seeOther(response: Response, url: string): void {
  response.redirect(303, url);
}

/** An HTML document, with its status. */
export function sendHtml(response: Response, html: string, status = 200): void {
  response.status(status).type('html').send(html);
}

/** Letters and signs of French names that decomposition does not bring back to ASCII. */
const ASCII_SPELLINGS: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  '’': "'",
  '‘': "'",
  '«': '"',
  '»': '"',
  '—': '-',
  '–': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** A file name in ASCII for clients that do not read RFC 5987: "Réunion — été" → "Reunion - ete". */
export function asciiFileName(fileName: string): string {
  return fileName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, (sign) => ASCII_SPELLINGS[sign] ?? '_');
}

/**
 * Offers the answer as a file named `fileName`, saved (`attachment`) or shown in the browser
 * (`inline`). The name goes as UTF-8 (RFC 6266's filename*) beside an ASCII fallback whenever it
 * is not plain ASCII: Express sent a name of Latin-1 letters ("émargement") raw, which browsers
 * read as UTF-8 and garbled. The Content-Type set before is kept.
 */
export function offerFile(
  response: Response,
  fileName: string,
  type: 'attachment' | 'inline' = 'attachment',
): void {
  response.setHeader(
    'Content-Disposition',
    contentDisposition(fileName, { type, fallback: asciiFileName(fileName) }),
  );
}
