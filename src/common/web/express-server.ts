import { IncomingMessage, ServerResponse, createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The HTTP server for an Express app, whose requests and responses are born with Express's
 * prototypes (`app.request`, `app.response`) instead of Node's.
 *
 * Express gives every request and response its prototype with `Object.setPrototypeOf` as it
 * enters the app. On V8 that change registers the object with the prototype it gets, and the
 * scavenger then keeps it, with all it references (the router's closures, the handler's
 * promises), until a full collection: about 8 KB promoted per request of a bare Express app, a
 * mark-compact every half second under load, which was the app's p99. Born with the right
 * prototype, `setPrototypeOf` finds nothing to change and returns at once: a bare Express app
 * serves 2.2 times the requests, its garbage dying young (BENCHMARKS.md, tenth session).
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
