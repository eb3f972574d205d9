import request from 'supertest';
import { ApiToken } from '../src/auth/tokens/api-token.entity';
import { User } from '../src/auth/users/user.entity';
import { type BrowserSession, signInWithForm } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

const HTML = 'text/html';

describe('administration pages', () => {
  let t: TestApp;
  let admin: Staff;
  let coordinator: Staff;
  let browser: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createStaff(t, 'admin');
    coordinator = await createStaff(t, 'coordinator');
    browser = await signInWithForm(t, admin.user.email, admin.password);
  });
  afterAll(() => t.close());

  const get = (url: string) => browser.agent.get(url).set('Accept', HTML);
  const post = (url: string, form: Record<string, string>) =>
    browser.agent
      .post(url)
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: browser.csrfToken, ...form });
  const users = () => t.dataSource.getRepository(User);

  it('lists the staff accounts', async () => {
    const page = await get('/admin/users').expect(200);
    expect(page.text).toContain('<h1>Comptes du personnel</h1>');
    expect(page.text).toContain(admin.user.email);
    expect(page.text).toContain(coordinator.user.email);
    expect(page.text).toContain(`action="/admin/users/${coordinator.user.id}"`);
  });

  it('creates an account, escaping its name', async () => {
    await post('/admin/users', {
      email: 'Nouvelle@Agence.test',
      displayName: '<script>x</script> Nouvelle',
      role: 'coordinator',
      password: 'un mot de passe assez long',
    }).expect(303);
    const created = await users().findOneByOrFail({ emailKey: 'nouvelle@agence.test' });
    expect(created).toMatchObject({ role: 'coordinator', active: true });
    const page = await get('/admin/users?saved=created').expect(200);
    expect(page.text).toContain('Compte créé.');
    expect(page.text).not.toContain('<script>x</script>');
    expect(page.text).toContain('&lt;script&gt;x&lt;/script&gt; Nouvelle');
  });

  it('refuses invalid input with 422 and a duplicate email with 409, creating nothing', async () => {
    const before = await users().count();
    const invalid = await post('/admin/users', {
      email: 'pas-un-email',
      displayName: 'Quelqu’un',
      role: 'coordinator',
      password: 'court',
    }).expect(422);
    expect(invalid.text).toContain('Indiquez une adresse e-mail valide');
    expect(invalid.text).toContain('12 caractères au moins');
    expect(invalid.text).toContain('value="Quelqu’un"');
    const duplicate = await post('/admin/users', {
      email: coordinator.user.email.toUpperCase(),
      displayName: 'Doublon',
      role: 'coordinator',
      password: 'un mot de passe assez long',
    }).expect(409);
    expect(duplicate.text).toContain('Un compte utilise déjà cette adresse e-mail');
    expect(await users().count()).toBe(before);
  });

  it('changes a role and deactivates / reactivates an account', async () => {
    const other = await createStaff(t, 'coordinator');
    await post(`/admin/users/${other.user.id}`, { role: 'admin' }).expect(303);
    expect((await users().findOneByOrFail({ id: other.user.id })).role).toBe('admin');
    await post(`/admin/users/${other.user.id}`, { active: 'false' }).expect(303);
    expect((await users().findOneByOrFail({ id: other.user.id })).active).toBe(false);
    const page = await get('/admin/users').expect(200);
    expect(page.text).toContain('Désactivé');
    await post(`/admin/users/${other.user.id}`, { active: 'true' }).expect(303);
    expect((await users().findOneByOrFail({ id: other.user.id })).active).toBe(true);
    await post(`/admin/users/${other.user.id}`, { active: 'false' }).expect(303);
  });

  it('keeps the last active administrator, showing the rule', async () => {
    const admins = await users().findBy({ role: 'admin', active: true });
    for (const other of admins.filter((u) => u.id !== admin.user.id)) {
      await post(`/admin/users/${other.id}`, { role: 'coordinator' }).expect(303);
    }
    const refused = await post(`/admin/users/${admin.user.id}`, { active: 'false' }).expect(422);
    expect(refused.text).toContain('le dernier administrateur actif');
    const roleRefused = await post(`/admin/users/${admin.user.id}`, {
      role: 'coordinator',
    }).expect(422);
    expect(roleRefused.text).toContain('le dernier administrateur actif');
    expect(await users().findOneByOrFail({ id: admin.user.id })).toMatchObject({
      role: 'admin',
      active: true,
    });
  });

  it('needs the CSRF token', async () => {
    const before = await users().count();
    await browser.agent
      .post('/admin/users')
      .set('Accept', HTML)
      .type('form')
      .send({
        email: 'sans.jeton@agence.test',
        displayName: 'Sans jeton',
        role: 'admin',
        password: 'un mot de passe assez long',
      })
      .expect(403);
    expect(await users().count()).toBe(before);
  });

  it('shows the 403 page to a coordinator, and the header has no admin link for them', async () => {
    const session = await signInWithForm(t, coordinator.user.email, coordinator.password);
    for (const url of ['/admin/users', '/admin/tokens']) {
      const page = await session.agent.get(url).set('Accept', HTML).expect(403);
      expect(page.headers['content-type']).toMatch(/html/);
      expect(page.text).toContain('Erreur 403');
      expect(page.text).toContain('Votre rôle ne donne pas accès à cette action.');
    }
    await session.agent
      .post(`/admin/users/${coordinator.user.id}`)
      .set('Accept', HTML)
      .type('form')
      .send({ _csrf: session.csrfToken, role: 'admin' })
      .expect(403);
    expect((await users().findOneByOrFail({ id: coordinator.user.id })).role).toBe('coordinator');
    const home = await session.agent.get('/partners').set('Accept', HTML).expect(200);
    expect(home.text).not.toContain('href="/admin/users"');
  });

  it('answers 404 for an unknown user', async () => {
    await post('/admin/users/999999', { role: 'admin' }).expect(404);
  });

  describe('API tokens', () => {
    it('creates a token shown once, which works, then revokes it', async () => {
      const created = await post('/admin/tokens', { name: 'Tableur <partenaires>' }).expect(201);
      expect(created.headers['cache-control']).toContain('no-store');
      const secret = /value="(mlg_[^"]+)"/.exec(created.text)![1];
      expect(created.text).toContain('Tableur &lt;partenaires&gt;');
      await request(t.http)
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${secret}`)
        .expect(200);

      const list = await get('/admin/tokens').expect(200);
      expect(list.text).toContain('Tableur &lt;partenaires&gt;');
      expect(list.text).not.toContain(secret);
      const token = await t.dataSource
        .getRepository(ApiToken)
        .findOneByOrFail({ name: 'Tableur <partenaires>' });
      expect(list.text).toContain(`action="/admin/tokens/${token.id}/revoke"`);

      await post(`/admin/tokens/${token.id}/revoke`, {}).expect(303);
      const revoked = await t.dataSource.getRepository(ApiToken).findOneByOrFail({ id: token.id });
      expect(revoked.revokedAt).not.toBeNull();
      await request(t.http)
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${secret}`)
        .expect(401);
    });

    it('refuses a token without a name (422) and someone else’s token (404)', async () => {
      const before = await t.dataSource.getRepository(ApiToken).count();
      const invalid = await post('/admin/tokens', { name: '  ' }).expect(422);
      expect(invalid.text).toContain('Donnez un nom au jeton');
      expect(await t.dataSource.getRepository(ApiToken).count()).toBe(before);
      const others = await t.dataSource
        .getRepository(ApiToken)
        .findOneByOrFail({ userId: coordinator.user.id });
      await post(`/admin/tokens/${others.id}/revoke`, {}).expect(404);
    });
  });
});
