import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { migrationsFor } from '../data-source-options';
import {
  backupKindOf,
  postgresMigrations,
  runProgram,
  sqliteMigrations,
  sqliteQuery,
} from './backup-files';

/**
 * A backup or restore refused for a reason the operator can act on: a catalogue key (cli.*) and
 * its parameters, printed by the command line in the configured language.
 */
export class BackupRefusal extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export interface BackupSummary {
  file: string;
  engine: 'sqlite' | 'postgres';
  bytes: number;
  /** The last migration the data is at. */
  schema: string;
}

/**
 * A consistent copy of the whole database, taken while the app runs:
 * - SQLite: `VACUUM INTO`, which reads one snapshot of the database (writers keep going in WAL
 *   mode) and writes a compact, self-contained file;
 * - PostgreSQL: `pg_dump --format=custom`, one snapshot transaction, restorable by pg_restore.
 * Written beside the target then renamed, so a half-written file never has the final name.
 */
export async function backupDatabase(config: AppConfig, target: string): Promise<BackupSummary> {
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    if (config.databaseEngine === 'sqlite') {
      if (!existsSync(config.databaseUrl))
        throw new BackupRefusal('cli.backup.noDatabase', { file: config.databaseUrl });
      await sqliteQuery(config.databaseUrl, `VACUUM INTO '${partial.replace(/'/g, "''")}'`);
    } else {
      await runProgram('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        '-f',
        partial,
        '-d',
        config.databaseUrl,
      ]);
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  const applied =
    config.databaseEngine === 'sqlite'
      ? await sqliteMigrations(file)
      : await postgresMigrations(file);
  return {
    file,
    engine: config.databaseEngine,
    bytes: statSync(file).size,
    schema: applied.at(-1) ?? '',
  };
}

export interface RestoreSummary {
  engine: 'sqlite' | 'postgres';
  schema: string;
  /** Migrations the backup predates: applied at the next start. */
  pending: number;
}

/**
 * Puts a backup back into the configured database. Refused, with the reason, when the file is not
 * a backup of this engine, when it comes from a newer Maillage (a migration this version does not
 * know: its data could not be read correctly), or when the database already holds data and
 * `force` was not given. Stop the app first: a running instance keeps its own view of the data.
 */
export async function restoreDatabase(
  config: AppConfig,
  source: string,
  options: { force?: boolean } = {},
): Promise<RestoreSummary> {
  const file = resolve(source);
  if (!existsSync(file)) throw new BackupRefusal('cli.restore.missing', { file });
  const kind = backupKindOf(file);
  if (kind === undefined) throw new BackupRefusal('cli.restore.notABackup', { file });
  if (kind !== config.databaseEngine)
    throw new BackupRefusal('cli.restore.otherEngine', { kind, engine: config.databaseEngine });
  const applied = kind === 'sqlite' ? await sqliteMigrations(file) : await postgresMigrations(file);
  const known = new Set(migrationsFor(config.databaseEngine).map(migrationName));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length) throw new BackupRefusal('cli.restore.newerSchema', { migration: unknown[0] });
  if (!options.force && (await holdsData(config))) throw new BackupRefusal('cli.restore.notEmpty');
  if (kind === 'sqlite') restoreSqlite(config.databaseUrl, file);
  else
    await runProgram('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(options.force ? ['--clean', '--if-exists'] : []),
      '-d',
      config.databaseUrl,
      file,
    ]);
  return { engine: kind, schema: applied.at(-1) ?? '', pending: known.size - applied.length };
}

function migrationName(type: Function): string {
  return new (type as new () => { name?: string })().name ?? type.name;
}

/** Whether the target has any table of ours (an empty data folder or database has none). */
async function holdsData(config: AppConfig): Promise<boolean> {
  if (config.databaseEngine === 'sqlite') {
    if (!existsSync(config.databaseUrl)) return false;
    const rows = await sqliteQuery<{ n: number }>(
      config.databaseUrl,
      "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'migrations'",
      true,
    );
    return rows[0].n > 0;
  }
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    return Number(rows[0].n) > 0;
  } finally {
    await client.end();
  }
}

/** The backup file becomes the database file; stale WAL files of a former database go. */
function restoreSqlite(database: string, file: string): void {
  mkdirSync(dirname(database), { recursive: true });
  const partial = `${database}.restoring`;
  copyFileSync(file, partial);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(database + suffix, { force: true });
  renameSync(partial, database);
}
