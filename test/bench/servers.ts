import { hashPassword } from '../../src/auth/users/passwords';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../src/config/project-root';
import { BENCH_EMAIL, BENCH_PASSWORD } from './datasets';
import { openDatabase, run } from './sqlite';

/** Starting and stopping the servers measured, shared by the runner and the heavy-operations check. */

export const root = projectRoot(__dirname);

/**
 * How production starts the app: the node arguments of `npm run start:prod` (package.json), so the
 * benchmark measures the same V8 flags (heap limits) as production runs.
 */
/** The session secret of the app in every benchmark (the baseline checks cookies with it). */
export const BENCH_SESSION_SECRET = 'benchmark-session-secret-benchmark-0123456789';

/**
 * The app's environment in a benchmark: production mode on its own port, database and data folder,
 * mails kept in the outbox (no dispatcher: sending is not what is measured); `extra` adds or
 * overrides variables.
 */
export function appEnv(
  where: { port: number; databaseUrl: string; dataDir: string; publicUrl?: string },
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(where.port),
    ...(where.publicUrl ? { PUBLIC_URL: where.publicUrl } : {}),
    DATABASE_URL: where.databaseUrl,
    DATA_DIR: where.dataDir,
    SESSION_SECRET: BENCH_SESSION_SECRET,
    MAIL_DISPATCHER: 'false',
    // Stopped at once (no readiness drain): a profile asked with --cpu-prof is written on exit.
    SHUTDOWN_DELAY_SECONDS: '0',
    ...extra,
  };
}

export function startProdArgs(): string[] {
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const words = scripts['start:prod'].trim().split(/\s+/);
  if (words[0] !== 'node' || words.some((w) => /[$&|;]/.test(w)))
    throw new Error(
      `start:prod must be a plain "node [flags] script" line: ${scripts['start:prod']}`,
    );
  return words.slice(1);
}

/** Gives the bench user a known password (the data set's hash is a placeholder) to sign in. */
export async function setBenchPassword(file: string): Promise<void> {
  const db = await openDatabase(file);
  await run(db, 'UPDATE users SET password_hash = ? WHERE email = ?', [
    await hashPassword(BENCH_PASSWORD),
    BENCH_EMAIL,
  ]);
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

/** Signs in once: the session cookie for the staff pages. */
export async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie)
    throw new Error(
      `sign-in for the staff pages failed: ${response.status} ${await response.text()}`,
    );
  return cookie;
}

/** Starts a server (from `cwd`, this checkout by default); its output goes to `log`. */
export function start(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
  cwd = root,
): ChildProcess {
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, out] });
  child.on('exit', (code) => {
    closeSync(out);
    if (code && code !== 143) console.error(`${name} exited with ${code}: see ${log}`);
  });
  return child;
}

export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within 120 s`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Peak resident memory of a process (VmHWM), in MB. */
export function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * A TCP port free right now on 127.0.0.1: several people run benchmarks on this machine, and a
 * fixed port could reach someone else's server.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
