import { Client } from 'pg';
import { SizeName } from './datasets';
import { appEnv, freePort, start, startProdArgs, stop, waitFor } from './servers';
import { all, openDatabase } from './sqlite';

/**
 * The PostgreSQL rows of `npm run bench -- --engine pg`: the data set built on SQLite (the same rows
 * as the SQLite rows) copied into a fresh PostgreSQL database that the app migrated itself.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; each size
 * gets its database `maillage_bench_<size>`, kept for `--reuse` and dropped by the next full run.
 */
const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Written on the database once a load finished: `--reuse` keeps only a complete one. */
const LOADED = 'maillage bench: loaded';
/**
 * Filled by the app's triggers as the rows they derive from are copied (search_index_*,
 * projects_partner_counts): copied again, they would be doubled or clash.
 */
const DERIVED = new Set(['search_entries', 'partner_project_counts']);
/** The migrations' own book-keeping, written by the app's migration run on PostgreSQL. */
const SKIPPED = new Set(['migrations', 'typeorm_metadata']);

export const pgDatabaseName = (size: SizeName) => `maillage_bench_${size.toLowerCase()}`;

export function pgUrl(size: SizeName): string {
  const url = new URL(admin);
  url.pathname = `/${pgDatabaseName(size)}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  // UTC: SQLite's datetime texts (TypeORM writes them in UTC) are read as such.
  const client = new Client({ connectionString: url, options: '-c TimeZone=UTC' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The size's database, loaded from the SQLite file unless `reuse` finds one that is (the runner
 * passes `reuse` only when it reused the SQLite file too). Returns its URL and whether it loaded.
 */
export async function loadIntoPostgres(
  size: SizeName,
  file: string,
  dataDir: string,
  reuse: boolean,
): Promise<{ url: string; seconds: number }> {
  const started = Date.now();
  const name = pgDatabaseName(size);
  const url = pgUrl(size);
  const loaded = await withClient(admin, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      'SELECT shobj_description(oid, $1) AS comment FROM pg_database WHERE datname = $2',
      ['pg_database', name],
    );
    if (reuse && rows[0]?.comment === LOADED) return true;
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    return false;
  });
  if (loaded) return { url, seconds: 0 };
  await migrateByTheApp(url, dataDir);
  await withClient(url, (client) => copyTables(file, client));
  await withClient(admin, (client) => client.query(`COMMENT ON DATABASE ${name} IS '${LOADED}'`));
  return { url, seconds: (Date.now() - started) / 1000 };
}

/** The app started once on the empty database: it runs its migrations at start, as in production. */
async function migrateByTheApp(url: string, dataDir: string): Promise<void> {
  const port = await freePort();
  const app = start(
    'maillage (migrations)',
    startProdArgs(),
    appEnv({ port, databaseUrl: url, dataDir, publicUrl: `http://127.0.0.1:${port}` }),
    `${dataDir}/migrate.log`,
  );
  try {
    await waitFor(`http://127.0.0.1:${port}/health`, app);
  } finally {
    await stop(app);
  }
}

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
}

async function copyTables(file: string, client: Client): Promise<void> {
  const sqlite = await openDatabase(file);
  try {
    const sqliteTables = new Set(
      (
        await all<{ name: string }>(sqlite, "SELECT name FROM sqlite_master WHERE type = 'table'")
      ).map((r) => r.name),
    );
    const columns = (
      await client.query<Column>(
        `SELECT c.table_name, c.column_name, c.data_type
           FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
          ORDER BY c.table_name, c.ordinal_position`,
      )
    ).rows;
    const pgTables = [...new Set(columns.map((c) => c.table_name))];
    const copied = pgTables.filter(
      (t) => sqliteTables.has(t) && !DERIVED.has(t) && !SKIPPED.has(t),
    );
    const order = await referencedFirst(client, copied);
    await client.query('BEGIN');
    // Rows the app's start may have written (its scheduled passes...) make way for the data set's.
    const emptied = [...copied, ...[...DERIVED].filter((t) => pgTables.includes(t))];
    await client.query(
      `TRUNCATE ${emptied.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`,
    );
    for (const table of order) {
      const sqliteColumns = new Set(
        (await all<{ name: string }>(sqlite, `PRAGMA table_info("${table}")`)).map((c) => c.name),
      );
      const shared = columns.filter(
        (c) => c.table_name === table && sqliteColumns.has(c.column_name),
      );
      await copyTable(sqlite, client, table, shared);
    }
    await client.query('COMMIT');
  } finally {
    await new Promise<void>((resolve) => sqlite.close(() => resolve()));
  }
  // Statistics now rather than by autovacuum in the middle of the first rows measured.
  await client.query('ANALYZE');
}

/** SQLite's values as PostgreSQL takes them: 0/1 booleans; datetime texts are UTC already. */
const converter = (type: string) =>
  type === 'boolean' ? (v: unknown) => (v === null ? null : Boolean(v)) : (v: unknown) => v;

async function copyTable(
  sqlite: Awaited<ReturnType<typeof openDatabase>>,
  client: Client,
  table: string,
  columns: Column[],
): Promise<void> {
  const names = columns.map((c) => `"${c.column_name}"`).join(', ');
  const convert = columns.map((c) => converter(c.data_type));
  // Multi-row INSERTs, under pg's 65,535 parameters a statement.
  const perBatch = Math.max(1, Math.min(1000, Math.floor(60_000 / columns.length)));
  // Keyset on rowid: an OFFSET would read the table again for each batch (600,000 rows at L).
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const rows = await all<Record<string, unknown>>(
      sqlite,
      `SELECT rowid AS bench_rowid, ${names} FROM "${table}" WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      [after, perBatch],
    );
    if (!rows.length) break;
    after = Number(rows[rows.length - 1].bench_rowid);
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const start = values.length;
      columns.forEach((c, i) => values.push(convert[i](row[c.column_name])));
      return `(${columns.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await client.query(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(', ')}`, values);
    if (rows.length < perBatch) break;
  }
  // Past the largest id copied, so that the app's and the baseline's inserts get new ids.
  if (columns.some((c) => c.column_name === 'id'))
    await client.query(
      `SELECT setval(s::regclass, (SELECT COALESCE(MAX(id), 0) + 1 FROM "${table}"), false)
         FROM pg_get_serial_sequence($1, 'id') s WHERE s IS NOT NULL`,
      [`"${table}"`],
    );
}

/** The tables in an order that copies every referenced row before the rows referring to it. */
async function referencedFirst(client: Client, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`,
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const parents = new Map<string, string[]>(tables.map((t) => [t, []]));
  for (const { child, parent } of rows) parents.get(unquote(child))?.push(unquote(parent));
  const order: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (order.includes(table) || path.has(table) || !parents.has(table)) return;
    path.add(table);
    for (const parent of parents.get(table)!) visit(parent, path);
    order.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return order;
}
