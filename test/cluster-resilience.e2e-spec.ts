import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { ChangeNotifications } from '../src/database/change-notifications';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { aMessage, enqueue } from './support/mail';
import { createPartner, partnerInput } from './support/partners';
import { signInWithForm } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { TestSmtpServer } from './support/smtp';
import { TcpProxy } from './support/tcp-proxy';
import { createTestApp, freshDatabase, type TestApp } from './support/test-app';

const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One HTTP exchange on a real socket (no keep-alive), the body sent in parts by the caller. */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>) {
  let answer!: (value: { status: number; body: string }) => void;
  let fail!: (error: Error) => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  const req = httpRequest(
    { host: '127.0.0.1', port, method, path, headers: { ...headers, Connection: 'close' } },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => answer({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', fail);
  return { req, response };
}

describe('health: liveness and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(() => t.close(), 60_000);

  it('answers liveness without the database, readiness and /health with it', async () => {
    expect((await request(t.http).get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'up', migrations: 'current' });
    expect(ready.headers['retry-after']).toBeUndefined();
    await request(t.http).get('/health').expect(200);
    // No sign-in, even on the first run (no account yet), and JSON for a browser too.
    await request(t.http).get('/health/ready').set('Accept', 'text/html').expect(200);
  });
});

describe('SIGTERM drains: readiness 503, requests in flight finish, then the server stops', () => {
  it('finishes a request in flight while readiness answers 503, then refuses connections', async () => {
    const t = await createTestApp({ env: { SHUTDOWN_DELAY_SECONDS: '1' } });
    const staff = await createStaff(t);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(200);

    const body = JSON.stringify(partnerInput({ name: 'Arrivé pendant l’arrêt' }));
    const slow = rawRequest(port, 'POST', '/api/partners', {
      Authorization: `Bearer ${staff.token}`,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    });
    slow.req.write(body.slice(0, 10));
    await sleep(100); // the request is in flight: headers read, body awaited

    const closing = t.app.close();
    await sleep(100);
    const ready = await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'draining' });
    expect(ready.headers['retry-after']).toBeDefined();
    // Liveness still answers: the process is fine, only leaving.
    await request(`http://127.0.0.1:${port}`).get('/health/live').expect(200);

    slow.req.end(body.slice(10));
    const answered = await slow.response;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body)).toMatchObject({ name: 'Arrivé pendant l’arrêt' });
    await closing;
    const refused = rawRequest(port, 'GET', '/health/live', {});
    refused.req.end();
    await expect(refused.response).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await t.close(); // drops the database (the app is already closed)
  }, 60_000);

  it('lets the mail dispatcher finish the messages it is sending, readiness 503 meanwhile', async () => {
    const smtp = await new TestSmtpServer().start();
    smtp.delayMs = 1_500;
    const env = { SMTP_URL: smtp.url, MAIL_BATCH_SIZE: '3' };
    const t = await createTestApp({ env });
    const other = await createTestApp({ env, databaseUrl: t.databaseUrl });
    try {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const emails = ['un@partenaire.test', 'deux@partenaire.test', 'trois@partenaire.test'];
      await enqueue(t, ...emails.map((email) => aMessage({ to: { email } })));
      const sending = t.app.get(MailDispatcher).drainOnce();
      await smtp.waitFor(() => smtp.delayed > 0); // the first message is at the (slow) server

      const closing = t.app.close();
      await sleep(100);
      const ready = await request(`http://127.0.0.1:${port}`).get('/health/ready').expect(503);
      expect(ready.body).toMatchObject({ status: 'draining' });
      await closing;
      await sending;

      // One message in hand per SMTP connection (MAIL_CONNECTIONS, two by default).
      expect(smtp.received.map((r) => r.to).sort()).toEqual([[emails[1]], [emails[0]]]);
      const rows = await other.dataSource
        .getRepository(OutboxMessage)
        .find({ order: { id: 'ASC' } });
      // The messages in hand were sent; the rest of the claimed batch went back for any instance.
      expect(rows.map((r) => [r.status, r.claimToken])).toEqual([
        ['sent', null],
        ['sent', null],
        ['pending', null],
      ]);
    } finally {
      await other.close();
      await t.close();
      await smtp.stop();
    }
  }, 60_000);
});

