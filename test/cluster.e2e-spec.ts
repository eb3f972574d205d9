import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { AppConfig } from '../src/config/app-config';
import { DailyBackupService } from '../src/database/backup/daily-backup.service';
import { PeriodicPasses } from '../src/database/periodic-passes';
import { ProjectRemindersService } from '../src/projects/reminders/project-reminders.service';
import { askForPortalLink } from './support/session';
import { createStaff } from './support/staff';
import { createTestApp, freshDatabase, TestApp } from './support/test-app';

/**
 * Several instances on one database (issue #21): two apps on the same database, as two servers
 * behind a load balancer would be. Shared throttling and the migration lock are PostgreSQL's
 * (SQLite is one process: its counters stay in memory); scheduled passes run on both engines.
 */
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const onPostgres = postgres ? describe : describe.skip;

const MINUTE = 60_000;

describe('scheduled passes: once per period across instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('the reminders pass runs on one instance when both call it for the same period', async () => {
    const [first, second] = await Promise.all([
      a.app.get(ProjectRemindersService).runScheduled(),
      b.app.get(ProjectRemindersService).runScheduled(),
    ]);
    expect([first, second].filter((run) => run !== undefined)).toHaveLength(1);
    // The next interval is a new period: it runs again, once.
    for (const t of [a, b]) t.clock.advanceMs(60 * MINUTE);
    const next = await Promise.all([
      b.app.get(ProjectRemindersService).runScheduled(),
      a.app.get(ProjectRemindersService).runScheduled(),
    ]);
    expect(next.filter((run) => run !== undefined)).toHaveLength(1);
  });

  it('a claim whose holder died is taken over once stale; a finished one never is', async () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const passesA = a.app.get(PeriodicPasses);
    const passesB = b.app.get(PeriodicPasses);
    expect(passesA.instanceId).not.toBe(passesB.instanceId);
    // A claims, then "dies" (never finishes).
    expect(await passesA.claim('test-job', 'p1', now)).toBe(true);
    expect(await passesB.claim('test-job', 'p1', new Date(now.getTime() + 29 * MINUTE))).toBe(
      false,
    );
    const later = new Date(now.getTime() + 31 * MINUTE);
    const takeover = await Promise.all([
      passesB.runOnce('test-job', 'p1', later, () => Promise.resolve('b')),
      passesA.runOnce('test-job', 'p1', later, () => Promise.resolve('a')),
    ]);
    expect(takeover.filter((outcome) => outcome.ran)).toHaveLength(1);
    // Finished: never run again for that period, however late.
    const muchLater = new Date(now.getTime() + 24 * 60 * MINUTE);
    expect(await passesA.runOnce('test-job', 'p1', muchLater, () => Promise.resolve(1))).toEqual({
      ran: false,
    });
  });

  it('a failed pass releases its claim, so the next tick tries again', async () => {
    const now = new Date('2026-03-02T11:00:00Z');
    const passesA = a.app.get(PeriodicPasses);
    await expect(
      passesA.runOnce('test-job', 'p2', now, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(
      await b.app.get(PeriodicPasses).runOnce('test-job', 'p2', now, () => Promise.resolve(2)),
    ).toEqual({ ran: true, result: 2 });
  });

  it('the daily backup is written by one instance a day', async () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'maillage-cluster-backup-')));
    try {
      const services = [a, b].map((t, k) => {
        const config = new AppConfig({
          ...process.env,
          DATABASE_URL: t.databaseUrl,
          DATA_DIR: dirs[k],
          BACKUP_DIR: join(dirs[k], 'backups'),
        });
        return new DailyBackupService(config, t.app.get(PeriodicPasses));
      });
      const now = new Date('2026-03-04T02:00:00Z');
      const files = await Promise.all(services.map((service) => service.runIfDue(now)));
      expect(files.filter((file) => file !== undefined)).toHaveLength(1);
      const written = dirs.map((dir) => join(dir, 'backups')).filter((dir) => existsSync(dir));
      expect(written.flatMap((dir) => readdirSync(dir))).toHaveLength(1);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});

