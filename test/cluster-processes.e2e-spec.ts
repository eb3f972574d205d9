import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { buildApp, Instance, startInstance, stopInstance, waitFor } from './support/cluster';
import { createManyContacts } from './support/mail';
import { createContact, createPartner } from './support/partners';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestApp, freshDatabase, TestApp } from './support/test-app';

const onPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '');
const RECIPIENTS = 2_000;
const BATCH = 20;
const REMINDED = 'ines.porteuse@grappe.test';
const SECRET = 'cluster-secret-cluster-secret-0123456789';

/** The settings every instance of one deployment shares. */
const shared = (databaseUrl: string, smtpUrl?: string): Record<string, string> => ({
  DATABASE_URL: databaseUrl,
  PUBLIC_URL: 'http://maillage.test',
  SESSION_SECRET: SECRET,
  ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
});

const MIGRATIONS = join(__dirname, '..', 'migrations', 'postgres');
const migrationFiles = () =>
  readdirSync(MIGRATIONS)
    .filter((file) => file.endsWith('.ts'))
    .sort();

/** A database left by an older version: only its first `count` migrations applied. */
async function olderDatabase(url: string, count: number): Promise<void> {
  const migrations = migrationFiles()
    .slice(0, count)
    .flatMap((file) => Object.values(require(join(MIGRATIONS, file)) as Record<string, Function>));
  const dataSource = new DataSource({ type: 'postgres', url, migrations });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

(onPostgres ? describe : describe.skip)(
  'three instances on one PostgreSQL database: start-up',
  () => {
    it.each([
      ['an empty database', 0],
      ['an older database (its first 15 migrations applied)', 15],
    ])(
      'start at once on %s: the migrations run once, every instance serves',
      async (_, applied) => {
        await buildApp();
        const database = await freshDatabase();
        if (applied > 0) await olderDatabase(database.url, applied);
        const started: Instance[] = [];
        try {
          started.push(
            ...(await Promise.all(
              ['x', 'y', 'z'].map((name) =>
                startInstance(name, { ...shared(database.url), MAIL_DISPATCHER: 'false' }),
              ),
            )),
          );
          for (const instance of started)
            expect((await fetch(`${instance.url}/health`)).status).toBe(200);
          const client = new Client({ connectionString: database.url });
          await client.connect();
          const { rows } = await client.query<{ name: string; times: string }>(
            'SELECT name, COUNT(*) AS times FROM migrations GROUP BY name',
          );
          await client.end();
          expect(rows.length).toBe(migrationFiles().length);
          expect(rows.filter((row) => Number(row.times) !== 1)).toEqual([]);
          for (const instance of started)
            expect(instance.output.join('')).not.toMatch(/QueryFailedError|already exists/);
        } finally {
          await Promise.all(started.map((instance) => stopInstance(instance, 'SIGKILL')));
          await database.drop();
        }
      },
      180_000,
    );
  },
);

/**
 * Several app servers on one PostgreSQL database, each a real process started from the build,
 * every one dispatching mail: a newsletter reaches every recipient once, even when an instance is
 * killed in the middle of its sending (its claimed batch is taken back after the claim timeout;
 * only what it had sent without recording it goes twice).
 */
(onPostgres ? describe : describe.skip)(
  'three instances on one PostgreSQL database: throttling, cache, outage, mail, passes, draining',
  () => {
    let t: TestApp;
    let staff: Staff;
    let smtp: TestSmtpServer;
    const instances: Instance[] = [];

    beforeAll(async () => {
      await buildApp();
      smtp = await new TestSmtpServer().start();
      t = await createTestApp({ env: { SMTP_URL: smtp.url } });
      staff = await createStaff(t);
      await createManyContacts(t, RECIPIENTS);
      // A project overdue by the instances' clock (the set-up app's is in March): one reminder due.
      const lead = await createPartner(staff, { name: 'Porteuse en grappe' });
      await createContact(staff, lead.id, { fullName: 'Inès Porteuse', email: REMINDED });
      await staff.api
        .post('/api/projects')
        .send({ title: 'Projet à relancer', leadPartnerId: lead.id, status: 'launched' })
        .expect(201);
      for (const name of ['a', 'b', 'c'])
        instances.push(
          await startInstance(name, {
            ...shared(t.databaseUrl, smtp.url),
            MAIL_DISPATCHER: 'true',
            MAIL_POLL_SECONDS: '1',
            MAIL_BATCH_SIZE: String(BATCH),
            MAIL_CLAIM_TIMEOUT_SECONDS: '30',
            REMINDERS_INTERVAL_MINUTES: '1',
          }),
        );
    }, 180_000);

    afterAll(async () => {
      await Promise.all(instances.map((instance) => stopInstance(instance, 'SIGKILL')));
      await t?.close();
      await smtp?.stop();
    });

    it('counts failed sign-ins across the instances: the limit is the same as with one', async () => {
      const login = (instance: Instance, password: string) =>
        fetch(`${instance.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ email: staff.user.email, password }),
        });
      // LOGIN_FAILURES_PER_ACCOUNT is 5: five failures, round robin over the three instances.
      for (let i = 0; i < 5; i++) expect((await login(instances[i % 3], 'wrong')).status).toBe(401);
      for (const instance of instances) {
        const refused = await login(instance, staff.password);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    });

    it('shows a write made through one instance at the next dashboard read on the others', async () => {
      const api = (instance: Instance, path: string, init: RequestInit = {}) =>
        fetch(`${instance.url}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json' },
        });
      const launched = async (instance: Instance) =>
        (
          (await (await api(instance, '/api/dashboard')).json()) as {
            statuses: Record<string, number>;
          }
        ).statuses.launched ?? 0;
      const partner = (await (
        await api(instances[0], '/api/partners', {
          method: 'POST',
          body: JSON.stringify({ name: 'Porteur en grappe', kind: 'association' }),
        })
      ).json()) as { id: number };
      for (const instance of instances) await launched(instance); // each has its snapshot
      const before = await launched(instances[2]);
      const created = await api(instances[0], '/api/projects', {
        method: 'POST',
        body: JSON.stringify({
          title: 'Projet en grappe',
          leadPartnerId: partner.id,
          status: 'launched',
        }),
      });
      expect(created.status).toBe(201);
      expect(await launched(instances[1])).toBe(before + 1);
      expect(await launched(instances[2])).toBe(before + 1);
    });

    it('answers 503 or 200 while the database drops every connection, then recovers by itself', async () => {
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [new URL(t.databaseUrl).pathname.slice(1)],
        );
      } finally {
        await admin.end();
      }
      const search = (instance: Instance) =>
        fetch(`${instance.url}/api/partners?q=grappe`, {
          headers: { authorization: `Bearer ${staff.token}` },
        });
      for (const instance of instances) {
        const started = Date.now();
        const answer = await search(instance);
        expect([200, 503]).toContain(answer.status);
        if (answer.status === 503) expect(answer.headers.get('retry-after')).toBeTruthy();
        expect(Date.now() - started).toBeLessThan(10_000);
      }
      for (const instance of instances)
        await waitFor(
          `${instance.name} to serve again`,
          async () => (await search(instance)).status === 200,
          15_000,
        );
    }, 60_000);

    it('sends a newsletter of 2,000 recipients once each, with one instance killed mid-send', async () => {
      const draft = await staff.api
        .post('/api/newsletters')
        .send({ from: '2026-02-01', to: '2026-02-28' })
        .expect(201);
      await staff.api.post(`/api/newsletters/${draft.body.newsletter.id}/publish`).expect(200);

      await waitFor('the sending to start', () => smtp.received.length >= 300, 60_000);
      await stopInstance(instances[1], 'SIGKILL');
      // What was being sent at the crash: the only messages that may go twice.
      const inFlight = new Set(
        (
          await t.dataSource
            .getRepository(OutboxMessage)
            .find({ where: { status: 'sending' }, select: { recipientEmail: true } })
        ).map((m) => m.recipientEmail),
      );

      const outbox = t.dataSource.getRepository(OutboxMessage);
      await waitFor(
        'every message sent',
        async () =>
          (await outbox.count({ where: { status: 'sent', purpose: 'newsletter' } })) === RECIPIENTS,
        120_000,
      );
      const copies = new Map<string, number>();
      for (const message of smtp.received)
        for (const to of message.to.filter((address) => address.endsWith('@volume.test')))
          copies.set(to, (copies.get(to) ?? 0) + 1);
      expect(copies.size).toBe(RECIPIENTS); // none lost
      const twice = [...copies].filter(([, count]) => count > 1).map(([to]) => to);
      expect(twice.length).toBeLessThanOrEqual(BATCH);
      for (const to of twice) expect(inFlight.has(to)).toBe(true);
      expect(Math.max(...copies.values())).toBeLessThanOrEqual(2);
      // The survivors are still serving.
      for (const instance of [instances[0], instances[2]])
        expect((await fetch(`${instance.url}/health`)).status).toBe(200);
    }, 240_000);

    it('runs the reminders pass once per period across the instances, each timer ticking', async () => {
      const passes = () =>
        t.dataSource.query<{ period: string; claimed_by: string; finished_at: Date | null }[]>(
          `SELECT period, claimed_by, finished_at FROM scheduled_passes WHERE job = 'project-reminders'`,
        );
      // REMINDERS_INTERVAL_MINUTES=1: every instance's timer ticks within the minute.
      await waitFor(
        'a reminders pass done',
        async () => (await passes()).some((pass) => pass.finished_at !== null),
        100_000,
      );
      await waitFor('the reminder delivered', () => smtp.copiesFor(REMINDED).length > 0, 30_000);
      const periods = await passes();
      expect(new Set(periods.map((pass) => pass.period)).size).toBe(periods.length);
      const reminders = await t.dataSource
        .getRepository(OutboxMessage)
        .count({ where: { purpose: 'project-reminder' } });
      expect(reminders).toBe(1);
      expect(smtp.copiesFor(REMINDED)).toHaveLength(1);
    }, 150_000);

    it('drains on SIGTERM: not ready at once, then exits cleanly; the others serve on', async () => {
      const leaving = instances[2];
      expect((await fetch(`${leaving.url}/health/ready`)).status).toBe(200);
      leaving.child.kill('SIGTERM');
      await waitFor(
        'readiness to turn 503',
        async () =>
          (await fetch(`${leaving.url}/health/ready`).then(
            (r) => r.status,
            () => 0,
          )) === 503,
        3_000,
      );
      // Nest re-raises the signal once its shutdown hooks have run: the process ends by SIGTERM
      // after draining (logged), not before.
      const code = await leaving.exited;
      expect(code === 0 || leaving.child.signalCode === 'SIGTERM').toBe(true);
      expect(leaving.output.join('')).toContain('Draining on SIGTERM');
      expect((await fetch(`${instances[0].url}/health/ready`)).status).toBe(200);
    }, 60_000);
  },
);
