import type { Engine } from './baseline-db';
import { SCALES, SizeName } from './datasets';

/** Reads `--name value` (or `--name=value`) from the command line of a benchmark script. */
export function optionReader(argv: string[]): (name: string, fallback: string) => string {
  return (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    const inline = argv.find((a) => a.startsWith(`--${name}=`));
    return inline ? inline.split('=')[1] : i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
  };
}

/** `--sizes S,M,L`, checked. */
export function sizesOption(text: string): SizeName[] {
  const sizes = text.split(',').map((s) => s.trim().toUpperCase());
  for (const size of sizes)
    if (!(size in SCALES)) throw new Error(`--sizes: unknown size ${size} (S, M or L)`);
  return sizes as SizeName[];
}

/** `--only a,b`: the endpoint keys to load (all when empty). */
export const onlyOption = (text: string): string[] =>
  text
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);

/** `--engine sqlite,pg`, checked; SQLite first, as the table of BENCHMARKS.md shows it. */
export function enginesOption(text: string): Engine[] {
  const engines = text.split(',').map((e) => e.trim().toLowerCase());
  for (const engine of engines)
    if (engine !== 'sqlite' && engine !== 'pg')
      throw new Error(`--engine: unknown engine ${engine} (sqlite, pg or sqlite,pg)`);
  return (['sqlite', 'pg'] as const).filter((e) => engines.includes(e));
}
