import request from 'supertest';
import { User } from '../src/auth/users/user.entity';
import { csrfFromHtml } from './support/session';
import { createTestApp, TestApp } from './support/test-app';

const admin = {
  email: 'Admin@Agence.test',
  displayName: 'Claire Admin',
  password: 'a very long password',
};

describe('first run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends browsers to /setup while no account exists, but not the API, assets or health', async () => {
    for (const path of ['/', '/login', '/partners']) {
      const response = await request(t.http).get(path).set('Accept', 'text/html').expect(303);
      expect(response.headers.location).toBe('/setup');
    }
    await request(t.http).get('/health').set('Accept', 'text/html').expect(200);
    await request(t.http).get('/assets/app.css').set('Accept', 'text/html').expect(200);
    await request(t.http).get('/api/auth/me').set('Accept', 'text/html').expect(401);
  });

  it('shows the set-up form in French with a CSRF token', async () => {
    const response = await request(t.http).get('/setup').set('Accept', 'text/html').expect(200);
    expect(response.text).toContain('Première mise en route');
    expect(response.text).toContain('name="passwordConfirmation"');
    expect(csrfFromHtml(response.text)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses the form without its CSRF token (403)', async () => {
    await request(t.http)
      .post('/setup')
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...admin, passwordConfirmation: admin.password })
      .expect(403);
    expect(await t.dataSource.getRepository(User).count()).toBe(0);
  });

  it('shows the mistakes: short password, different confirmation, bad email', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/setup').set('Accept', 'text/html').expect(200);
    const response = await agent
      .post('/setup')
      .type('form')
      .set('Accept', 'text/html')
      .send({
        _csrf: csrfFromHtml(page.text),
        email: 'not-an-email',
        displayName: 'Claire',
        password: 'short',
        passwordConfirmation: 'other',
      })
      .expect(400);
    expect(response.text).toContain('Saisissez une adresse e-mail valide.');
    expect(response.text).toContain('au moins 12 caractères');
    expect(response.text).toContain('ne sont pas identiques');
    expect(response.text).toContain('value="Claire"');
    expect(await t.dataSource.getRepository(User).count()).toBe(0);
  });

  it('creates the administrator once, signs them in, then never again', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/setup').set('Accept', 'text/html').expect(200);
    const created = await agent
      .post('/setup')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), ...admin, passwordConfirmation: admin.password })
      .expect(303);
    expect(created.headers.location).toBe('/');
    const home = await agent.get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Bonjour Claire Admin.');
    expect(home.text).toContain('href="/api/docs"');

    const users = await t.dataSource.getRepository(User).find();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'admin', emailKey: 'admin@agence.test', active: true });
    expect(users[0].passwordHash).not.toContain(admin.password);

    await request(t.http).get('/setup').set('Accept', 'text/html').expect(404);
    await agent
      .post('/setup')
      .type('form')
      .send({ _csrf: csrfFromHtml(home.text), ...admin, email: 'again@agence.test' })
      .expect(404);
    await request(t.http)
      .post('/api/setup')
      .send({ ...admin, email: 'other@agence.test' })
      .expect(409);
    expect(await t.dataSource.getRepository(User).count()).toBe(1);
    // No more detour: signed-out browsers now go to the sign-in form, and the first-run check
    // no longer costs a query (the positive answer is cached).
    const before = t.queries.total;
    const redirect = await request(t.http).get('/').set('Accept', 'text/html').expect(303);
    expect(redirect.headers.location).toBe('/login?next=%2F');
    expect(t.queries.total - before).toBe(0);
  });
});

describe('first run through the API (scripted installs)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('names the fields at fault', async () => {
    const response = await request(t.http)
      .post('/api/setup')
      .send({ email: 'x', password: 'short', extra: 1 })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'extra', 'password']);
  });

  it('refuses a form-encoded body (no login or set-up CSRF through /api)', async () => {
    await request(t.http).post('/api/setup').type('form').send(admin).expect(415);
    expect(await t.dataSource.getRepository(User).count()).toBe(0);
  });

  it('creates the administrator, then answers 409', async () => {
    const response = await request(t.http).post('/api/setup').send(admin).expect(201);
    expect(response.body).toMatchObject({
      email: 'Admin@Agence.test',
      displayName: 'Claire Admin',
      role: 'admin',
      active: true,
    });
    expect(response.body.passwordHash).toBeUndefined();
    await request(t.http).post('/api/setup').send(admin).expect(409);
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'admin@agence.TEST', password: admin.password })
      .expect(200);
    expect(login.body.user.role).toBe('admin');
  });

  it('answers concurrent set-ups with exactly one administrator', async () => {
    const other = await createTestApp();
    try {
      const answers = await Promise.all(
        [1, 2, 3].map((i) =>
          request(other.http)
            .post('/api/setup')
            .send({ ...admin, email: `admin${i}@agence.test` }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      expect(await other.dataSource.getRepository(User).count()).toBe(1);
    } finally {
      await other.close();
    }
  });
});
