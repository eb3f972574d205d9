/**
 * The boundary rule of the source tree (docs: docs/architecture.md, issue #20): `npm run lint:deps`.
 *
 * Contexts are the folders under src/, stacked bottom to top below. A file may import VALUES from
 * its own context and from any context below it, never from one above. Type-only imports
 * (`import type`, a TypeORM relation's property type) are tolerated in any direction: they vanish
 * from the compiled code. A lower context that needs a higher one offers an extension point (a
 * registry or hooks the higher one registers into at start-up), see docs/architecture.md.
 *
 * Specs (`*.spec.ts`) are left out: a unit test may bring whatever it checks together.
 */
const fs = require('node:fs');
const path = require('node:path');

const { LAYERS } = require('./architecture-layers.cjs');
/** The root files (app.module, app.setup, main, cli) sit on top of everything. */
const ROOT_FILES = '^src/[^/]+\\.ts$';

const folders = (layers) => `^src/(${layers.flatMap(([, paths]) => paths).join('|')})/`;

const layerRules = LAYERS.slice(0, -1).map(([name, paths], index) => ({
  name: `layer-${name}`,
  comment:
    `${name} may not import values from a layer above it ` +
    `(${LAYERS.slice(index + 1)
      .map(([above]) => above)
      .join(', ')}, root files): offer an extension point instead, or import a type only.`,
  severity: 'error',
  from: { path: `^src/(${paths.join('|')})/` },
  to: {
    path: [folders(LAYERS.slice(index + 1)), ROOT_FILES],
    dependencyTypesNot: ['type-only'],
  },
}));

/**
 * The files declaring TypeORM entities. Entities are named `*.entity.ts`; until every file is,
 * the files whose text declares `@Entity(` count too (found here, so no list to keep up to date).
 */
function entityFiles() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
        if (/@Entity\(/.test(fs.readFileSync(file, 'utf8'))) found.push(file);
      }
    }
  };
  walk(path.join(__dirname, 'src'));
  return found.map(
    (file) =>
      `^${path
        .relative(__dirname, file)
        .split(path.sep)
        .join('/')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
  );
}

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-foreign-entity',
      comment:
        "A context owns its entities' tables: another context reads them through the owner's " +
        '*.queries.ts service, never by importing the entity class (InjectRepository, ' +
        'getRepository, new). Entity files are `*.entity.ts` (and, until all are renamed, any ' +
        'file declaring @Entity). A type-only import for a relation is tolerated.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: ['\\.entity\\.ts$', ...entityFiles()],
        pathNot: '^src/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'No cycle of value imports between files (a type-only edge breaks a cycle: it is gone ' +
        'at run time). A cycle means two files are one: merge them, or move what both need below.',
      severity: 'error',
      from: {},
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
