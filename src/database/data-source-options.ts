import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig, DatabaseEngine } from '../config/app-config';
import { projectRoot } from '../config/project-root';
import { QueryCounter } from './query-counter';

/**
 * Migrations live in one folder per engine (migrations/sqlite, migrations/postgres), generated from
 * the entities by `npm run migration:generate`, so each engine gets exactly the schema TypeORM
 * expects and the drift test stays meaningful. Loaded explicitly so ts-jest and the built app
 * share one code path.
 */
export function migrationsFor(engine: DatabaseEngine): Function[] {
  const compiled = __filename.endsWith('.js');
  const root = compiled ? join(projectRoot(), 'dist') : projectRoot();
  const dir = join(root, 'migrations', engine);
  const extension = compiled ? '.js' : '.ts';
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(extension) && !file.endsWith('.d.ts'))
    .sort()
    .flatMap((file) => Object.values(require(join(dir, file)) as Record<string, Function>))
    .filter((value) => typeof value === 'function');
}

/**
 * sqlite3 for TypeORM, minus the long stack traces: TypeORM calls `sqlite3.verbose()`, which wraps
 * every database call to capture a stack and util.inspect its arguments (SQL and parameters), a
 * cost on each query that the benchmark showed. SQL errors still name the failing statement.
 */
function quietSqlite3(): object {
  const sqlite3 = require('sqlite3') as object;
  return Object.assign(Object.create(sqlite3) as object, { verbose: () => sqlite3 });
}

export function dataSourceOptions(
  config: AppConfig,
  entities: MixedList<Function | string>,
  logger: QueryCounter,
): DataSourceOptions {
  const common = {
    entities,
    migrations: migrationsFor(config.databaseEngine),
    // Migrations run at start-up, each in its own transaction, before any request is served.
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger,
  } as const;
  if (config.databaseEngine === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.databaseUrl,
      extra: { max: 10 },
    };
  }
  return {
    ...common,
    type: 'sqlite',
    driver: quietSqlite3(),
    database: config.databaseUrl,
    enableWAL: true,
    busyTimeout: 5000,
  };
}
