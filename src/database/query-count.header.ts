import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { QueryCounter } from './query-counter';

export const QUERY_COUNT_HEADER = 'x-sql-queries';
/** Asks for the count: only the requests that send it are counted. */
export const COUNT_REQUEST_HEADER = 'x-count-sql';

/**
 * For the benchmark only (BENCH_QUERY_COUNT=true): answers each request with the number of SQL
 * statements the request ran (in its async context) before its response headers: background work
 * meanwhile (the mail dispatcher polling, another request) is not counted. Added in front of
 * everything, so the sign-in lookup and session store are counted too.
 */
export function queryCountHeader(counter: QueryCounter): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.headers[COUNT_REQUEST_HEADER] === undefined) return next();
    const tally = { count: 0 };
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader(QUERY_COUNT_HEADER, String(tally.count));
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as typeof response.writeHead;
    counter.within(tally, next);
    response.on('close', () => counter.leave());
  };
}
