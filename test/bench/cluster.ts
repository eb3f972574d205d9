import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { appEnv, freePort, root, start, startProdArgs, stop, waitFor } from './servers';

/**
 * The scaling row of issue #21: the same mixed workload (4 reads, 1 write, per connection in
 * turn) on one instance, then on two instances sharing one PostgreSQL database, at the same total
 * connections. On a 2-core machine the figure that means something is the ratio, not the req/s.
 *
 *   npm run bench:cluster -- [--duration 10] [--connections 20]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the run
 * creates its own database there, loads the demo network into it, and drops it at the end.
 */
const EMAIL = 'bench-cluster@agence.example';
const PASSWORD = 'bench-cluster-password-0123';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

interface Workload {
  headers: Record<string, string>;
  requests: Array<{ method: string; path: string; body?: string }>;
}

async function main(): Promise<void> {
  const seconds = option('duration', 10);
  const connections = option('connections', 20);
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `maillage_bench_cluster_${Date.now().toString(36)}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const env = (port: number): NodeJS.ProcessEnv =>
    appEnv(
      {
        port,
        databaseUrl: url.toString(),
        dataDir: mkdtempSync(join(tmpdir(), 'maillage-bench-cluster-')),
        publicUrl: 'http://maillage.test',
      },
      { LOGIN_FAILURES_PER_ADDRESS: '100000' },
    );
  const cli = (args: string[], input?: string) =>
    execFileSync(process.execPath, [join(root, 'dist/src/cli.js'), ...args], {
      cwd: root,
      env: env(0),
      input,
      encoding: 'utf8',
    });
  const servers = [];
  try {
    cli(['demo:load']);
    cli(['user:create', '--email', EMAIL, '--role', 'admin', '--password-stdin'], PASSWORD);
    const ports = [await freePort(), await freePort()];
    const log = (i: number) => join(tmpdir(), `maillage-bench-cluster-${i}.log`);
    servers.push(start('instance 1', startProdArgs(), env(ports[0]), log(0)));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    await waitFor(`${bases[0]}/health`, servers[0]);
    const workload = await workloadOf(bases[0]);

    const one = await measure([bases[0]], workload, connections, seconds);
    servers.push(start('instance 2', startProdArgs(), env(ports[1]), log(1)));
    await waitFor(`${bases[1]}/health`, servers[1]);
    await measure(bases, workload, connections, 2); // warm the second instance
    const two = await measure(bases, workload, connections, seconds);

    console.log(
      `\nMixed workload (4 reads : 1 write), PostgreSQL, ${connections} connections, ${seconds} s\n`,
    );
    console.log('| instances | req/s | p50 / p99 ms | errors and non-2xx | scaling |');
    console.log('|---|---|---|---|---|');
    console.log(`| 1 | ${one.rps} | ${one.p50} / ${one.p99} | ${one.failures} | 1.00 |`);
    console.log(
      `| 2 | ${two.rps} | ${two.p50} / ${two.p99} | ${two.failures} | ${(two.rps / one.rps).toFixed(2)} |`,
    );
  } finally {
    for (const server of servers) await stop(server);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}

/** A bearer token, and the requests: a meeting, a search, the dashboard, a project; a follow-up. */
async function workloadOf(base: string): Promise<Workload> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const session = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const token = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify({ name: 'bench cluster' }),
  });
  const { token: secret } = (await token.json()) as { token: string };
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  const list = async (path: string) =>
    ((await (await fetch(`${base}${path}`, { headers })).json()) as { items: { id: number }[] })
      .items;
  const [meeting] = await list('/api/meetings?pageSize=1');
  const [project] = await list('/api/projects?pageSize=1');
  if (!meeting || !project) throw new Error('the demo data has no meeting or no project');
  return {
    headers,
    requests: [
      { method: 'GET', path: `/api/meetings/${meeting.id}` },
      { method: 'GET', path: '/api/partners?q=insertion' },
      { method: 'GET', path: '/api/dashboard' },
      { method: 'GET', path: `/api/projects/${project.id}` },
      {
        method: 'POST',
        path: `/api/projects/${project.id}/follow-ups`,
        body: JSON.stringify({ text: 'Point d’étape du banc d’essai.' }),
      },
    ],
  };
}

/** The workload on these instances at once, the connections shared out; figures summed. */
async function measure(bases: string[], workload: Workload, connections: number, seconds: number) {
  const results = await Promise.all(
    bases.map((base) =>
      autocannon({
        url: base,
        headers: workload.headers,
        requests: workload.requests,
        connections: Math.max(1, Math.round(connections / bases.length)),
        duration: seconds,
      }),
    ),
  );
  return {
    rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failures: results.reduce((sum, r) => sum + r.errors + r.timeouts + r.non2xx, 0),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
