import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../config/project-root';

/**
 * The boundary rule (npm run lint:deps) sees imports; this sees SQL. A hand-written statement may
 * name the tables of its own context and of the contexts below it (a read-only join that saves a
 * round trip), never a table of a context above it: that would tie a lower context to a higher
 * one's schema. Layers: architecture-layers.cjs, docs/architecture.md.
 */
const { LAYERS } = require('../../architecture-layers.cjs') as { LAYERS: [string, string[]][] };

const root = projectRoot();
const src = join(root, 'src');

/**
 * Statements allowed to name a table above their context, and why. The agenda names the theme and
 * the speaker it presents (agenda_items.theme_id / speaker_id are relations to themes' tables).
 */
const ALLOWED_UPWARD: Record<string, string[]> = {
  'meetings/meeting-read.queries.ts': ['themes', 'speakers'],
  'meetings/agenda/agenda-read.queries.ts': ['themes', 'speakers'],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function layerOf(path: string): number {
  const index = LAYERS.findIndex(([, folders]) =>
    folders.some((folder) => new RegExp(`^(${folder})/`).test(path)),
  );
  return index === -1 ? LAYERS.length : index;
}

const sources = files(src).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));

/** Table name → the context (layer) whose entity declares it. */
const owners = new Map<string, { layer: number; file: string }>();
for (const file of sources) {
  const path = relative(src, file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/@Entity\(\s*(?:\{\s*name:\s*)?'(\w+)'/g))
    owners.set(match[1], { layer: layerOf(path), file: path });
}

describe('SQL between contexts', () => {
  it('finds the tables of every context', () => {
    expect(owners.get('partners')?.file).toMatch(/^partners\//);
    expect(owners.get('agenda_items')?.file).toMatch(/^meetings\//);
    expect(owners.size).toBeGreaterThan(25);
  });

  it('names no table of a context above the statement’s own', () => {
    const upward: string[] = [];
    for (const file of sources) {
      const path = relative(src, file);
      const layer = layerOf(path);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+"?(\w+)"?/g)) {
        const owner = owners.get(match[1]);
        if (!owner || owner.layer <= layer) continue;
        if (ALLOWED_UPWARD[path]?.includes(match[1])) continue;
        upward.push(`${path} names ${match[1]} (${owner.file})`);
      }
    }
    expect([...new Set(upward)]).toEqual([]);
  });
});
