import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { QueryFailedError } from 'typeorm';
import { ViewService } from '../web/view.service';
import {
  DomainError,
  type MessageRef,
  TooManyRequestsError,
  UnauthorizedError,
} from './domain-errors';
import { MAX_JSON_DEPTH } from './input-guards';
import { InvalidInputException } from './validation';

const STATUS_BY_KIND: Record<DomainError['kind'], number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
  unauthorized: HttpStatus.UNAUTHORIZED,
  gone: HttpStatus.GONE,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
  errors?: unknown;
}

/** Body-parser's error types: the API's English message and the pages' catalogue text. */
const READ_ERRORS: Record<string, { message: string; text: MessageRef }> = {
  'entity.too.large': {
    message: 'The request body is too large',
    text: { key: 'error.413' },
  },
  'entity.too.deep': {
    message: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`,
    text: { key: 'errors.input.tooDeep', params: { depth: MAX_JSON_DEPTH } },
  },
  'entity.parse.failed': {
    message: 'The request body is not valid JSON',
    text: { key: 'errors.input.unreadable' },
  },
  'encoding.unsupported': {
    message: 'The request body encoding is not supported',
    text: { key: 'errors.input.unreadable' },
  },
  'charset.unsupported': {
    message: 'The request body charset is not supported',
    text: { key: 'errors.input.unreadable' },
  },
};

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

/** The one place where errors become HTTP answers: JSON for the API, an HTML page for browsers. */
export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_BY_KIND[exception.kind];
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message: exception.message,
      ...(exception.field ? { field: exception.field } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const body =
      typeof response === 'string'
        ? { message: response }
        : (response as { message?: string | string[]; error?: string; errors?: unknown });
    const message = Array.isArray(body.message)
      ? body.message.join('; ')
      : (body.message ?? exception.message);
    return {
      statusCode,
      error: body.error ?? STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(body.errors ? { errors: body.errors } : {}),
    };
  }
  if (exception instanceof QueryFailedError) {
    const violation = constraintViolation(exception as QueryFailedError<Error>);
    if (violation === 'unique') {
      return {
        statusCode: 409,
        error: 'Conflict',
        message: 'A record with the same unique value already exists',
      };
    }
    if (violation === 'foreign-key') {
      return {
        statusCode: 409,
        error: 'Conflict',
        message: 'The record refers to, or is referred to by, other records',
      };
    }
    if (dataException(exception as QueryFailedError<Error>)) {
      return {
        statusCode: 400,
        error: 'Bad Request',
        message: 'A value sent does not fit its field',
      };
    }
  }
  // Errors raised by Express middleware before Nest (body-parser: bad JSON, body too large).
  const httpish = exception as {
    status?: number;
    statusCode?: number;
    type?: string;
    expose?: boolean;
  };
  const status = httpish?.status ?? httpish?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: READ_ERRORS[httpish.type ?? '']?.message ?? 'The request could not be read',
    };
  }
  return {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'An unexpected error occurred',
  };
}

/** What a page says of an error, in the site's language (the API keeps the English message). */
export function pageText(exception: unknown): MessageRef | undefined {
  if (exception instanceof DomainError) return exception.text;
  if (exception instanceof InvalidInputException) {
    const fields = [...new Set(exception.errors.map((error) => error.field))].join(', ');
    return { key: 'errors.input.fields', params: { fields } };
  }
  // The router's own 404 ("Cannot GET /x"): no route, said in the catalogue's words.
  if (exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message)) {
    return { key: 'errors.input.noRoute' };
  }
  const type = (exception as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? READ_ERRORS[type]?.text : undefined;
}

export function wantsHtml(request: Request): boolean {
  if (request.path.startsWith('/api/') || request.path === '/api') return false;
  return request.accepts(['json', 'html']) === 'html';
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly views: ViewService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl}`,
        (exception as Error)?.stack ?? String(exception),
      );
    }
    if (exception instanceof TooManyRequestsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (response.headersSent) return;
    if (exception instanceof UnauthorizedError && wantsHtml(request)) {
      // A browser without a session goes to the sign-in form, and back here afterwards.
      const next =
        request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(HttpStatus.SEE_OTHER, `/login${next}`);
      return;
    }
    if (wantsHtml(request)) {
      response
        .status(body.statusCode)
        .type('html')
        .send(
          this.views.renderErrorPage(
            body.statusCode,
            this.views.messageText(pageText(exception)) ?? body.message,
            request,
          ),
        );
      return;
    }
    response.status(body.statusCode).json(body);
  }
}