onPostgres('throttling across instances (PostgreSQL)', () => {
  let a: TestApp;
  let b: TestApp;
  const env = {
    TRUST_PROXY: 'true',
    LOGIN_FAILURES_PER_ACCOUNT: '5',
    PORTAL_REQUESTS_PER_EMAIL: '3',
  };
  beforeAll(async () => {
    a = await createTestApp({ env });
    b = await createTestApp({ env, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const login = (t: TestApp, email: string, password: string) =>
    request(t.http)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '10.1.0.1')
      .send({ email, password });

  it('failed sign-ins spread over two instances hit the limit at the same total as on one', async () => {
    const staff = await createStaff(a);
    for (let i = 0; i < 5; i += 1) {
      await login(i % 2 === 0 ? a : b, staff.user.email, 'wrong password').expect(401);
    }
    for (const t of [a, b]) {
      const blocked = await login(t, staff.user.email, staff.password).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    }
    // The counters are rows of our own table, keyed without the email or the address in clear.
    const keys = await a.dataSource.query<{ key: string }[]>('SELECT key FROM rate_limits');
    expect(keys.filter(({ key }) => key.startsWith('login-account:'))).toHaveLength(1);
    const stored = keys.map(({ key }) => key).join(' ');
    expect(stored).not.toContain(staff.user.email.toLowerCase());
    expect(stored).not.toContain('10.1.0.1');
  });

  it('portal link requests spread over two instances are refused at the same total', async () => {
    const ask = (t: TestApp, ip: string) =>
      askForPortalLink(request.agent(t.http), 'zoe@cluster.test', ip);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await ask(i % 2 ? b : a, `10.2.0.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await ask(a, '10.2.0.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('Trop de demandes');
  });
});

onPostgres('migrations with instances starting at once (PostgreSQL)', () => {
  it('two apps starting together on an empty database both start; each migration runs once', async () => {
    const database = await freshDatabase();
    const apps: TestApp[] = [];
    // Without the lock, the loser's CREATE TABLE fails and Nest retries the connection 3 s later:
    // it would start, but only after an error. With it, no statement fails.
    const errors = jest.spyOn(console, 'error');
    try {
      const started = await Promise.allSettled([
        createTestApp({ databaseUrl: database.url }),
        createTestApp({ databaseUrl: database.url }),
      ]);
      expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
      for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
      expect(started.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
      const rows = await apps[0].dataSource.query<{ name: string; n: string }[]>(
        'SELECT name, COUNT(*) AS n FROM migrations GROUP BY name',
      );
      expect(rows.length).toBe(apps[0].dataSource.migrations.length);
      expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
      for (const app of apps) expect(await app.dataSource.showMigrations()).toBe(false);
      await request(apps[1].http).get('/health').expect(200);
    } finally {
      errors.mockRestore();
      for (const app of apps) await app.close();
      await database.drop();
    }
  });
});

onPostgres('scheduled passes at shutdown', () => {
  it('an instance stopping waits for its pass under way, which ends recorded as finished', async () => {
    const t = await createTestApp();
    const name = new URL(t.databaseUrl).pathname.slice(1);
    // Another session holds the projects table: the pass waits for it, mid-way.
    const blocker = new Client({ connectionString: t.databaseUrl });
    blocker.on('error', () => undefined); // ended by the database's drop at worst
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE projects IN ACCESS EXCLUSIVE MODE');
    const pass = t.app.get(ProjectRemindersService).runScheduled();
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      // The pass is waiting on the lock before the instance is told to stop.
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin.query<{ waiting: string }>(
          `SELECT COUNT(*) AS waiting FROM pg_stat_activity
            WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [name],
        );
        if (Number(rows[0].waiting) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const closing = t.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('ROLLBACK');
      await blocker.end(); // before the test app drops its database
      await closing;
      // Resolved with its run (a pass cut off by the closing pool would reject): it finished and
      // recorded its period done before the pool closed.
      expect(await pass).toEqual({ reminders: 0, digests: 0 });
    } finally {
      await blocker.end().catch(() => undefined);
      await admin.end();
    }
  }, 60_000);
});
