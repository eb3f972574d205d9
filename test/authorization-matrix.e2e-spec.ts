import request from 'supertest';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { Route, routesOf } from './support/routes';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** A concrete address: every `:param` is 1 (the guards answer before any record is read). */
const urlOf = (route: Route) => route.path.replace(/:[A-Za-z]+/g, '1');

/**
 * Who may call what, over every route × identity: the access rules declared on the controllers
 * hold at the door, whatever the route does after. Anonymous callers and a partner signed in to
 * the portal never pass a staff route; a coordinator never passes an admin-only one.
 */
describe('authorization over every route and identity', () => {
  let t: TestApp;
  let coordinator: Staff;
  let routes: Route[];

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
    await createStaff(t, 'admin');
    coordinator = await createStaff(t, 'coordinator');
    routes = routesOf(t);
  });
  afterAll(() => t.close());

  it('finds the routes (API and pages) and their rules', () => {
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.filter((r) => r.roles?.includes('admin')).length).toBeGreaterThan(3);
    expect(routes.some((r) => r.isPublic && r.path === '/api/auth/login')).toBe(true);
    expect(routes.find((r) => r.method === 'get' && r.path === '/api/users')?.roles).toEqual([
      'admin',
    ]);
    expect(routes.find((r) => r.path === '/api/partners/:id')?.isPublic).toBe(false);
  });

  it('anonymous callers get 401 on every staff API route, and the sign-in page on pages', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const api = route.path.startsWith('/api/');
      const response = await request(t.http)
        [route.method](urlOf(route))
        .set('Accept', api ? 'application/json' : 'text/html')
        .set('Content-Type', 'application/json')
        .send('{}');
      const refused = api
        ? response.status === 401
        : response.status === 401 ||
          (response.status === 303 && String(response.headers.location).startsWith('/login'));
      if (!refused) leaks.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('a partner signed in to the portal is no staff member anywhere', async () => {
    const partner = await request(t.http)
      .post('/api/partners')
      .set('Authorization', `Bearer ${coordinator.token}`)
      .send({ name: 'Mission locale', kind: 'association' })
      .expect(201);
    const contact = await coordinator.api
      .post(`/api/partners/${partner.body.id}/contacts`)
      .send({ fullName: 'Hélène', email: 'helene@partner.test' })
      .expect(201);
    await coordinator.api.post(`/api/contacts/${contact.body.id}/portal-link`).expect(201);
    const message = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneOrFail({ where: { recipientEmail: 'helene@partner.test' } });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const portal = request.agent(t.http);
    await portal.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    await portal.get('/portal').set('Accept', 'text/html').expect(200);
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const api = route.path.startsWith('/api/');
      const response = await portal[route.method](urlOf(route))
        .set('Accept', api ? 'application/json' : 'text/html')
        .send({});
      const refused = api
        ? response.status === 401
        : response.status === 303 && String(response.headers.location).startsWith('/login');
      if (!refused) leaks.push(`${route.method.toUpperCase()} ${route.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('a wrong or revoked-looking token is refused like no token', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic && r.path.startsWith('/api/'))) {
      const response = await request(t.http)
        [route.method](urlOf(route))
        .set('Authorization', 'Bearer mlg_not-a-real-token')
        .send({});
      if (response.status !== 401) leaks.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });

  it('a coordinator gets 403 on every admin-only route', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter(
      (r) => !r.isPublic && r.roles && !r.roles.includes('coordinator'),
    )) {
      const response = await coordinator.api[route.method](urlOf(route))
        .set('Accept', route.path.startsWith('/api/') ? 'application/json' : 'text/html')
        .send({});
      if (response.status !== 403) leaks.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });
});
