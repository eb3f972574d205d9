import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MessageRef } from './domain-errors';
import { fieldError, InvalidInputException } from './validation';

/** Deepest nesting of objects and arrays accepted in a JSON body (DTOs need 3 or 4 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Most fields a form may post: body-parser's default (1,000) refused the check-in of a meeting
 * of some 500 partners (two fields each). The body's size limit bounds the parsing anyway.
 */
export const MAX_FORM_FIELDS = 100_000;

/** Thrown by the JSON body parser's verify step: answered 400 before anything parses it. */
export class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  readonly expose = true;
  constructor(readonly depth: number) {
    super(`The request body is nested more than ${depth} levels deep`);
  }
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * body-parser's `verify` hook: one pass over the raw bytes counting open objects and arrays
 * outside strings, so that 3,000 levels of `{"a":{…}}` never reach JSON.parse, class-transformer
 * or class-validator (each recursive, each able to overflow the stack).
 */
export function refuseDeepJson(_request: unknown, _response: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > MAX_JSON_DEPTH) throw new BodyTooDeepError(MAX_JSON_DEPTH);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth--;
  }
}

/** NUL, which PostgreSQL text cannot hold, or half of a UTF-16 surrogate pair (not Unicode). */
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/**
 * The path ("contacts.0.email") of the first string, or object key, that holds unsafe text in a
 * parsed body or query, or undefined. Bounded by MAX_JSON_DEPTH (bodies deeper are refused).
 */
export function unsafeTextField(value: unknown, path = ''): string | undefined {
  return fieldWhere(isUnsafeText, value, path, 0);
}

function fieldWhere(
  test: (text: string) => boolean,
  value: unknown,
  path: string,
  depth: number,
): string | undefined {
  if (typeof value === 'string') return test(value) ? path || 'body' : undefined;
  if (typeof value !== 'object' || value === null || depth > MAX_JSON_DEPTH) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = path ? `${path}.${key}` : key;
    if (test(key)) return field;
    const found = fieldWhere(test, item, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The JSON body parser's `verify` hook: too deep a body (refuseDeepJson), or bytes that are not
 * UTF-8 (Latin-1 from an old tool), which the parser would store as U+FFFD: a 400 naming the
 * field where they fall.
 */
export function verifyJsonBody(request: unknown, response: unknown, body: Buffer): void {
  refuseDeepJson(request, response, body);
  if (isUtf8(body)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  throw unsafeTextError(fieldWhere((text) => text.includes('\ufffd'), parsed, '', 0) ?? 'body');
}

/**
 * The form body parser's `verify` hook: a field whose bytes or percent-escapes are not UTF-8
 * (`caf%E9`, `%ED%A0%80`), which the parser would keep as typed or read as U+FFFD, is a 400
 * naming it, as in a query string.
 */
export function verifyFormBody(_request: unknown, _response: unknown, body: Buffer): void {
  // Bytes as %XX, so that one decoding checks raw bytes and escapes alike.
  const escaped = body
    .toString('latin1')
    .replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  const field = undecodableField(escaped);
  if (field !== undefined) throw unsafeTextError(field);
}

/** The 400 for unsafe text, naming the field (its own name made printable). */
export function unsafeTextError(field: string): InvalidInputException {
  const printable = [...field].map((c) => (isUnsafeText(c) ? '\ufffd' : c)).join('');
  return new InvalidInputException([fieldError(printable, 'errors.input.unsafeText')]);
}

/**
 * Middleware after the body parsers: every route, page or API, gets text it can store and encode
 * (PostgreSQL refuses NUL; encodeURIComponent throws on a lone surrogate), or a 400 naming the field.
 */
export function refuseUnsafeText(request: Request, _response: Response, next: NextFunction): void {
  // Express 5 leaves the body undefined when no parser took it (none sent, text/plain, XML):
  // every handler reads an empty form instead, so required fields are reported as missing.
  request.body ??= {};
  const field =
    undecodableQueryField(request.url) ??
    unsafeTextField(request.query, '') ??
    unsafeTextField(request.body as unknown, '');
  next(field === undefined ? undefined : unsafeTextError(field));
}

/**
 * The query parameter whose percent-encoding is not UTF-8 (`?q=%E9`, Latin-1 from an old tool):
 * the query parser would silently read it as U+FFFD, and a search would look for "�".
 */
function undecodableQueryField(url: string): string | undefined {
  const start = url.indexOf('?');
  return start === -1 ? undefined : undecodableField(url.slice(start + 1));
}

/** In `a=1&b=2`, the first field whose name or value does not decode as UTF-8, or undefined. */
function undecodableField(pairs: string): string | undefined {
  const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
  for (const pair of pairs.split('&')) {
    const [name, value = ''] = pair.split(/=(.*)/s, 2);
    try {
      decode(value);
    } catch {
      try {
        return decode(name);
      } catch {
        return name;
      }
    }
    try {
      decode(name);
    } catch {
      return name;
    }
  }
  return undefined;
}

/**
 * Node's HTTP parser refuses, before Express, a request line or headers over 16 KB (431) and
 * bytes that are not HTTP (400), with an empty body. Answer them like every other refusal: the
 * status and a sentence saying what was wrong (a page for browsers, JSON for the rest), in the
 * configured language. `say` words a catalogue message; `page` renders the HTML error page.
 */
export function explainClientErrors(
  server: Server,
  say: (text: MessageRef) => string,
  page: (status: number, message: string) => string,
): void {
  server.on(
    'clientError',
    (error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
      if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      const tooLong = error.code === 'HPE_HEADER_OVERFLOW';
      const status = tooLong ? 431 : 400;
      const code = tooLong ? 'errors.http.headersTooLong' : 'errors.http.notHttp';
      const message = say({ key: code });
      const html = /accept:[^\r\n]*text\/html/i.test(error.rawPacket?.toString('latin1') ?? '');
      const body = html
        ? page(status, message)
        : JSON.stringify({ statusCode: status, error: STATUS_CODES[status], code, message });
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
          `Content-Type: ${html ? 'text/html' : 'application/json'}; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  );
}
