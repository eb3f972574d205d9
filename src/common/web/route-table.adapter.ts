import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import FindMyWay from 'find-my-way';
import { expressHttpServer } from './express-server';
import { decodesAsUri } from '../text';
import { RequestRefusedException } from '../error-body';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** What Nest passes when it registers a route: (path, handler). */
type RouteArgs = Parameters<ExpressAdapter['get']>;

/** A route Nest registered, and who serves it: the table, or Express (a shape the table skips). */
export interface RouteEntry {
  method: Method;
  path: string;
  handler: RequestHandler;
  servedBy: 'table' | 'express';
}

/** A path the table reads exactly as Express does: static segments and whole `:name` segments. */
const PLAIN_PATH = /^(?:\/(?:[\w.~-]*|:[A-Za-z_$][\w$]*))+$/;

/** Express answers a parameter it cannot percent-decode with a 400 carrying this shape. */
function undecodableParam(path: string): URIError {
  return Object.assign(new URIError(`Failed to decode param in '${path}'`), {
    status: 400,
    statusCode: 400,
  });
}

/**
 * Nest's Express adapter, with the controllers' routes looked up in a radix tree (find-my-way,
 * Fastify's router) instead of Express's list: Express tries its 300-odd routes one by one, in
 * registration order, and the profile of a page gave that loop 7 % of the CPU.
 *
 * The table answers as Express did (test/route-table.e2e-spec.ts replays every route through both):
 * case-insensitive, one trailing slash ignored, parameters percent-decoded (an undecodable one is a
 * 400), HEAD served by GET, a parameter never empty. Routes of any other shape (wildcards, optional
 * or inline parameters) stay in Express. All middleware stays in Express, in its order: the table
 * takes the place of the routes in the stack, the one middleware put where Nest registers the 404
 * handler, right after the routes.
 */
export class RouteTableAdapter extends ExpressAdapter {
  private readonly table = FindMyWay({
    caseSensitive: false,
    ignoreTrailingSlash: true,
    // Express has no bound; the request line's size (Node's 16 KiB of headers) is the real one.
    maxParamLength: 16_384,
  });
  private readonly entries: RouteEntry[] = [];
  private readonly methods = new Set<string>();

  /** The HTTP server, its requests born Express's (see expressHttpServer); Nest's for HTTPS. */
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections)
      return super.initHttpServer(options);
    this.setHttpServer(expressHttpServer(this.getInstance<Express>()));
  }

  override get(...args: unknown[]): unknown {
    return this.route('GET', args) ?? super.get(...(args as RouteArgs));
  }

  override post(...args: unknown[]): unknown {
    return this.route('POST', args) ?? super.post(...(args as RouteArgs));
  }

  override put(...args: unknown[]): unknown {
    return this.route('PUT', args) ?? super.put(...(args as RouteArgs));
  }

  override patch(...args: unknown[]): unknown {
    return this.route('PATCH', args) ?? super.patch(...(args as RouteArgs));
  }

  override delete(...args: unknown[]): unknown {
    return this.route('DELETE', args) ?? super.delete(...(args as RouteArgs));
  }

  override setNotFoundHandler(...args: Parameters<ExpressAdapter['setNotFoundHandler']>): unknown {
    this.getInstance<Express>().use(this.dispatch);
    return super.setNotFoundHandler(...args);
  }

  /** Every route registered through Nest, in registration order (the fuzzer and tests list them). */
  routes(): readonly RouteEntry[] {
    return this.entries;
  }

  /** The handler of a request, or why there is none (undefined: no route; an error: a 400). */
  lookup(
    method: string,
    path: string,
  ): { handler: RequestHandler; params: Record<string, string> } | URIError | undefined {
    const found =
      this.match(method, path) ?? (method === 'HEAD' ? this.match('GET', path) : undefined);
    if (found) return found;
    // find-my-way misses a route whose parameter does not decode. Express answers a 400 as soon as
    // one route's pattern, of whatever method, matches the address.
    if (decodesAsUri(path)) return undefined;
    const escaped = path.replace(/%/g, '%25');
    for (const other of this.methods) if (this.match(other, escaped)) return undecodableParam(path);
    return undefined;
  }

  /** The table's route for an address, as Express matches it: no parameter is ever empty. */
  private match(
    method: string,
    path: string,
  ): { handler: RequestHandler; params: Record<string, string> } | undefined {
    if (!this.methods.has(method)) return undefined;
    const found = this.table.find(method as Method, path);
    if (!found) return undefined;
    const params = found.params as Record<string, string>;
    for (const key in params) if (params[key] === '') return undefined;
    return { handler: found.handler as unknown as RequestHandler, params };
  }

  /** Registers a route in the table; undefined when Express must keep it (recorded either way). */
  private route(method: Method, args: unknown[]): this | undefined {
    const [path, handler] = args;
    if (args.length !== 2 || typeof path !== 'string' || typeof handler !== 'function') return;
    const entry: RouteEntry = {
      method,
      path,
      handler: handler as RequestHandler,
      servedBy: 'table',
    };
    if (!PLAIN_PATH.test(path)) {
      this.entries.push({ ...entry, servedBy: 'express' });
      return;
    }
    this.entries.push(entry);
    // A second route of the same pattern: Express serves the first one it registered.
    if (this.table.hasRoute(method, path)) return this;
    this.table.on(method, path, handler as never);
    this.methods.add(method);
    return this;
  }

  /** The methods a table route takes at this address (HEAD with GET; OPTIONS always). */
  allowedMethods(path: string): string[] {
    const taken = new Set([...this.methods].filter((method) => this.match(method, path)));
    if (taken.size === 0) return [];
    if (taken.has('GET')) taken.add('HEAD');
    taken.add('OPTIONS');
    return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => taken.has(m));
  }

  private readonly dispatch = (request: Request, response: Response, next: NextFunction): void => {
    const found = this.lookup(request.method, request.path);
    if (found === undefined) return this.otherMethod(request, response, next);
    if (found instanceof URIError) return next(found);
    request.params = found.params;
    found.handler(request, response, next);
  };

  /**
   * An address that exists for other methods: OPTIONS lists them (204, `Allow`; no CORS headers:
   * the API grants none); another method is a 405 naming them, rather than "nothing at this
   * address". An address of no route goes on to the 404.
   */
  private otherMethod(request: Request, response: Response, next: NextFunction): void {
    const allowed = this.allowedMethods(request.path);
    if (allowed.length === 0) return next();
    response.setHeader('Allow', allowed.join(', '));
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    next(
      new RequestRefusedException(405, {
        key: 'errors.route.method',
        params: { method: request.method, path: request.path, allowed: allowed.join(', ') },
      }),
    );
  }
}
