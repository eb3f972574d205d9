import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Engine } from './baseline-db';
import type { DatasetReport, SizeName } from './datasets';
import { DocumentMeasure, documentTable } from './documents';
import { Endpoint, ENDPOINTS, Measure } from './endpoints';
import { root, startProdArgs } from './servers';

/** The report of `npm run bench` (run.ts): one table per engine, written into BENCHMARKS.md. */

export interface Options {
  sizes: SizeName[];
  duration: number;
  warmup: number;
  connections: number;
  /** Endpoint keys to load (all when empty); a partial run does not write BENCHMARKS.md. */
  only: string[];
  /** Reuse data/bench/<size>.sqlite when it exists (writes of earlier runs are kept in it). */
  reuse: boolean;
  /** `--engine sqlite,pg`: the engines measured, one table each. */
  engines: Engine[];
}

/** Issue 23's targets: every row at 0.7 of its baseline, reads, pages and writes alike. */
export const TARGETS = {
  ratio: 0.7,
  p99Factor: 2,
  growth: 1.5,
  memoryMb: 250,
  signInSheetP50Ms: 300,
};

export interface Result {
  size: SizeName;
  endpoint: Endpoint;
  app: Measure;
  baseline: Measure | null;
  queries: number;
  sameOutput: boolean | null;
}

/** One size measured on one engine. */
export interface SizeRun {
  dataset: DatasetReport;
  results: Result[];
  memoryMb: number;
  unavailable: Map<string, string>;
  documents: DocumentMeasure[];
}

export const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', pg: 'PostgreSQL' };

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const mark = (ok: boolean) => (ok ? 'pass' : '**miss**');

export function report(
  options: Options,
  byEngine: Array<{ engine: Engine; runs: SizeRun[] }>,
  failures: string[],
): string {
  const lines: string[] = [];
  const cpus = os.cpus();
  lines.push(
    `Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} · Node ${process.version} · ${cpus.length} × ${cpus[0]?.model ?? 'CPU'} · ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM · ${os.platform()} ${os.release()}`,
  );
  lines.push('');
  lines.push('Data sets (rows, the same on every engine):');
  lines.push('');
  for (const run of byEngine[0]?.runs ?? [])
    lines.push(
      `- ${run.dataset.size}: ${Object.entries(run.dataset.rows)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(
          ', ',
        )}${run.dataset.skipped.length ? `; skipped: ${run.dataset.skipped.join('; ')}` : ''}`,
    );
  for (const { engine, runs } of byEngine) {
    lines.push('');
    lines.push(
      `${ENGINE_NAMES[engine]}: sizes ${options.sizes.join(', ')} · ${options.duration} s per server and endpoint after ${options.warmup} s warm-up · ${options.connections} connections · NODE_ENV=production`,
    );
    lines.push('');
    lines.push(...engineTable(engine, runs));
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

/** One engine's rows: the table, the app's peak memory, the documents. */
function engineTable(engine: Engine, runs: SizeRun[]): string[] {
  const lines: string[] = [];
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
        : engine === 'pg' && endpoint.pgBaseline === false
          ? 'no PostgreSQL baseline yet'
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
  return lines;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

export function writeBenchmarks(table: string): void {
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
