import { execFile } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import { Database, OPEN_CREATE, OPEN_READONLY, OPEN_READWRITE } from 'sqlite3';

/** What a backup file holds, read from its first bytes. */
export type BackupKind = 'sqlite' | 'postgres';

/**
 * SQLite files start with "SQLite format 3\0"; pg_dump's custom format with "PGDMP". Anything
 * else is not a Maillage backup.
 */
export function backupKindOf(file: string): BackupKind | undefined {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  return undefined;
}

/** Runs a PostgreSQL client program; its error output becomes the error's message. */
export function runProgram(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? `${program} is not installed (PostgreSQL client programs are needed)`
              : `${program}: ${stderr.trim() || error.message}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

/** Runs statements on a SQLite file with its own connection (the app may hold another). */
export function sqliteQuery<T>(file: string, sql: string, readOnly = false): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const mode = readOnly ? OPEN_READONLY : OPEN_READWRITE | OPEN_CREATE;
    const db = new Database(file, mode, (error) => {
      if (error) return reject(error);
      db.configure('busyTimeout', 10_000);
      db.all(sql, (failure, rows) => {
        db.close(() => (failure ? reject(failure) : resolve(rows as T[])));
      });
    });
  });
}

/** The migrations a SQLite backup was made at (names, as TypeORM records them). */
export async function sqliteMigrations(file: string): Promise<string[]> {
  const rows = await sqliteQuery<{ name: string }>(file, 'SELECT name FROM migrations', true);
  return rows.map((row) => row.name);
}

/** The migrations a pg_dump archive was made at: its `migrations` rows, read without restoring. */
export async function postgresMigrations(file: string): Promise<string[]> {
  const dump = await runProgram('pg_restore', [
    '--data-only',
    '--table=migrations',
    '-f',
    '-',
    file,
  ]);
  const names: string[] = [];
  let inCopy = false;
  for (const line of dump.split('\n')) {
    if (line.startsWith('COPY ') && line.includes('migrations')) inCopy = true;
    else if (line === '\\.') inCopy = false;
    else if (inCopy && line) names.push(line.split('\t')[2]);
  }
  return names;
}
