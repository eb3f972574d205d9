import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildDataset, SizeName } from './datasets';
import { Endpoint, ENDPOINTS, load, Measure, request, Target } from './endpoints';
import { onlyOption, optionReader, sizesOption } from './options';
import {
  appEnv,
  freePort,
  root,
  setBenchPassword,
  signIn,
  start,
  startProdArgs,
  stop,
  waitFor,
} from './servers';

/**
 * `npm run bench:compare -- --against <folder of another build> [--sizes M --only minutes
 * --slices 6 --duration 3 --warmup 2 --connections 10]`
 *
 * This build against another one (a checkout of an earlier commit, built with `npm run build`), on
 * the same data: "is this change slower than before?". This machine's speed drifts by tens of
 * percent within minutes (shared cores), so two runs of `npm run bench` cannot answer it. Here both
 * apps run at once, each on its own copy of one data set, and each endpoint is loaded in short
 * alternating slices (ABBA order), so that a drift hits both alike; the figure is the geometric
 * mean of the paired slices' ratios, with their range.
 */

interface Options {
  against: string;
  sizes: SizeName[];
  only: string[];
  slices: number;
  duration: number;
  warmup: number;
  connections: number;
  reuse: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = optionReader(argv);
  const against = value('against', '');
  if (!against) throw new Error('--against <folder of the other build> is required');
  return {
    against: resolve(against),
    sizes: sizesOption(value('sizes', 'S,M,L')),
    only: onlyOption(value('only', '')),
    slices: Number(value('slices', '6')),
    duration: Number(value('duration', '3')),
    warmup: Number(value('warmup', '2')),
    connections: Number(value('connections', '10')),
    reuse: argv.includes('--reuse'),
  };
}

interface Build {
  name: string;
  folder: string;
  url: string;
  cookie?: string;
}

interface Row {
  size: SizeName;
  endpoint: Endpoint;
  current: Measure[];
  other: Measure[];
}

const geometricMean = (values: number[]) =>
  Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function startBuild(
  name: string,
  folder: string,
  file: string,
  dataDir: string,
): Promise<{ build: Build; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(dataDir, { recursive: true });
  const child = start(
    name,
    startProdArgs(),
    appEnv({ port, databaseUrl: `sqlite:${file}`, dataDir, publicUrl: url }),
    join(dataDir, 'app.log'),
    folder,
  );
  await waitFor(`${url}/health`, child);
  return { build: { name, folder, url }, stop: () => stop(child) };
}

/** Loads one build for one slice; a build that answers errors under load fails the run. */
async function slice(build: Build, target: Target, seconds: number, options: Options) {
  const measure = await load(
    build.url,
    { ...target, cookie: build.cookie },
    seconds,
    options.connections,
  );
  if (measure.non2xx || measure.errors)
    throw new Error(
      `${build.name}: ${measure.non2xx} non-2xx (${measure.statuses}) and ${measure.errors} errors under load`,
    );
  return measure;
}

async function compareSize(size: SizeName, options: Options): Promise<Row[]> {
  const folder = join(root, 'data', 'bench', 'compare');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${size}.sqlite`);
  if (!(options.reuse && existsSync(file))) {
    console.log(`\n== ${size}: building the data set…`);
    await buildDataset(size, file);
    await setBenchPassword(file);
  }
  // Each build gets its own copy: the writes of one never slow the other's reads.
  const copies = ['current', 'other'].map((who) => {
    const copy = join(folder, `${size}-${who}.sqlite`);
    for (const suffix of ['-wal', '-shm']) rmSync(copy + suffix, { force: true });
    copyFileSync(file, copy);
    return copy;
  });
  const current = await startBuild('this build', root, copies[0], join(folder, `${size}-current`));
  const other = await startBuild(
    'other build',
    options.against,
    copies[1],
    join(folder, `${size}-other`),
  );
  const rows: Row[] = [];
  try {
    for (const endpoint of ENDPOINTS) {
      if (options.only.length && !options.only.includes(endpoint.key)) continue;
      if (!endpoint.target) continue;
      const target = endpoint.target({ size, tables: new Set() });
      for (const build of [current.build, other.build]) {
        if (target.auth === 'session') build.cookie ??= await signIn(build.url);
        const answer = await request(build.url, { ...target, cookie: build.cookie });
        if (answer.status < 200 || answer.status >= 300)
          throw new Error(`${endpoint.label} (${size}): ${build.name} answered ${answer.status}`);
      }
      process.stdout.write(`   [${size}] ${endpoint.key}: warm-up…`);
      for (const build of [current.build, other.build])
        await slice(build, target, options.warmup, options);
      const row: Row = { size, endpoint, current: [], other: [] };
      for (let i = 0; i < options.slices; i++) {
        const order = i % 2 === 0 ? [current.build, other.build] : [other.build, current.build];
        for (const build of order) {
          const measure = await slice(build, target, options.duration, options);
          (build === current.build ? row.current : row.other).push(measure);
        }
        process.stdout.write(` ${i + 1}`);
      }
      const ratios = row.current.map((m, i) => m.rps / row.other[i].rps);
      console.log(
        ` · this ÷ other ${geometricMean(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
      );
      rows.push(row);
    }
  } finally {
    await Promise.all([current.stop(), other.stop()]);
  }
  return rows;
}

function table(options: Options, rows: Row[]): string {
  const lines = [
    `This build (${root}) against ${options.against} · ${options.slices} alternating slices of ${options.duration} s per endpoint after ${options.warmup} s warm-up · ${options.connections} connections · SQLite`,
    '',
    '| endpoint | set | this build req/s | other build req/s | this ÷ other (paired slices) | range | p50 ms this / other |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const ratios = row.current.map((m, i) => m.rps / row.other[i].rps);
    const rps = (ms: Measure[]) => geometricMean(ms.map((m) => m.rps)).toFixed(0);
    const p50 = (ms: Measure[]) => median(ms.map((m) => m.p50));
    lines.push(
      `| ${row.endpoint.label} | ${row.size} | ${rps(row.current)} | ${rps(row.other)} | ${geometricMean(ratios).toFixed(2)} | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | ${p50(row.current)} / ${p50(row.other)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const folder of [root, options.against])
    if (!existsSync(join(folder, 'dist', 'src', 'main.js')))
      throw new Error(`${folder}/dist/src/main.js is missing: run \`npm run build\` there first`);
  const rows: Row[] = [];
  for (const size of options.sizes) rows.push(...(await compareSize(size, options)));
  console.log(`\n${table(options, rows)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
