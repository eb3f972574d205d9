import express from 'express';
import type { IncomingMessage } from 'node:http';
import request from 'supertest';
import { RouteEntry, RouteTableAdapter } from '../src/common/web/route-table.adapter';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

type Outcome = number | 'none' | 'bad-param';

/**
 * An Express router holding `routes` in their order, each handler passing on its index in `all`:
 * the oracle of what Express picks for a request (the index, no route, or a 400 from a parameter
 * it cannot decode).
 */
function routerOf(routes: readonly RouteEntry[], all: readonly RouteEntry[]) {
  const router = express.Router();
  for (const route of routes) {
    const index = all.indexOf(route);
    router[route.method.toLowerCase() as 'get'](route.path, (_req, _res, next) => next({ index }));
  }
  return (method: string, url: string) =>
    new Promise<Outcome>((resolve) => {
      const req = { method, url, headers: {} } as IncomingMessage;
      router(req as never, {} as never, (found?: unknown) => {
        const value = found as { index?: number; status?: number } | undefined;
        resolve(value?.index ?? (value?.status === 400 ? 'bad-param' : 'none'));
      });
    });
}

/** Concrete addresses for a route pattern: each parameter given several kinds of value. */
function addressesOf(path: string): string[] {
  const values = ['1', '42', 'new', 'abc', 'x%20y', 'caf%C3%A9', 'a%2Fb', '%E0%A4%A', '-1'];
  const filled = values.map((value) => path.replace(/:[A-Za-z_$][\w$]*/g, value));
  return [...new Set(filled.flatMap((p) => [p, `${p}/`, p.toUpperCase(), `${p}?q=1`, `${p}//`]))];
}

describe('the route table (Express routes looked up in a radix tree)', () => {
  let t: TestApp;
  let adapter: RouteTableAdapter;
  beforeAll(async () => {
    t = await createTestApp();
    adapter = t.app.getHttpAdapter() as RouteTableAdapter;
  });
  afterAll(() => t.close());

  it('serves nearly every route from the table, the rest from Express', () => {
    const routes = adapter.routes();
    const byExpress = routes.filter((r) => r.servedBy === 'express');
    expect(routes.length).toBeGreaterThan(250);
    expect(byExpress.length).toBeLessThan(10);
    // Inline parameters (":token.ics") are a shape the table leaves to Express.
    expect(byExpress.map((r) => r.path)).toContain('/calendar/:token.ics');
    expect(
      (t.app.getHttpAdapter().getInstance() as express.Express).router.stack.filter(
        (layer) => layer.route,
      ).length,
    ).toBeLessThan(byExpress.length + 10);
  });

  it('picks the same route as Express for every route, method and kind of address', async () => {
    const routes = adapter.routes();
    // What Express alone did: every route in registration order.
    const before = routerOf(routes, routes);
    // What runs now: the routes Express kept come first in its stack, then the table.
    const kept = routerOf(
      routes.filter((r) => r.servedBy === 'express'),
      routes,
    );
    const now = async (method: string, url: string): Promise<Outcome> => {
      const byExpress = await kept(method, url);
      if (byExpress !== 'none') return byExpress;
      const found = adapter.lookup(method, url.split('?')[0]);
      if (found === undefined) return 'none';
      if (found instanceof URIError) return 'bad-param';
      return routes.findIndex((r) => r.handler === found.handler && r.servedBy === 'table');
    };
    const differences: string[] = [];
    let compared = 0;
    const addresses = [...new Set(routes.flatMap((r) => addressesOf(r.path)))];
    for (const url of addresses) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
        const expected = await before(method, url);
        const actual = await now(method, url);
        compared += 1;
        const same =
          expected === actual ||
          // Two routes of one pattern share a handler slot: the first registered is served.
          (typeof expected === 'number' &&
            typeof actual === 'number' &&
            routes[expected].handler === routes[actual].handler);
        if (!same) differences.push(`${method} ${url}: Express ${expected}, now ${actual}`);
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(differences).toEqual([]);
  });

  it('answers as before over HTTP: parameters, case, trailing slash, HEAD, bad escapes', async () => {
    const { token } = await createStaff(t, 'admin');
    const get = (path: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
    await get('/api/partners/999999').expect(404);
    await get('/API/PARTNERS/999999/').expect(404);
    const invalid = await get('/api/partners/new').expect(400);
    expect(invalid.body.code).toBe('errors.input.invalid');
    const badEscape = await get('/api/partners/%E0%A4%A').expect(400);
    expect(badEscape.body).toMatchObject({
      code: 'errors.input.undecodablePath',
      message:
        'L’adresse contient « %E0%A4%A », qui ne se lit pas (encodage incorrect) : vérifiez le lien.',
    });
    // On a page: the explanation once, then the part of the address at fault.
    const page = await request(t.http).get('/u/%ED%A0%80').set('Accept', 'text/html').expect(400);
    expect(page.text.split('La demande est incorrecte.')).toHaveLength(2);
    expect(page.text).toContain('L’adresse contient « %ED%A0%80 », qui ne se lit pas');
    await get('/api/partners//').expect(404);
    await request(t.http).head('/health').expect(200);
    // OPTIONS lists the methods an address takes (the table knows them), and is a 404 elsewhere.
    const options = await request(t.http).options('/api/partners').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    const nowhere = await request(t.http).options('/api/nowhere').expect(404);
    expect(nowhere.body.code).toBe('errors.route.unknown');
    await request(t.http).get('/calendar/nope.ics').expect(404);
  });

  it('gives requests and responses Express’s prototypes from birth (no setPrototypeOf per request)', async () => {
    const app = adapter.getInstance<express.Express>();
    const server = t.app.getHttpServer() as import('node:http').Server;
    const born: [unknown, unknown][] = [];
    // Before Express's own listener, which would set the prototypes if they were not already.
    const watch = (req: IncomingMessage, res: unknown) =>
      born.push([Object.getPrototypeOf(req), Object.getPrototypeOf(res)]);
    server.prependListener('request', watch);
    try {
      await request(server).get('/health/live').expect(200);
      await request(server).post('/api/partners').send({}).expect(401);
    } finally {
      server.removeListener('request', watch);
    }
    expect(born).toEqual([
      [app.request, app.response],
      [app.request, app.response],
    ]);
  });
});
