import request from 'supertest';
import { SessionRecord } from '../src/auth/sessions/session-record.entity';
import { User } from '../src/auth/users/user.entity';
import { createStaff, Staff } from './support/staff';
import { csrfFromHtml, signIn, signInWithForm } from './support/session';
import { createTestApp, TestApp } from './support/test-app';

describe('sign-in and sessions', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator', 'Marie.Dupont@Agence.test');
  });
  afterAll(() => t.close());

  it('signs in with the email in any case and sets a httpOnly SameSite=Lax cookie', async () => {
    const response = await request(t.http)
      .post('/api/auth/login')
      .send({ email: '  marie.dupont@AGENCE.test ', password: staff.password })
      .expect(200);
    expect(response.body.user).toMatchObject({ id: staff.user.id, role: 'coordinator' });
    expect(response.body.user.passwordHash).toBeUndefined();
    expect(response.body.csrfToken).toMatch(/^[0-9a-f]{64}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^maillage\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ id: staff.user.id });
    expect(user.lastSignInAt?.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('pushes the session expiry back on use, writing the row only when it moves by over a minute', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: staff.user.email, password: staff.password })
      .expect(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const sid = decodeURIComponent(cookie.split('=')[1]).slice(2).split('.')[0];
    const sessions = t.dataSource.getRepository(SessionRecord);
    const expiryOf = async () => (await sessions.findOneByOrFail({ sid })).expiresAt.getTime();
    const signedInAt = await expiryOf();
    await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(await expiryOf()).toBe(signedInAt); // moved by less than a minute: not written
    const early = new Date(signedInAt - 2 * 60_000);
    await sessions.update({ sid }, { expiresAt: early });
    await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(await expiryOf()).toBeGreaterThanOrEqual(signedInAt); // moved by two minutes: written
  });

  it('reads a session and its signed-in user in one statement', async () => {
    const { agent } = await signIn(t, staff.user.email, staff.password);
    const before = t.queries.total;
    await agent.get('/api/auth/me').expect(200);
    // The session row joined to its user (DatabaseSessionStore.get): no second read of the user.
    expect(t.queries.total - before).toBe(1);
  });

  it('refuses a wrong password or an unknown email with the same 401', async () => {
    const wrong = await request(t.http)
      .post('/api/auth/login')
      .send({ email: staff.user.email, password: 'not the password' })
      .expect(401);
    const unknown = await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'nobody@agence.test', password: 'not the password' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(String(wrong.headers['set-cookie'] ?? '')).not.toContain('maillage.sid');
  });

  it('names the fields of a bad sign-in request (400)', async () => {
    const response = await request(t.http)
      .post('/api/auth/login')
      .send({ email: 3, remember: true })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'password', 'remember']);
  });

  it('reads the authentication scheme in any case (RFC 9110)', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const me = await request(t.http)
        .get('/api/auth/me')
        .set('Authorization', `${scheme} ${staff.token}`)
        .expect(200);
      expect(me.body.user.email).toBe(staff.user.email);
    }
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Basic ${staff.token}`)
      .expect(401);
  });

  it('gives a new session id at sign-in (no fixation)', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const before = /maillage\.sid=([^;]+)/.exec(String(page.headers['set-cookie']))?.[1];
    expect(before).toBeDefined();
    const login = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFromHtml(page.text), email: staff.user.email, password: staff.password })
      .expect(303);
    const after = /maillage\.sid=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1];
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The old id is no session any more.
    await request(t.http).get('/api/auth/me').set('Cookie', `maillage.sid=${before}`).expect(401);
  });

  it('tells who is signed in, and logging out really ends the session', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: staff.user.email, password: staff.password })
      .expect(200);
    const cookie = /maillage\.sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    const me = await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.user.email).toBe('Marie.Dupont@Agence.test');
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
    const logout = await request(t.http)
      .post('/api/auth/logout')
      .set('Cookie', cookie)
      .set('x-csrf-token', login.body.csrfToken)
      .expect(204);
    expect(String(logout.headers['set-cookie'])).toMatch(
      /maillage\.sid=;.*Expires=Thu, 01 Jan 1970/,
    );
    // Replaying the old cookie does not bring the session back: it is gone server-side.
    await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(401);
  });

  it('signs in and out through the HTML forms, going back where the user was', async () => {
    const redirect = await request(t.http).get('/?page=2').set('Accept', 'text/html').expect(303);
    expect(redirect.headers.location).toBe('/login?next=%2F%3Fpage%3D2');

    const agent = request.agent(t.http);
    const page = await agent
      .get('/login?next=%2F%3Fpage%3D2')
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain('name="next" value="/?page&#x3D;2"');
    const login = await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfFromHtml(page.text),
        email: staff.user.email,
        password: staff.password,
        next: '/?page=2',
      })
      .expect(303);
    expect(login.headers.location).toBe('/?page=2');

    const home = await agent.get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Bonjour Staff');
    const logout = await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFromHtml(home.text) })
      .expect(303);
    expect(logout.headers.location).toBe('/login');
    await agent.get('/').set('Accept', 'text/html').expect(303);
  });

  it('never redirects outside the site after sign-in', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const login = await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfFromHtml(page.text),
        email: staff.user.email,
        password: staff.password,
        next: '//evil.test/phish',
      })
      .expect(303);
    expect(login.headers.location).toBe('/');
  });

  it('shows the form again with a message after a wrong password', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const response = await agent
      .post('/login')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), email: staff.user.email, password: 'wrong one!' })
      .expect(401);
    expect(response.text).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(response.text).toContain(`value="${staff.user.email}"`);
  });

  it('refuses the sign-in form without the CSRF token or with a wrong one (403)', async () => {
    const agent = request.agent(t.http);
    await agent.get('/login').set('Accept', 'text/html').expect(200);
    for (const token of [undefined, 'f'.repeat(64)]) {
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, email: staff.user.email, password: staff.password })
        .expect(403);
    }
  });

  it('sends a deactivated user away: no sign-in, no session, no token', async () => {
    const other = await createStaff(t);
    const { agent } = await signIn(t, other.user.email, other.password);
    await other.api.get('/api/auth/me').expect(200);
    await t.dataSource.getRepository(User).update(other.user.id, { active: false });
    await agent.get('/api/auth/me').expect(401);
    await other.api.get('/api/auth/me').expect(401);
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: other.user.email, password: other.password })
      .expect(401);
  });
});

describe('CSRF for cookie sessions on the API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('needs x-csrf-token for unsafe JSON calls made with the cookie', async () => {
    const { agent, csrfToken } = await signIn(t, staff.user.email, staff.password);
    await agent.get('/api/tokens').expect(200);
    const refused = await agent.post('/api/tokens').send({ name: 'no header' }).expect(403);
    expect(refused.body).toMatchObject({
      code: 'errors.auth.csrfHeader',
      message: expect.stringMatching(/En-tête x-csrf-token absent ou incorrect/) as unknown,
    });
    await agent
      .post('/api/tokens')
      .set('x-csrf-token', 'a'.repeat(64))
      .send({ name: 'wrong' })
      .expect(403);
    await agent.post('/api/tokens').set('x-csrf-token', csrfToken).send({ name: 'ok' }).expect(201);
  });

  it('exempts Bearer-token calls', async () => {
    await staff.api.post('/api/tokens').send({ name: 'script' }).expect(201);
  });

  it('never falls back to the cookie when an Authorization header is sent', async () => {
    const { agent } = await signIn(t, staff.user.email, staff.password);
    await agent.get('/api/tokens').set('Authorization', 'Bearer mlg_wrong').expect(401);
    await agent
      .post('/api/tokens')
      .set('Authorization', 'Basic eDp5')
      .send({ name: 'sneaky' })
      .expect(401);
  });

  it('the header form in every page carries the token that signs out', async () => {
    const { agent, csrfToken } = await signInWithForm(t, staff.user.email, staff.password);
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/);
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/api/auth/me').expect(200);
  });
});

describe('sign-in throttling', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_FAILURES_PER_ADDRESS: '8' } });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const attempt = (email: string, password: string) =>
    request(t.http).post('/api/auth/login').send({ email, password });

  it('answers 429 with Retry-After after 5 failures, even for the right password', async () => {
    for (let i = 0; i < 5; i += 1) await attempt(staff.user.email, 'wrong password').expect(401);
    const blocked = await attempt(staff.user.email, staff.password).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Another email from the same address still gets its own chances.
    const other = await createStaff(t);
    await attempt(other.user.email, other.password).expect(200);
  });

  it('blocks the HTML form too, with a message', async () => {
    const agent = request.agent(t.http);
    const page = await agent.get('/login').set('Accept', 'text/html').expect(200);
    const response = await agent
      .post('/login')
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), email: staff.user.email, password: staff.password })
      .expect(429);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.text).toContain('Trop de tentatives de connexion échouées');
  });

  it('also limits failures per address whatever the email', async () => {
    // 5 failures so far from this address; 3 more reach the limit of 8.
    for (const email of ['a@x.test', 'b@x.test', 'c@x.test']) {
      await attempt(email, 'wrong password').expect(401);
    }
    const third = await createStaff(t);
    await attempt(third.user.email, third.password).expect(429);
  });
});

describe('a success resets the per-account counter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lets a user who got it right try again later', async () => {
    const staff = await createStaff(t);
    const attempt = (password: string) =>
      request(t.http).post('/api/auth/login').send({ email: staff.user.email, password });
    for (let i = 0; i < 4; i += 1) await attempt('wrong password').expect(401);
    await attempt(staff.password).expect(200);
    for (let i = 0; i < 4; i += 1) await attempt('wrong password').expect(401);
    await attempt(staff.password).expect(200);
  });
});
