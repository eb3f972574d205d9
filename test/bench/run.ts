import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { buildDataset, DatasetReport, SizeName } from './datasets';
import { comparable, Endpoint, ENDPOINTS, load, Measure, request } from './endpoints';
import { onlyOption, optionReader, sizesOption } from './options';
import {
  appEnv,
  BENCH_SESSION_SECRET,
  freePort,
  peakMemoryMb,
  root,
  setBenchPassword,
  signIn,
  start,
  startProdArgs,
  stop,
  waitFor,
} from './servers';
import { all, openDatabase } from './sqlite';
import { DocumentMeasure, documentTable, loadDocument, prepareDocumentMeeting } from './documents';

/**
 * `npm run bench [-- --sizes S,M --duration 10 --warmup 2 --connections 10]`
 * `npm run bench -- --only dashboard,newsletter --reuse`: while working on one endpoint, load only
 * those (keys of ENDPOINTS, or `documents` for the PDF rows), reuse an existing data set file, and
 * leave BENCHMARKS.md alone.
 *
 * For each data set: builds it, starts Maillage (production mode, built dist/, with start:prod's
 * node arguments) and the baseline on the same SQLite file, signs in once for the staff pages,
 * checks both answer the same thing, counts the app's SQL per request, then loads each endpoint with
 * autocannon, app and baseline one after the other, and prints a line per endpoint. Prints the table
 * and writes it into BENCHMARKS.md. Any non-2xx answer, or a different answer, fails the run.
 */

interface Options {
  sizes: SizeName[];
  duration: number;
  warmup: number;
  connections: number;
  /** Endpoint keys to load (all when empty); a partial run does not write BENCHMARKS.md. */
  only: string[];
  /** Reuse data/bench/<size>.sqlite when it exists (writes of earlier runs are kept in it). */
  reuse: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = optionReader(argv);
  return {
    sizes: sizesOption(value('sizes', 'S,M,L')),
    duration: Number(value('duration', '10')),
    warmup: Number(value('warmup', '2')),
    connections: Number(value('connections', '10')),
    only: onlyOption(value('only', '')),
    reuse: argv.includes('--reuse'),
  };
}

/** Issue 23's targets: every row at 0.7 of its baseline, reads, pages and writes alike. */
const TARGETS = {
  ratio: 0.7,
  p99Factor: 2,
  growth: 1.5,
  memoryMb: 250,
  signInSheetP50Ms: 300,
};

interface Result {
  size: SizeName;
  endpoint: Endpoint;
  app: Measure;
  baseline: Measure | null;
  queries: number;
  sameOutput: boolean | null;
}

async function tablesOf(file: string): Promise<Set<string>> {
  const db = await openDatabase(file);
  const rows = await all<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table'",
  );
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return new Set(rows.map((r) => r.name));
}

