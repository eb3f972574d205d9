import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileNameText, graphemeLength } from '../../text';
import { offerFile } from '../../http-answers';

/**
 * Streams a PDF to the browser, shown in its viewer (`inline`) under a file name a person can
 * keep (accents encoded per RFC 6266 by express). A failure mid-stream ends the response: the
 * status is already sent.
 */
export async function sendPdf(response: Response, pdf: Readable, fileName: string): Promise<void> {
  response.status(200);
  response.type('application/pdf');
  offerFile(response, fileName, 'inline');
  response.setHeader('Cache-Control', 'private, no-store');
  await pipeline(pdf, response);
}

/** Characters of a PDF's file name, extension aside. */
const NAME_MAX = 120;

/**
 * A file name made of the words of a title, safe to save: "Feuille d’émargement — Réunion —
 * 2026-03-12.pdf". `named` places the title among what identifies the file (a date, a version, a
 * person); a long title is shortened at a word ("…") so that those are kept whole: two versions
 * of minutes with a title of 190 characters had the same name, cut in the middle of a word.
 */
export function pdfFileName(title: string, named: (title: string) => string = (t) => t): string {
  const whole = fileNameText(named(title), Infinity);
  if (graphemeLength(whole) <= NAME_MAX) return `${whole || 'document'}.pdf`;
  const room = Math.max(NAME_MAX - graphemeLength(fileNameText(named('…'), Infinity)), 20);
  const cut = fileNameText(title, room);
  const atWord = cut.replace(/\s+\S*$/, '');
  const short = `${graphemeLength(atWord) >= room - 20 ? atWord : cut}…`;
  return `${fileNameText(named(short), NAME_MAX)}.pdf`;
}
