import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_TOKEN, SizeName } from './datasets';
import { appEnv, freePort, root, start, startProdArgs, stop, waitFor } from './servers';

/**
 * `npm run bench:heavy [-- --size L --flags "--max-old-space-size=192"]`
 *
 * The largest single operations, one after the other, on a copy of a data set (they write): do
 * they succeed with the V8 heap flags production starts with (`start:prod`, or `--flags` to try
 * others), and how much memory do they take? Prints, per operation, status, time, size of the
 * answer and the app's resident memory (now and peak). Exits 1 if one fails or the app dies.
 */

const MB = 1024 * 1024;
const headers = { authorization: `Bearer ${BENCH_TOKEN}` };

function memory(pid: number): { rss: number; peak: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null; // the process is gone
  }
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Resets the peak (VmHWM) to the current RSS, so each operation reports its own peak. */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not allowed: the peak stays the process's
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = (option('size') ?? 'L').toUpperCase() as SizeName;
  const flags = option('flags');
  const source = join(root, 'data', 'bench', `${size}.sqlite`);
  if (!existsSync(source)) throw new Error(`${source} is missing: run npm run bench first`);
  const dataDir = join(root, 'data', 'bench', `${size}-heavy`);
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'copy.sqlite');
  copyFileSync(source, file);
  const args = flags
    ? [...flags.split(/\s+/).filter(Boolean), 'dist/src/main.js']
    : startProdArgs();
  console.log(`${size}: node ${args.join(' ')}`);
  const port = await freePort();
  const app = start(
    'maillage',
    args,
    // The sending itself is the dispatcher's, in batches: measured here is building the issue.
    appEnv({ port, databaseUrl: `sqlite:${file}`, dataDir }),
    join(dataDir, 'app.log'),
  );
  const base = `http://127.0.0.1:${port}`;
  let failed = 0;
  const step = async (label: string, work: () => Promise<Response>): Promise<string> => {
    resetPeak(app.pid!);
    const begin = Date.now();
    let line: string;
    let body = '';
    try {
      const response = await work();
      body = await response.text();
      if (!response.ok) failed++;
      line = `${response.status} in ${((Date.now() - begin) / 1000).toFixed(1)} s, ${(body.length / MB).toFixed(1)} MB`;
    } catch (error) {
      failed++;
      line = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    const m = app.exitCode === null ? memory(app.pid!) : null;
    if (!m || !m.rss) failed++;
    console.log(
      `  ${label.padEnd(44)} ${line}${m ? ` · RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB` : ' · the app died (see app.log)'}`,
    );
    return body;
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(base + path, { ...init, headers: { ...headers, ...init.headers } });
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  try {
    await waitFor(`${base}/health`, app);
    console.log(`  after start-up: RSS ${memory(app.pid!)?.rss.toFixed(0)} MB`);
    await step('GET /api/dashboard', () => api('/api/dashboard'));
    // A process killed by V8 (heap limit) stops the check: nothing after it would answer.
    const csv = await step('GET /api/partners/export.csv?active=all', () =>
      api('/api/partners/export.csv?active=all'),
    );
    await step('3 × export.csv at once', async () => {
      const all = await Promise.all(
        [1, 2, 3].map(() => api('/api/partners/export.csv?active=all')),
      );
      await Promise.all(all.slice(1).map((r) => r.text()));
      return all.find((r) => !r.ok) ?? all[0];
    });
    // The import takes up to 2 MiB: the export's first rows, whole lines.
    const cut = csv.lastIndexOf('\n', 2 * MB - 64 * 1024);
    const upload = (apply: boolean) => {
      const form = new FormData();
      form.append('file', new Blob([csv.slice(0, cut + 1)], { type: 'text/csv' }), 'p.csv');
      return api(`/api/partners/import?apply=${apply}`, { method: 'POST', body: form });
    };
    await step('POST /api/partners/import (2 MiB, dry run)', () => upload(false));
    await step('POST /api/partners/import (2 MiB, apply)', () => upload(true));
    const feed = await step('POST /api/partners/1/calendar-feed', () =>
      api('/api/partners/1/calendar-feed', { method: 'POST' }),
    );
    const feedUrl = /\/calendar\/[^"]+\.ics/.exec(feed)?.[0];
    if (feedUrl) await step(`GET ${feedUrl.slice(0, 24)}….ics`, () => fetch(base + feedUrl));
    else console.log(`  no calendar feed URL in ${feed.slice(0, 200)}`);
    const draft = await step('POST /api/newsletters (October)', () =>
      api('/api/newsletters', json('POST', { from: '2026-10-01', to: '2026-10-31' })),
    );
    const id = (JSON.parse(draft || '{}') as { newsletter?: { id?: number } }).newsletter?.id;
    await step('POST /api/newsletters/:id/publish (everyone)', () =>
      api(`/api/newsletters/${id}/publish`, { method: 'POST' }),
    );
    await step('GET /api/dashboard (again)', () => api('/api/dashboard'));
  } finally {
    await stop(app);
  }
  if (failed) {
    console.error(`${failed} operation(s) failed`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