(onPostgres ? describe : describe.skip)(
  'PostgreSQL outage: 503 with Retry-After, then recovery',
  () => {
    it('recovers by itself after its connections are killed, each request quick', async () => {
      const t = await createTestApp();
      const staff = await createStaff(t);
      try {
        const partner = await createPartner(staff, { name: 'Écrit avant la coupure' });
        const name = new URL(t.databaseUrl).pathname.slice(1);
        const admin = new Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        try {
          const killed = await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [name],
          );
          expect(killed.rowCount).toBeGreaterThan(0);
        } finally {
          await admin.end();
        }
        const statuses: number[] = [];
        const until = Date.now() + 5_000;
        for (;;) {
          const started = Date.now();
          const response = await staff.api.get(`/api/partners/${partner.id}`);
          expect(Date.now() - started).toBeLessThan(6_000);
          statuses.push(response.status);
          if (response.status === 503) expect(response.headers['retry-after']).toBe('5');
          else expect(response.status).toBe(200);
          if (response.status === 200 || Date.now() > until) break;
          await sleep(200);
        }
        expect(statuses.at(-1)).toBe(200);
        await request(t.http).get('/health/ready').expect(200);
        // Nothing acknowledged before the connections were killed is lost.
        const read = await staff.api.get(`/api/partners/${partner.id}`).expect(200);
        expect(read.body.name).toBe('Écrit avant la coupure');
      } finally {
        await t.close();
      }
    }, 60_000);

    describe('while the database cannot be reached', () => {
      let proxy: TcpProxy;
      let database: Awaited<ReturnType<typeof freshDatabase>>;
      let t: TestApp;
      let staff: Staff;

      beforeAll(async () => {
        database = await freshDatabase();
        const url = new URL(database.url);
        proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
        url.hostname = '127.0.0.1';
        url.port = String(proxy.port);
        t = await createTestApp({ databaseUrl: url.toString() });
        staff = await createStaff(t);
      }, 60_000);
      afterAll(async () => {
        await proxy.restore();
        await t.close();
        await proxy.stop();
        await database.drop();
      }, 60_000);

      it('answers 503 quickly (JSON, French page, readiness), then 200 once it is back', async () => {
        const browser = await signInWithForm(t, staff.user.email, staff.password);
        const partner = await createPartner(staff, { name: 'Avant la panne' });
        await proxy.cut();

        const started = Date.now();
        const api = await staff.api.get(`/api/partners/${partner.id}`).expect(503);
        expect(api.headers['retry-after']).toBe('5');
        expect(api.body).toMatchObject({ statusCode: 503, code: 'errors.db.unavailable' });
        expect(api.body.message).toMatch(/base de données ne répond pas/);
        const write = await staff.api.post('/api/partners').send(partnerInput()).expect(503);
        expect(write.headers['retry-after']).toBe('5');
        const page = await browser.agent.get('/partners').set('Accept', 'text/html').expect(503);
        expect(page.headers['content-type']).toMatch(/html/);
        expect(page.headers['retry-after']).toBe('5');
        expect(page.text).toMatch(/momentanément indisponible/);
        expect(page.text).toMatch(/<html lang="fr"/);
        const ready = await request(t.http).get('/health/ready').expect(503);
        expect(ready.body).toMatchObject({ status: 'unavailable', database: 'down' });
        await request(t.http).get('/health').expect(503);
        await request(t.http).get('/health/live').expect(200);
        expect(Date.now() - started).toBeLessThan(15_000);

        await proxy.restore();
        const back = Date.now();
        let status = 0;
        while (Date.now() - back < 5_000) {
          status = (await staff.api.get(`/api/partners/${partner.id}`)).status;
          if (status === 200) break;
          await sleep(100);
        }
        expect(status).toBe(200);
        await request(t.http).get('/health/ready').expect(200);
        await browser.agent.get('/partners').set('Accept', 'text/html').expect(200);
        const read = await staff.api.get(`/api/partners/${partner.id}`).expect(200);
        expect(read.body.name).toBe('Avant la panne');
      }, 60_000);
    });
  },
);

(onPostgres ? describe : describe.skip)('dashboard snapshots across instances', () => {
  let a: TestApp;
  let b: TestApp;
  let staffA: Staff;
  let staffB: Staff;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ databaseUrl: a.databaseUrl });
    staffA = await createStaff(a);
    staffB = await createStaff(b);
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await a.close();
  }, 60_000);

  const dashboardOfB = async () => {
    const before = b.queries.total;
    const body = (await staffB.api.get('/api/dashboard').expect(200)).body;
    return { body, queries: b.queries.total - before };
  };

  it('shows a write made on one instance at the next read on the other', async () => {
    const lead = await createPartner(staffA, { name: 'Porteur' });
    for (let round = 1; round <= 5; round += 1) {
      await dashboardOfB();
      const hit = await dashboardOfB();
      expect(hit.queries).toBe(1); // the bearer token only: served from B's snapshot
      const before = hit.body.statuses.launched ?? 0;
      await staffA.api
        .post('/api/projects')
        .send({ title: `Projet ${round}`, leadPartnerId: lead.id, status: 'launched' })
        .expect(201);
      const after = await dashboardOfB();
      expect(after.queries).toBeGreaterThan(1);
      expect(after.body.statuses.launched).toBe(before + 1);
    }
    // A rolled-back write notifies nobody: B keeps its snapshot.
    await a.dataSource
      .transaction(async (manager) => {
        await manager.query(`UPDATE projects SET title = 'Annulé'`);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await dashboardOfB();
    expect((await dashboardOfB()).queries).toBe(1);
  }, 60_000);

  it('shares one round trip among the reads that arrive while one is out', async () => {
    const changes = b.app.get(ChangeNotifications);
    const client = (changes as unknown as { client: Client }).client;
    const calls = jest.spyOn(client, 'query');
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => changes.sync()));
      expect(answers.every(Boolean)).toBe(true);
      // The first call's trip, then one shared by the 19 that came while it was out.
      expect(calls).toHaveBeenCalledTimes(2);
    } finally {
      calls.mockRestore();
    }
  });

  it('computes afresh while the listening connection is down, and listens again after', async () => {
    const name = new URL(a.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'maillage-changes'`,
        [name],
      );
    } finally {
      await admin.end();
    }
    await sleep(50);
    // Down: no snapshot is trusted; every read is fresh (and answers).
    expect((await dashboardOfB()).queries).toBeGreaterThan(1);
    await sleep(1_500); // reconnected
    await dashboardOfB();
    expect((await dashboardOfB()).queries).toBe(1);
  }, 60_000);
});
