import { DataSource, DataSourceOptions } from 'typeorm';

/**
 * The key of the session advisory lock that serialises migration runs on PostgreSQL (any constant
 * of our own). Two instances started at once on an empty or older
 * database would otherwise both find a migration pending and both run it: one fails on its
 * CREATE TABLE, and that instance does not start.
 */
export const MIGRATION_LOCK_KEY = 7_240_301_001;

/**
 * Opens the DataSource and brings its schema up to date, once across the cluster: on PostgreSQL
 * the run holds pg_advisory_lock on a dedicated connection, so a second instance waits for the
 * first and then finds nothing pending; the lock is released (and the connection returned) after,
 * whether the run succeeded or not. SQLite is one process: no lock. Each migration still runs in
 * its own transaction (migrationsTransactionMode 'each').
 */
export async function openWithMigrations(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
