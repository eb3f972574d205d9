import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');

/** One Maillage process started from the build, as a deployment runs it. */
export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** What it printed, to show when a test fails. */
  output: string[];
  exited: Promise<number | null>;
}

let built: Promise<unknown> | undefined;

/** Compiles the app (dist/) once per test file: instances run the built code, not ts-jest's. */
export async function buildApp(): Promise<void> {
  built ??= promisify(execFile)(process.execPath, [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
  ]);
  await built;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts `node dist/src/main.js` with this environment; resolves once /health answers 200. */
export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), `maillage-${name}-`)),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const instance = { name, port, url: `http://127.0.0.1:${port}`, child, output, exited };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}):\n${output.join('')}`);
    const ok = await fetch(`${instance.url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return instance;
    if (Date.now() > deadline) throw new Error(`${name} did not start:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Stops an instance: SIGTERM (drains) or SIGKILL (a crash), and waits for its exit. */
export async function stopInstance(instance: Instance, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.child.exitCode === null && instance.child.signalCode === null)
    instance.child.kill(signal);
  await instance.exited;
}

/** Waits until `done()` holds, checking every 200 ms; fails with `what` after `ms`. */
export async function waitFor(what: string, done: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
