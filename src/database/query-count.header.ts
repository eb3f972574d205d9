import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { QueryCounter } from './query-counter';

export const QUERY_COUNT_HEADER = 'x-sql-queries';

/**
 * For the benchmark only (BENCH_QUERY_COUNT=true): answers each request with the number of SQL
 * statements run between its arrival and its response headers. Exact for sequential requests;
 * with concurrent ones the counts mix, so the benchmark reads it from requests sent one by one.
 * Added in front of everything, so the sign-in lookup and session store are counted too.
 */
export function queryCountHeader(counter: QueryCounter): RequestHandler {
  return (_request: Request, response: Response, next: NextFunction) => {
    const start = counter.total;
    const writeHead = response.writeHead;
    response.writeHead = function (this: Response, ...args: unknown[]) {
      if (!this.headersSent) this.setHeader(QUERY_COUNT_HEADER, String(counter.total - start));
      return (writeHead as (...a: unknown[]) => Response).apply(this, args);
    } as typeof response.writeHead;
    next();
  };
}
