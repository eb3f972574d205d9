import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileNameText } from '../../text';
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

/** A file name made of the words of a title: "Feuille d’émargement — Réunion" → safe to save. */
export function pdfFileName(...parts: string[]): string {
  const name = fileNameText(parts.join(' '), 120);
  return `${name || 'document'}.pdf`;
}
