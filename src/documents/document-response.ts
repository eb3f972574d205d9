import type { Request, Response } from 'express';
import type { DocumentFormat } from './minutes/minutes.dto';

/**
 * Documents carry inline styles (CSS inlined for email clients) and no script: their pages get a
 * policy allowing exactly that.
 */
export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The staff preview of a draft: the same policy, but it may be shown in a frame of this site's
 * own pages (the minutes editor, the newsletter page).
 */
export const PREVIEW_CSP = DOCUMENT_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'");

/** ?format=text, or an Accept header preferring text/plain, asks for the plain-text version. */
export function formatWanted(request: Request, format?: DocumentFormat): DocumentFormat {
  if (format) return format;
  return request.accepts(['html', 'text/plain']) === 'text/plain' ? 'text' : 'html';
}

export function sendDocument(
  response: Response,
  document: { html: string; text: string },
  format: DocumentFormat,
  policy: string = DOCUMENT_CSP,
): void {
  response.setHeader('Content-Security-Policy', policy);
  if (format === 'text') response.type('text/plain; charset=utf-8').send(document.text);
  else response.type('text/html; charset=utf-8').send(document.html);
}
