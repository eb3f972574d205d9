import type { Response } from 'express';

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
