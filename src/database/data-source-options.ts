import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AppConfig, DatabaseEngine } from '../config/app-config';
import { projectRoot } from '../config/project-root';
import { cachedSqlite3 } from './cached-sqlite3';
import { preparedPg } from './prepared-pg';
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
 * node-postgres pool limits so that nothing waits for ever on a database that is away (killed
 * connections, a restart, an unreachable host): a connection attempt gives up after 5 s, a
 * statement after 120 s (server side, and client side a little later should the server not
 * answer at all; a CSV export streamed to a slow client is one statement, hence not less), a
 * transaction left idle after 60 s. The request then gets a 503 with
 * Retry-After (common/database-unavailable.ts); broken connections leave the pool and the next
 * request opens a new one, so the pool recovers by itself once the database is back.
 */
export const POSTGRES_POOL_TIMEOUTS = {
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 120_000,
  query_timeout: 130_000,
  idle_in_transaction_session_timeout: 60_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
} as const;

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
      ...(config.databasePreparedStatements ? { driver: preparedPg() } : {}),
      extra: { max: 10, ...POSTGRES_POOL_TIMEOUTS },
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
