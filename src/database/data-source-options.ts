import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig, DatabaseEngine } from '../config/app-config';
import { projectRoot } from '../config/project-root';
import { cachedSqlite3 } from './cached-sqlite3';
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

export function dataSourceOptions(
  config: AppConfig,
  entities: MixedList<Function | string>,
  logger: QueryCounter,
): DataSourceOptions {
  const common = {
    entities,
    migrations: migrationsFor(config.databaseEngine),
    // Migrations run at start-up, each in its own transaction, before any request is served: by
    // openWithMigrations (locked-migrations.ts), under a lock on PostgreSQL, not by TypeORM.
    migrationsRun: false,
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
    // Keeps prepared statements, and drops the long stack traces of sqlite3.verbose() (see there).
    driver: cachedSqlite3(),
    database: config.databaseUrl,
    enableWAL: true,
    busyTimeout: 5000,
  };
}
