import { IncomingMessage, ServerResponse, createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The HTTP server for an Express app, whose requests and responses are born with Express's
 * prototypes (`app.request`, `app.response`) instead of Node's.
 *
 * Express gives every request and response its prototype with `Object.setPrototypeOf` as it
 * enters the app. Measured on Node 20: objects whose prototype is changed that way outlive the
 * young generation, with all they reference (the router's closures, the handler's promises),
 * until a full collection: about 8 KB promoted per request of a bare Express app, 14 KB of this
 * one, and a mark-compact every half second under load, which made the app's p99. Born with the
 * right prototype, `setPrototypeOf` has nothing to change: a bare Express app serves 2.2 times
 * the requests and its garbage dies young (BENCHMARKS.md, tenth session).
 */
export function expressHttpServer(app: Express): Server {
  function AppRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, request: IncomingMessage, options: object): void {
    (ServerResponse as unknown as (...args: unknown[]) => void).call(this, request, options);
  }
  AppResponse.prototype = app.response;
  return createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof ServerResponse,
    },
    app,
  );
}