async function benchSize(
  size: SizeName,
  options: Options,
  failures: string[],
): Promise<{
  dataset: DatasetReport;
  results: Result[];
  memoryMb: number;
  unavailable: Map<string, string>;
  documents: DocumentMeasure[];
}> {
  const file = join(root, 'data', 'bench', `${size}.sqlite`);
  console.log(`\n== ${size}: building the data set…`);
  const dataset: DatasetReport =
    options.reuse && existsSync(file)
      ? { size, file, seconds: 0, rows: {}, skipped: [] }
      : await buildDataset(size, file);
  console.log(
    `   ${Object.entries(dataset.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')} (${dataset.seconds.toFixed(1)} s)`,
  );
  for (const skipped of dataset.skipped) console.log(`   skipped: ${skipped}`);
  const tables = await tablesOf(file);
  const dataDir = join(root, 'data', 'bench', `${size}-app`);
  mkdirSync(dataDir, { recursive: true });
  const appPort = await freePort();
  let basePort = await freePort();
  while (basePort === appPort) basePort = await freePort();
  // Both answer links under the same address (the baseline's documents must be the app's).
  const publicUrl = `http://127.0.0.1:${appPort}`;
  await setBenchPassword(file);
  const app = start(
    'maillage',
    startProdArgs(),
    appEnv(
      { port: appPort, databaseUrl: `sqlite:${file}`, dataDir, publicUrl },
      // The documents' meeting mails its 200 invitees: kept in the outbox (no dispatcher).
      { BENCH_QUERY_COUNT: 'true' },
    ),
    join(dataDir, 'app.log'),
  );
  const baseline = start(
    'baseline',
    ['dist/test/bench/baseline.js'],
    {
      PATH: process.env.PATH,
      BASELINE_DB: file,
      PORT: String(basePort),
      PUBLIC_URL: publicUrl,
      SESSION_SECRET: BENCH_SESSION_SECRET,
    },
    join(dataDir, 'baseline.log'),
  );
  const appUrl = `http://127.0.0.1:${appPort}`;
  const baseUrl = `http://127.0.0.1:${basePort}`;
  const results: Result[] = [];
  const unavailable = new Map<string, string>();
  try {
    await Promise.all([waitFor(`${appUrl}/health`, app), waitFor(`${baseUrl}/health`, baseline)]);
    let cookie: string | undefined;
    for (const endpoint of ENDPOINTS) {
      if (options.only.length && !options.only.includes(endpoint.key)) continue;
      const missing = endpoint.needs.filter((t) => !tables.has(t));
      if (missing.length) {
        unavailable.set(endpoint.key, `not available yet (no ${missing.join(', ')} table on main)`);
        continue;
      }
      if (!endpoint.target) {
        unavailable.set(
          endpoint.key,
          endpoint.note ?? 'feature on main, not driven by the benchmark yet',
        );
        continue;
      }
      const target = endpoint.target({ size, tables });
      if (target.auth === 'session') target.cookie = cookie ??= await signIn(appUrl);
      // One by one first: same answer from both, and the app's SQL count for one request.
      const counts: number[] = [];
      let appBody: unknown;
      for (let i = 0; i < 3; i++) {
        const answer = await request(appUrl, target);
        if (answer.status < 200 || answer.status >= 300)
          throw new Error(
            `${endpoint.label} (${size}): app answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
          );
        counts.push(answer.queries ?? NaN);
        appBody = answer.body;
      }
      const withBaseline = endpoint.baseline !== false;
      let sameOutput: boolean | null = null;
      if (withBaseline) {
        const base = await request(baseUrl, target);
        if (base.status < 200 || base.status >= 300)
          throw new Error(`${endpoint.label} (${size}): baseline answered ${base.status}`);
        sameOutput = isDeepStrictEqual(
          comparable(appBody, endpoint),
          comparable(base.body, endpoint),
        );
        if (!sameOutput)
          failures.push(
            `${endpoint.label} at ${size}: the baseline's answer differs from the app's (${firstDifference(comparable(appBody, endpoint), comparable(base.body, endpoint))})`,
          );
      }
      process.stdout.write(`   ${endpoint.label}: warm-up…`);
      await load(appUrl, target, options.warmup, options.connections);
      if (withBaseline) await load(baseUrl, target, options.warmup, options.connections);
      process.stdout.write(' app…');
      const appMeasure = await load(appUrl, target, options.duration, options.connections);
      if (withBaseline) process.stdout.write(' baseline…');
      const baseMeasure = withBaseline
        ? await load(baseUrl, target, options.duration, options.connections)
        : null;
      const failed: string[] = [];
      for (const [who, m] of [
        ['app', appMeasure],
        ['baseline', baseMeasure],
      ] as const) {
        if (m && (m.non2xx || m.errors))
          failed.push(
            `${endpoint.label} at ${size}: ${who} had ${m.non2xx} non-2xx answers (${m.statuses || 'codes unknown'}) and ${m.errors} errors under load`,
          );
      }
      failures.push(...failed);
      const queries = Math.min(...counts);
      results.push({ size, endpoint, app: appMeasure, baseline: baseMeasure, queries, sameOutput });
      console.log(' done');
      console.log(
        `   ${targetLine(size, endpoint, appMeasure, baseMeasure, queries, sameOutput, failed)}`,
      );
    }
    // The endpoints' peak, before the PDF rows (they have their own, against the heap limit).
    const memoryMb = peakMemoryMb(app.pid!);
    const documents: DocumentMeasure[] = [];
    if (!options.only.length || options.only.includes('documents')) {
      for (const row of await prepareDocumentMeeting(appUrl, size)) {
        process.stdout.write(`   ${row.label}: warm-up… measure…`);
        const measure = await loadDocument(
          appUrl,
          app.pid!,
          row,
          options.duration,
          options.warmup,
          options.connections,
        );
        if (measure.non2xx || measure.errors)
          failures.push(
            `${row.label} at ${size}: ${measure.non2xx} non-2xx answers and ${measure.errors} errors under load`,
          );
        documents.push(measure);
        console.log(
          ` alone p50 ${measure.p50} / p99 ${measure.p99} ms; loaded ${measure.rps.toFixed(0)} req/s, p50 ${measure.loadedP50} / p99 ${measure.loadedP99} ms; peak RSS ${measure.peakRssMb.toFixed(0)} MB`,
        );
      }
    }
    return { dataset, results, memoryMb, unavailable, documents };
  } finally {
    await Promise.all([stop(app), stop(baseline)]);
  }
}

/** One line per target: figures, same output, and whether it passed (non-2xx, errors). */
function targetLine(
  size: SizeName,
  endpoint: Endpoint,
  app: Measure,
  base: Measure | null,
  queries: number,
  sameOutput: boolean | null,
  failed: string[],
): string {
  const who = (m: Measure) =>
    `${m.rps.toFixed(0)} req/s, p50 ${m.p50} / p99 ${m.p99} ms, ${m.non2xx} non-2xx, ${m.errors} errors`;
  const verdict = failed.length || sameOutput === false ? 'FAIL' : 'ok';
  return [
    `[${size}] ${endpoint.key} ${verdict}:`,
    `app ${who(app)} ·`,
    base ? `baseline ${who(base)} · ratio ${(app.rps / base.rps).toFixed(2)} ·` : 'no baseline ·',
    `${queries} SQL/req · same output ${sameOutput === null ? '–' : sameOutput ? 'yes' : 'NO'}`,
  ].join(' ');
}

/** Where two answers first differ, with a little context (for the failure message). */
function firstDifference(a: unknown, b: unknown): string {
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 60), i + 80));
  return `at character ${i}: app ${around(x)} / baseline ${around(y)}`;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const mark = (ok: boolean) => (ok ? 'pass' : '**miss**');

function report(
  options: Options,
  runs: Awaited<ReturnType<typeof benchSize>>[],
  failures: string[],
): string {
  const lines: string[] = [];
  const cpus = os.cpus();
  lines.push(
    `Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM · ${os.platform()} ${os.release()}`,
  );
  lines.push(
    `Sizes ${options.sizes.join(', ')} · ${options.duration} s per server and endpoint after ${options.warmup} s warm-up · ${options.connections} connections · SQLite, NODE_ENV=production`,
  );
  lines.push('');
  lines.push('Data sets (rows):');
  lines.push('');
  for (const run of runs)
    lines.push(
      `- ${run.dataset.size}: ${Object.entries(run.dataset.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(
          ', ',
        )}${run.dataset.skipped.length ? `; skipped: ${run.dataset.skipped.join('; ')}` : ''}`,
    );
  lines.push('');
  lines.push(
    '| endpoint | set | app req/s | base req/s | ratio | app p50 / p99 ms | base p50 / p99 ms | p99 ≤ 2× base | p50 ÷ p50 at S | SQL / req | same output |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  const first = runs[0]?.results ?? [];
  for (const endpoint of ENDPOINTS) {
    const rows = runs.flatMap((r) => r.results.filter((x) => x.endpoint.key === endpoint.key));
    if (!rows.length) {
      const why = runs.map((r) => r.unavailable.get(endpoint.key)).find(Boolean) ?? 'not measured';
      lines.push(`| ${endpoint.label} | – | ${why} | | | | | | | | |`);
      continue;
    }
    const atS = first.find((x) => x.endpoint.key === endpoint.key);
    const sameQueries = rows.every((x) => x.queries === rows[0].queries);
    for (const row of rows) {
      const base = row.baseline;
      const ratioCell = base
        ? `${fmt(row.app.rps / base.rps, 2)} ${mark(row.app.rps / base.rps >= TARGETS.ratio)}`
        : 'no baseline yet';
      const p99Cell = base ? mark(row.app.p99 <= TARGETS.p99Factor * base.p99) : '–';
      const growth = atS && row.size !== atS.size ? row.app.p50 / Math.max(atS.app.p50, 1) : NaN;
      // The growth target is for L against S; for M it is shown for information.
      const growthCell = !row.app.rps
        ? `no answer in time ${mark(false)}`
        : Number.isFinite(growth)
          ? `${fmt(growth, 2)}${row.size === 'L' ? ` ${mark(growth <= TARGETS.growth)}` : ''}`
          : '–';
      lines.push(
        `| ${endpoint.label} | ${row.size} | ${fmt(row.app.rps)} | ${base ? fmt(base.rps) : '–'} | ${ratioCell} | ${row.app.p50} / ${row.app.p99} | ${base ? `${base.p50} / ${base.p99}` : '–'} | ${p99Cell} | ${growthCell} | ${row.queries} ${mark(sameQueries)} | ${row.sameOutput === null ? '–' : row.sameOutput ? 'yes' : '**no**'} |`,
      );
    }
  }
  lines.push('');
  lines.push(
    `App peak memory (VmHWM) while the endpoints above were loaded: ${runs.map((r) => `${r.dataset.size} ${fmt(r.memoryMb)} MB${r.dataset.size === 'L' ? ` ${mark(r.memoryMb < TARGETS.memoryMb)}` : ''}`).join(' · ')}`,
  );
  if (runs.some((r) => r.documents.length)) {
    lines.push('');
    lines.push(
      'Documents (a meeting of 200 invited contacts, attendance recorded, minutes published; no bare baseline: each beside the HTML minutes of the same version):',
    );
    lines.push('');
    lines.push(...documentTable(runs.map((r) => ({ size: r.dataset.size, rows: r.documents }))));
    const sheets = runs.flatMap((r) =>
      r.documents
        .filter((d) => d.row.key === 'sign-in-sheet')
        .map((d) => [r.dataset.size, d] as const),
    );
    const limitMb = Number(
      /--max-old-space-size=(\d+)/.exec(startProdArgs().join(' '))?.[1] ?? Infinity,
    );
    const peak = Math.max(...runs.flatMap((r) => r.documents.map((d) => d.peakRssMb)));
    lines.push('');
    lines.push(
      `Sign-in sheet p50 (one request at a time) < ${TARGETS.signInSheetP50Ms} ms: ${sheets.map(([size, d]) => `${size} ${mark(d.p50 < TARGETS.signInSheetP50Ms)}`).join(' · ')}. Peak RSS while documents were served: ${fmt(peak)} MB, production heap limit (start:prod's --max-old-space-size) ${fmt(limitMb)} MB ${mark(peak < limitMb)}.`,
    );
  }
  lines.push('');
  lines.push(
    `Targets: ratio ≥ ${TARGETS.ratio} on every row; app p99 ≤ ${TARGETS.p99Factor} × baseline p99; p50 at L ≤ ${TARGETS.growth} × p50 at S; SQL per request equal at every size; peak memory < ${TARGETS.memoryMb} MB at L. p50 of 0 ms means under 1 ms (autocannon's resolution); growth divides by at least 1 ms.`,
  );
  if (failures.length) {
    lines.push('');
    lines.push('Failures:');
    for (const failure of failures) lines.push(`- ${failure}`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function writeBenchmarks(table: string): void {
  const file = join(root, 'BENCHMARKS.md');
  const block = `${START}\n${table}\n${END}`;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a >= 0 && b > a) {
      writeFileSync(file, text.slice(0, a) + block + text.slice(b + END.length));
      return;
    }
    writeFileSync(file, `${text.trimEnd()}\n\n## Latest run\n\n${block}\n`);
    return;
  }
  writeFileSync(
    file,
    `# Benchmarks\n\nWritten by \`npm run bench\` (see docs/benchmark.md). Only the block between the markers is rewritten.\n\n## Latest run\n\n${block}\n`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'src', 'main.js')))
    throw new Error('dist/src/main.js is missing: run `npm run build` first (npm run bench does)');
  const failures: string[] = [];
  const runs = [];
  for (const size of options.sizes) runs.push(await benchSize(size, options, failures));
  const table = report(options, runs, failures);
  console.log(`\n${table}\n`);
  if (options.only.length || options.reuse) console.log('Partial run: BENCHMARKS.md left alone');
  else {
    writeBenchmarks(table);
    console.log('Written to BENCHMARKS.md');
  }
  if (failures.length) {
    console.error(`\n${failures.length} failure(s):\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
