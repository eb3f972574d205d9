import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { ApiToken } from '../src/auth/tokens/api-token.entity';
import { createUserFromCommandLine } from '../src/auth/users/user-commands';
import { User } from '../src/auth/users/user.entity';
import { UsersService } from '../src/auth/users/users.service';
import { sha256 } from '../src/common/secrets';
import { projectRoot } from '../src/config/project-root';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

describe('personal API tokens', () => {
  let t: TestApp;
  let staff: Staff;
  let colleague: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
    colleague = await createStaff(t);
  });
  afterAll(() => t.close());

  it('creates a token shown once, stored only as its SHA-256', async () => {
    const created = await staff.api.post('/api/tokens').send({ name: ' Tableur ' }).expect(201);
    expect(created.body.token).toMatch(/^mlg_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'Tableur',
      prefix: created.body.token.slice(0, 12),
    });
    const stored = await t.dataSource
      .getRepository(ApiToken)
      .findOneByOrFail({ id: created.body.id });
    expect(stored.tokenHash).toBe(sha256(created.body.token));
    expect(JSON.stringify(stored)).not.toContain(created.body.token);

    const list = await staff.api.get('/api/tokens').expect(200);
    expect(list.body.map((x: { name: string }) => x.name)).toEqual(['Tableur', 'tests']);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body[0]).not.toHaveProperty('token');
    expect(list.body[0]).not.toHaveProperty('tokenHash');

    // The new token works on its own.
    const me = await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${created.body.token}`)
      .expect(200);
    expect(me.body.user.id).toBe(staff.user.id);
    expect(me.body.csrfToken).toBeUndefined();
  });

  it('lists only the caller’s tokens and revokes only the caller’s (404 otherwise)', async () => {
    const mine = await staff.api.post('/api/tokens').send({ name: 'mine' }).expect(201);
    const theirs = await colleague.api.get('/api/tokens').expect(200);
    expect(theirs.body.map((x: { name: string }) => x.name)).toEqual(['tests']);
    await colleague.api.delete(`/api/tokens/${mine.body.id}`).expect(404);
    await colleague.api.delete('/api/tokens/999999').expect(404);
    await colleague.api.delete('/api/tokens/abc').expect(400);
    await colleague.api.delete('/api/tokens/99999999999').expect(400);
    await request(t.http)
      .get('/api/auth/me')
      .set('Authorization', `Bearer ${mine.body.token}`)
      .expect(200);
  });

  it('a revoked token stops working at once', async () => {
    const created = await staff.api.post('/api/tokens').send({ name: 'short-lived' }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await request(t.http).get('/api/tokens').set('Authorization', bearer).expect(200);
    await staff.api.delete(`/api/tokens/${created.body.id}`).expect(204);
    await request(t.http).get('/api/tokens').set('Authorization', bearer).expect(401);
    const list = await staff.api.get('/api/tokens').expect(200);
    expect(list.body.map((x: { id: number }) => x.id)).not.toContain(created.body.id);
    await staff.api.delete(`/api/tokens/${created.body.id}`).expect(404);
  });

  it('validates the name (400 naming the fields)', async () => {
    const response = await staff.api
      .post('/api/tokens')
      .send({ name: '', scope: 'all' })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['name', 'scope']);
  });

  it('refuses unknown and malformed tokens', async () => {
    for (const header of ['Bearer mlg_nope', 'Bearer ', 'Token abc']) {
      await request(t.http).get('/api/tokens').set('Authorization', header).expect(401);
    }
  });
});

describe('user management (admins only)', () => {
  let t: TestApp;
  let admin: Staff;
  let coordinator: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createStaff(t, 'admin');
    coordinator = await createStaff(t, 'coordinator');
  });
  afterAll(() => t.close());

  it('refuses coordinators (403)', async () => {
    await coordinator.api.get('/api/users').expect(403);
    await coordinator.api
      .post('/api/users')
      .send({
        email: 'x@y.test',
        displayName: 'X',
        role: 'admin',
        password: 'long enough password',
      })
      .expect(403);
    await coordinator.api
      .patch(`/api/users/${coordinator.user.id}`)
      .send({ role: 'admin' })
      .expect(403);
  });

  it('creates a user, refuses the same email in another case (409)', async () => {
    const created = await admin.api
      .post('/api/users')
      .send({
        email: 'Paul.Martin@Agence.test',
        displayName: 'Paul Martin',
        role: 'coordinator',
        password: 'paul has a long password',
      })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'Paul.Martin@Agence.test', role: 'coordinator' });
    expect(created.body.passwordHash).toBeUndefined();
    const duplicate = await admin.api
      .post('/api/users')
      .send({
        email: 'paul.martin@agence.TEST',
        displayName: 'Paul bis',
        role: 'coordinator',
        password: 'another long password',
      })
      .expect(409);
    expect(duplicate.body.field).toBe('email');
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'PAUL.martin@agence.test', password: 'paul has a long password' })
      .expect(200);

    const list = await admin.api.get('/api/users').expect(200);
    expect(list.body.map((u: { email: string }) => u.email)).toContain('Paul.Martin@Agence.test');
    expect(JSON.stringify(list.body)).not.toContain('scrypt');

    const audit = await t.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityType: 'user', entityId: String(created.body.id) });
    expect(audit).toMatchObject({ action: 'create', actorUserId: admin.user.id });
    expect(JSON.stringify(audit.changes)).not.toContain('password');
  });

  it('names each bad field (400)', async () => {
    const response = await admin.api
      .post('/api/users')
      .send({ email: 'nope', displayName: '', role: 'boss', password: 'short', admin: true })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['admin', 'displayName', 'email', 'password', 'role']);
    await admin.api.patch(`/api/users/${coordinator.user.id}`).send({ active: 'no' }).expect(400);
    await admin.api.patch('/api/users/424242').send({ displayName: 'Ghost' }).expect(404);
  });

  it('changes name, role and password; a deactivated user loses sessions and tokens', async () => {
    const target = await createStaff(t);
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ email: target.user.email, password: target.password })
      .expect(200);
    const cookie = /maillage\.sid=[^;]+/.exec(String(login.headers['set-cookie']))![0];

    const updated = await admin.api
      .patch(`/api/users/${target.user.id}`)
      .send({ displayName: 'Renamed', role: 'admin', password: 'a brand new password' })
      .expect(200);
    expect(updated.body).toMatchObject({ displayName: 'Renamed', role: 'admin', active: true });
    // A new password ends the sessions opened with the old one.
    await request(t.http).get('/api/auth/me').set('Cookie', cookie).expect(401);
    const again = await request(t.http)
      .post('/api/auth/login')
      .send({ email: target.user.email, password: 'a brand new password' })
      .expect(200);
    const newCookie = /maillage\.sid=[^;]+/.exec(String(again.headers['set-cookie']))![0];
    await request(t.http).get('/api/auth/me').set('Cookie', newCookie).expect(200);

    await admin.api.patch(`/api/users/${target.user.id}`).send({ active: false }).expect(200);
    await request(t.http).get('/api/auth/me').set('Cookie', newCookie).expect(401);
    await target.api.get('/api/auth/me').expect(401);
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: target.user.email, password: 'a brand new password' })
      .expect(401);
  });

  it('keeps the last active administrator (422)', async () => {
    const t2 = await createTestApp();
    try {
      const only = await createStaff(t2, 'admin');
      const demote = await only.api
        .patch(`/api/users/${only.user.id}`)
        .send({ role: 'coordinator' })
        .expect(422);
      expect(demote.body.field).toBe('role');
      const deactivate = await only.api
        .patch(`/api/users/${only.user.id}`)
        .send({ active: false })
        .expect(422);
      expect(deactivate.body.field).toBe('active');

      const second = await createStaff(t2, 'admin');
      await only.api.patch(`/api/users/${second.user.id}`).send({ active: false }).expect(200);
      await only.api.patch(`/api/users/${only.user.id}`).send({ role: 'coordinator' }).expect(422);
      await only.api.patch(`/api/users/${second.user.id}`).send({ active: true }).expect(200);
      await only.api.patch(`/api/users/${only.user.id}`).send({ role: 'coordinator' }).expect(200);
      const users = await t2.dataSource.getRepository(User).findBy({ role: 'admin', active: true });
      expect(users.map((u) => u.id)).toEqual([second.user.id]);
    } finally {
      await t2.close();
    }
  });
});

describe('every /api route of staff accounts needs a user', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  it.each([
    ['get', '/api/auth/me'],
    ['get', '/api/tokens'],
    ['post', '/api/tokens'],
    ['delete', '/api/tokens/1'],
    ['get', '/api/users'],
    ['post', '/api/users'],
    ['patch', '/api/users/1'],
  ] as const)('%s %s answers 401 without a session or token', async (method, url) => {
    const response = await request(t.http)[method](url).send({}).expect(401);
    expect(response.body).toMatchObject({ statusCode: 401 });
  });

  it('documents the routes in the OpenAPI description', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    for (const path of ['/api/setup', '/api/auth/login', '/api/auth/logout', '/api/auth/me']) {
      expect(doc.body.paths).toHaveProperty([
        path,
        'post'.length ? Object.keys(doc.body.paths[path])[0] : '',
      ]);
    }
    expect(Object.keys(doc.body.paths['/api/tokens'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(doc.body.paths['/api/users/{id}'])).toContain('patch');
    expect(doc.body.paths['/api/tokens/{id}'].delete.tags).toEqual(['tokens']);
    expect(doc.body.components.schemas.CreateUserDto.properties.role.enum).toEqual([
      'admin',
      'coordinator',
    ]);
    expect(doc.body.paths).not.toHaveProperty('/login');
  });
});

describe('user:create (command line)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a user with a password from stdin, or a generated one', async () => {
    const users = t.app.get(UsersService);
    const piped = await createUserFromCommandLine(
      users,
      {
        email: 'Marie@Agence.test',
        role: 'coordinator',
        name: 'Marie Dupont',
        'password-stdin': true,
      },
      () => Promise.resolve('marie long password'),
    );
    expect(piped.generatedPassword).toBeUndefined();
    expect(piped.user).toMatchObject({ displayName: 'Marie Dupont', role: 'coordinator' });
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'marie@agence.test', password: 'marie long password' })
      .expect(200);

    const generated = await createUserFromCommandLine(users, {
      email: 'boss@agence.test',
      role: 'admin',
    });
    expect(generated.generatedPassword).toHaveLength(24);
    expect(generated.user.displayName).toBe('boss');
    await request(t.http)
      .post('/api/auth/login')
      .send({ email: 'boss@agence.test', password: generated.generatedPassword })
      .expect(200);
  });

  it('explains mistakes: duplicate email, bad role, short password, missing email', async () => {
    const users = t.app.get(UsersService);
    await expect(
      createUserFromCommandLine(users, { email: 'MARIE@agence.test' }),
    ).rejects.toMatchObject({
      text: { key: 'errors.user.emailTaken', params: { email: 'MARIE@agence.test' } },
    });
    await expect(
      createUserFromCommandLine(users, { email: 'x@agence.test', role: 'boss' }),
    ).rejects.toMatchObject({
      texts: [{ key: 'errors.cli.role', params: { role: 'boss' } }],
    });
    await expect(
      createUserFromCommandLine(users, { email: 'x@agence.test', 'password-stdin': true }, () =>
        Promise.resolve('short'),
      ),
    ).rejects.toMatchObject({
      texts: [{ key: 'errors.validation.minLength', params: { field: 'password', min: 12 } }],
    });
    await expect(createUserFromCommandLine(users, {})).rejects.toMatchObject({
      texts: [{ key: 'errors.cli.emailRequired' }],
    });
  });

  // The real program, as `npm run cli` runs it: built into dist/ first (SQLite only, once).
  const onSqlite = !/^postgres/.test(process.env.DATABASE_URL ?? '');
  (onSqlite ? it : it.skip)(
    'runs as a program: exit 0 on success, a clear message and exit 1 on mistakes',
    async () => {
      await new Promise<void>((resolve, reject) =>
        execFile(
          process.execPath,
          [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
          { cwd: projectRoot() },
          (error, stdout) => (error ? reject(new Error(stdout || error.message)) : resolve()),
        ),
      );
      const built = join(projectRoot(), 'dist/src/cli.js');
      const dataDir = mkdtempSync(join(tmpdir(), 'maillage-cli-'));
      const run = (args: string[], input: string) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          const child = execFile(
            process.execPath,
            [built, ...args],
            { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } },
            (error, stdout, stderr) =>
              resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          );
          child.stdin?.end(input);
        });
      try {
        const args = [
          'user:create',
          '--email',
          'cli@agence.test',
          '--role',
          'coordinator',
          '--name',
          'Cli User',
          '--password-stdin',
        ];
        const ok = await run(args, 'a password from stdin\n');
        expect(ok.stderr).toBe('');
        expect(ok.stdout).toMatch(/Compte « Coordinateur » cli@agence\.test créé/);
        expect(ok.code).toBe(0);
        const again = await run(args, 'a password from stdin\n');
        expect(again.code).toBe(1);
        expect(again.stderr).toContain(
          'Erreur : Un utilisateur a déjà l’adresse e-mail cli@agence.test.',
        );
        const badRole = await run(
          ['user:create', '--email', 'z@agence.test', '--role', 'root'],
          '',
        );
        expect(badRole.code).toBe(1);
        expect(badRole.stderr).toContain(
          'Erreur : --role doit valoir l’une des valeurs : admin (Administrateur), coordinator (Coordinateur) (reçu : « root »).',
        );
        // A name of invisible characters only, refused as the account form refuses it.
        const blank = await run(
          ['user:create', '--email', 'b@agence.test', '--name', '\u200b', '--password-stdin'],
          'a password from stdin\n',
        );
        expect(blank.code).toBe(1);
        expect(blank.stderr).toContain('ne doit pas être vide');
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
