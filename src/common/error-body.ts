import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainError, type ErrorText, type MessageRef } from './domain-errors';
import { MAX_FORM_FIELDS, MAX_JSON_DEPTH } from './input-guards';
import { type FieldError, InvalidInputException } from './validation';
import { decodesAsUri } from './text';

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
  unauthorized: HttpStatus.UNAUTHORIZED,
  gone: HttpStatus.GONE,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
};

/**
 * A refusal by the HTTP layer itself (an upload over its limit, a form that cannot be read, a
 * body of the wrong type), worded like every error: a catalogue key and its placeholders.
 */
export class RequestRefusedException extends HttpException {
  readonly text: MessageRef;
  constructor(
    status: number,
    text: ErrorText,
    readonly field?: string,
  ) {
    const ref = typeof text === 'string' ? { key: text } : text;
    super(ref.key, status);
    this.text = ref;
  }
}

/** What went wrong, before it is said in a language: the status, the message, the fields. */
export interface ErrorDescription {
  statusCode: number;
  text: MessageRef;
  field?: string;
  errors?: FieldError[];
}

/** A field at fault in an answer: its name, its problems' codes and their messages. */
export interface FieldErrorBody {
  field: string;
  codes: string[];
  messages: string[];
}

/**
 * The JSON body of every error. `code` is the catalogue key of `message` (stable, for programs);
 * `message` is said in the configured LOCALE; `field` is the (first) field at fault; `errors`
 * lists every field at fault of a refused input.
 */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  field?: string;
  errors?: FieldErrorBody[];
}

/** Body-parser's error types, by their catalogue message. */
const READ_ERRORS: Record<string, MessageRef> = {
  'entity.too.large': { key: 'errors.input.tooLarge' },
  'entity.too.deep': { key: 'errors.input.tooDeep', params: { depth: MAX_JSON_DEPTH } },
  'parameters.too.many': { key: 'errors.input.tooManyFields', params: { max: MAX_FORM_FIELDS } },
  'entity.parse.failed': { key: 'errors.input.badJson' },
  'encoding.unsupported': { key: 'errors.input.unreadable' },
  'charset.unsupported': { key: 'errors.input.unreadable' },
};

/**
 * Valid JSON that is not an object or an array (`null`, `"text"`, `1`): body-parser's strict mode
 * refuses it as a parse error, but "not valid JSON" would be wrong to say.
 */
function isJsonScalar(exception: unknown): boolean {
  const body = (exception as { body?: unknown }).body;
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Statuses with a generic message of their own, for HTTP errors nobody worded. */
export const WORDED_STATUSES = new Set([400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429]);

/**
 * PostgreSQL's "data exception" class (22…): a value the column cannot hold (out of range, bad
 * text representation, NUL). Validation refuses these first; this keeps a missed one a 400.
 */
function dataException(error: QueryFailedError): boolean {
  const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** Unique and foreign-key violations on SQLite and PostgreSQL, told apart by their codes. */
function constraintViolation(error: QueryFailedError<Error>): 'unique' | 'foreign-key' | undefined {
  const driverError = (
    error as QueryFailedError & { driverError?: { code?: string; message?: string } }
  ).driverError;
  const code = driverError?.code;
  const message = String(driverError?.message ?? error.message);
  if (code === '23505' || /UNIQUE constraint failed/.test(message)) return 'unique';
  if (code === '23503' || /FOREIGN KEY constraint failed/.test(message)) return 'foreign-key';
  return undefined;
}

function describeHttpException(exception: HttpException): ErrorDescription {
  const statusCode = exception.getStatus();
  if (exception instanceof RequestRefusedException) {
    return { statusCode, text: exception.text, field: exception.field };
  }
  if (exception instanceof InvalidInputException) {
    return {
      statusCode,
      text: { key: 'errors.input.invalid' },
      field: exception.errors[0]?.field,
      errors: exception.errors,
    };
  }
  // The router's own 404 ("Cannot GET /x"): no route at this address.
  const route = /^Cannot ([A-Z]+) (.*)$/.exec(exception.message);
  if (exception instanceof NotFoundException && route) {
    return {
      statusCode,
      text: { key: 'errors.route.unknown', params: { method: route[1], path: route[2] } },
    };
  }
  // A parameter that does not percent-decode (Nest turns the router's URIError into a 400).
  const undecodable = /^Failed to decode param in '(.*)'$/s.exec(exception.message);
  if (statusCode === 400 && undecodable) {
    const segment = undecodable[1].split('/').find((part) => !decodesAsUri(part)) ?? undecodable[1];
    return { statusCode, text: { key: 'errors.input.undecodablePath', params: { segment } } };
  }
  // Nest's FileInterceptor turns multer's "File too large" into a 413.
  if (statusCode === 413) return { statusCode, text: { key: 'errors.input.tooLarge' } };
  const status = WORDED_STATUSES.has(statusCode) ? statusCode : statusCode < 500 ? 400 : 500;
  return { statusCode, text: { key: `errors.http.${status}` } };
}

/** What an error is, whatever threw it: a domain error, Nest, TypeORM or an Express middleware. */
export function describeError(exception: unknown): ErrorDescription {
  if (exception instanceof DomainError) {
    return {
      statusCode: STATUS_BY_KIND[exception.kind],
      text: exception.text,
      ...(exception.field ? { field: exception.field } : {}),
    };
  }
  if (exception instanceof HttpException) return describeHttpException(exception);
  // An outage, a restart, killed connections or a timeout: try again shortly (Retry-After).
  if (isDatabaseUnavailable(exception)) {
    return { statusCode: 503, text: { key: 'errors.db.unavailable' } };
  }
  if (exception instanceof QueryFailedError) {
    const violation = constraintViolation(exception as QueryFailedError<Error>);
    if (violation === 'unique') return { statusCode: 409, text: { key: 'errors.db.unique' } };
    if (violation === 'foreign-key') {
      return { statusCode: 409, text: { key: 'errors.db.foreignKey' } };
    }
    if (dataException(exception as QueryFailedError<Error>)) {
      return { statusCode: 400, text: { key: 'errors.db.badValue' } };
    }
  }
  // Errors raised by Express middleware before Nest (body-parser: bad JSON, body too large).
  const httpish = exception as { status?: number; statusCode?: number; type?: string };
  const status = httpish?.status ?? httpish?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (httpish.type === 'entity.parse.failed' && isJsonScalar(exception)) {
      return { statusCode: status, text: { key: 'errors.input.jsonNotObject' } };
    }
    return {
      statusCode: status,
      text: READ_ERRORS[httpish.type ?? ''] ?? { key: 'errors.input.unreadable' },
    };
  }
  return { statusCode: 500, text: { key: 'errors.http.500' } };
}

/** Says a catalogue message in the configured language. */
export type Say = (text: MessageRef) => string;

/** The sentence for people: a refused input lists each field's problems. */
export function errorMessage(description: ErrorDescription, say: Say): string {
  if (!description.errors) return say(description.text);
  const details = description.errors.flatMap((error) => error.problems.map(say)).join(' ');
  return say({ ...description.text, params: { ...description.text.params, details } });
}

export function toErrorBody(description: ErrorDescription, say: Say): ErrorBody {
  const { statusCode, text, field, errors } = description;
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    code: text.key,
    message: errorMessage(description, say),
    ...(field ? { field } : {}),
    ...(errors
      ? {
          errors: errors.map((error) => ({
            field: error.field,
            codes: error.problems.map((problem) => problem.key),
            messages: error.problems.map(say),
          })),
        }
      : {}),
  };
}
