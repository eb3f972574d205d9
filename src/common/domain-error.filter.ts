import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable';
import { type MessageRef, TooManyRequestsError, UnauthorizedError } from './domain-errors';
import { describeError, errorMessage, toErrorBody, type Say } from './error-body';
import { seeOther, sendHtml } from './http-answers';

export function wantsHtml(request: Request): boolean {
  if (request.path.startsWith('/api/') || request.path === '/api') return false;
  return request.accepts(['json', 'html']) === 'html';
}

/**
 * What the filter needs of the page kit (the web ViewService, handed in by app.setup): the words
 * of a message and the error page. An interface, so that common stays below web.
 */
export interface ErrorPages {
  messageText(text: MessageRef): string | undefined;
  renderErrorPage(status: number, message: string, request: Request): string;
}

/** The one place where errors become HTTP answers: JSON for the API, an HTML page for browsers. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly views: ErrorPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const description = describeError(exception);
    const say: Say = (text) => this.views.messageText(text) ?? text.key;
    if (description.statusCode === 503) {
      // The database is away (logged once per request, without the stack): the pool reconnects.
      this.logger.warn(`${request.method} ${request.originalUrl}: ${String(exception)}`);
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (description.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl}`,
        (exception as Error)?.stack ?? String(exception),
      );
    }
    if (exception instanceof TooManyRequestsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (response.headersSent) return;
    // What a handler declared for its success (a calendar's or a PDF's type, a file name, caching)
    // does not describe the error written instead, and an error is never kept by a cache.
    response.removeHeader('Content-Type');
    response.removeHeader('Content-Disposition');
    response.setHeader('Cache-Control', 'no-store');
    if (exception instanceof UnauthorizedError && wantsHtml(request)) {
      // A browser without a session goes to the sign-in form, and back here afterwards.
      const next =
        request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      seeOther(response, `/login${next}`);
      return;
    }
    if (wantsHtml(request)) {
      sendHtml(
        response,
        this.views.renderErrorPage(description.statusCode, errorMessage(description, say), request),
        description.statusCode,
      );
      return;
    }
    response.status(description.statusCode).json(toErrorBody(description, say));
  }
}
