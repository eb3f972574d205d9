import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Engine } from './baseline-db';
import { buildDataset, DatasetReport, SizeName } from './datasets';
import { comparable, Endpoint, ENDPOINTS, load, Measure, request } from './endpoints';
import { enginesOption, onlyOption, optionReader, sizesOption } from './options';
import { loadIntoPostgres } from './pg-load';
import { ENGINE_NAMES, Options, report, Result, SizeRun, writeBenchmarks } from './report';
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
import { DocumentMeasure, loadDocument, prepareDocumentMeeting } from './documents';

/**
 * `npm run bench [-- --sizes S,M --duration 10 --warmup 2 --connections 10]`
 * `npm run bench -- --only dashboard,newsletter --reuse`: while working on one endpoint, load only
 * those (keys of ENDPOINTS, or `documents` for the PDF rows), reuse an existing data set file, and
 * leave BENCHMARKS.md alone.
 * `npm run bench -- --engine pg` (or `sqlite,pg`): the same rows on PostgreSQL, the data set copied
 * into a database of its own (pg-load.ts); one table per engine.
 *
 * For each data set: builds it, starts Maillage (production mode, built dist/, with start:prod's
 * node arguments) and the baseline on the same SQLite file, signs in once for the staff pages,
 * checks both answer the same thing, counts the app's SQL per request, then loads each endpoint with
 * autocannon, app and baseline one after the other, and prints a line per endpoint. Prints the table
 * and writes it into BENCHMARKS.md. Any non-2xx answer, or a different answer, fails the run.
 */

function parseOptions(argv: string[]): Options {
  const value = optionReader(argv);
  return {
    sizes: sizesOption(value('sizes', 'S,M,L')),
    duration: Number(value('duration', '10')),
    warmup: Number(value('warmup', '2')),
    connections: Number(value('connections', '10')),
    only: onlyOption(value('only', '')),
    reuse: argv.includes('--reuse'),
    engines: enginesOption(value('engine', 'sqlite')),
  };
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

interface PreparedSize {
  dataset: DatasetReport;
  file: string;
  tables: Set<string>;
  /** The PostgreSQL database loaded from the file, when a pg row is asked. */
  pgUrl: string | null;
}

/** A size's data set, built (or reused), and copied into PostgreSQL before any row writes to it. */
async function prepareSize(size: SizeName, options: Options): Promise<PreparedSize> {
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
  await setBenchPassword(file);
  let pgUrl: string | null = null;
  if (options.engines.includes('pg')) {
    const dataDir = join(root, 'data', 'bench', `${size}-pg-load`);
    mkdirSync(dataDir, { recursive: true });
    // Reused only with the SQLite file it came from (a fresh file gets a fresh database).
    const pg = await loadIntoPostgres(size, file, dataDir, options.reuse && dataset.seconds === 0);
    console.log(`   loaded into PostgreSQL ${pg.url} (${pg.seconds.toFixed(1)} s)`);
    pgUrl = pg.url;
  }
  return { dataset, file, tables, pgUrl };
}

async function benchSize(
  size: SizeName,
  engine: Engine,
  { dataset, file, tables, pgUrl }: PreparedSize,
  options: Options,
  failures: string[],
): Promise<SizeRun> {
  const at = engine === 'sqlite' ? size : `${size} on ${ENGINE_NAMES[engine]}`;
  const databaseUrl = engine === 'pg' ? pgUrl! : `sqlite:${file}`;
  // One engine's header per size; SQLite alone prints as before (its lines say the size only).
  if (options.engines.length > 1 || engine !== 'sqlite')
    console.log(`\n== ${size} on ${ENGINE_NAMES[engine]}`);
  const dataDir = join(
    root,
    'data',
    'bench',
    engine === 'sqlite' ? `${size}-app` : `${size}-pg-app`,
  );
  mkdirSync(dataDir, { recursive: true });
  const appPort = await freePort();
  let basePort = await freePort();
  while (basePort === appPort) basePort = await freePort();
  // Both answer links under the same address (the baseline's documents must be the app's).
  const publicUrl = `http://127.0.0.1:${appPort}`;
  const app = start(
    'maillage',
    startProdArgs(),
    appEnv(
      { port: appPort, databaseUrl, dataDir, publicUrl },
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
      BASELINE_DB: engine === 'pg' ? pgUrl! : file,
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
      let appHeaders: Record<string, string>[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await request(appUrl, target);
        if (answer.status < 200 || answer.status >= 300)
          throw new Error(
            `${endpoint.label} (${at}): app answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
          );
        counts.push(answer.queries ?? NaN);
        appBody = answer.body;
        appHeaders = answer.headers;
      }
      const withBaseline =
        endpoint.baseline !== false && !(engine === 'pg' && endpoint.pgBaseline === false);
      let sameOutput: boolean | null = null;
      if (withBaseline) {
        const base = await request(baseUrl, target);
        if (base.status < 200 || base.status >= 300)
          throw new Error(`${endpoint.label} (${at}): baseline answered ${base.status}`);
        const sameBody = isDeepStrictEqual(
          comparable(appBody, endpoint),
          comparable(base.body, endpoint),
        );
        // Headers too: the baseline writes what the app writes (security headers, rolled cookie).
        const sameHeaders = isDeepStrictEqual(appHeaders, base.headers);
        sameOutput = sameBody && sameHeaders;
        if (!sameBody)
          failures.push(
            `${endpoint.label} at ${at}: the baseline's answer differs from the app's (${firstDifference(comparable(appBody, endpoint), comparable(base.body, endpoint))})`,
          );
        if (!sameHeaders)
          failures.push(
            `${endpoint.label} at ${at}: the baseline's headers differ from the app's (${firstDifference(JSON.stringify(appHeaders), JSON.stringify(base.headers))})`,
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
            `${endpoint.label} at ${at}: ${who} had ${m.non2xx} non-2xx answers (${m.statuses || 'codes unknown'}) and ${m.errors} errors under load`,
          );
      }
      failures.push(...failed);
      const queries = Math.min(...counts);
      results.push({ size, endpoint, app: appMeasure, baseline: baseMeasure, queries, sameOutput });
      console.log(' done');
      console.log(
        `   ${targetLine(at, endpoint, appMeasure, baseMeasure, queries, sameOutput, failed)}`,
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
            `${row.label} at ${at}: ${measure.non2xx} non-2xx answers and ${measure.errors} errors under load`,
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
  at: string,
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
    `[${at}] ${endpoint.key} ${verdict}:`,
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

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'src', 'main.js')))
    throw new Error('dist/src/main.js is missing: run `npm run build` first (npm run bench does)');
  const failures: string[] = [];
  const byEngine = options.engines.map((engine) => ({ engine, runs: [] as SizeRun[] }));
  for (const size of options.sizes) {
    const prepared = await prepareSize(size, options);
    for (const { engine, runs } of byEngine)
      runs.push(await benchSize(size, engine, prepared, options, failures));
  }
  const table = report(options, byEngine, failures);
  console.log(`\n${table}\n`);
  // The block holds the SQLite table, and the PostgreSQL one when both were measured: a run on
  // PostgreSQL alone would drop the SQLite rows.
  const partial = options.only.length || options.reuse || !options.engines.includes('sqlite');
  if (partial) console.log('Partial run: BENCHMARKS.md left alone');
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
