import request from 'supertest';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/** What every visitor meets before any feature: the icon, and the page for a wrong address. */
describe('site basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createStaff(t); // past the first run, which sends every page to /setup
  });
  afterAll(() => t.close());

  it("an address with no route is a French 404 page, without the router's English", async () => {
    const page = await request(t.http).get('/messages').set('Accept', 'text/html').expect(404);
    expect(page.text).toContain(
      'Il n’y a rien à l’adresse /messages (requête GET) : vérifiez le lien.',
    );
    expect(page.text).not.toContain('Cannot GET');
  });

  it('has a favicon, linked from the pages and at /favicon.ico', async () => {
    await request(t.http).get('/favicon.ico').expect(301).expect('Location', '/assets/favicon.svg');
    const icon = await request(t.http).get('/assets/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const login = await request(t.http).get('/login').set('Accept', 'text/html').expect(200);
    expect(login.text).toContain('<link rel="icon" href="/assets/favicon.svg"');
  });
});
