import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { backupDatabase, restoreDatabase } from '../src/database/backup/backup';
import { sqliteQuery } from '../src/database/backup/backup-files';
import { DailyBackupService } from '../src/database/backup/daily-backup.service';
import { PeriodicPasses } from '../src/database/periodic-passes';
import { createPartner } from './support/partners';
import { createStaff, Staff } from './support/staff';
import { createTestApp, freshDatabase, TestApp } from './support/test-app';

const engine = /^postgres/.test(process.env.DATABASE_URL ?? '') ? 'postgres' : 'sqlite';

/** Every table's rows, in id order, as JSON: two databases with the same content compare equal. */
async function contentOf(
  dataSource: DataSource,
  tables: string[],
): Promise<Record<string, string>> {
  const content: Record<string, string> = {};
  for (const table of tables) {
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT * FROM ${table} ORDER BY 1`,
    );
    content[table] = JSON.stringify(
      rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
        ),
      ),
    );
  }
  return content;
}

function configFor(databaseUrl: string, dataDir: string): AppConfig {
  return new AppConfig({ ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir });
}

describe(`backup and restore (${engine})`, () => {
  let t: TestApp;
  let staff: Staff;
  let dir: string;
  const TABLES = ['partners', 'contacts', 'audit_entries', 'users'];

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'admin');
    dir = mkdtempSync(join(tmpdir(), 'maillage-backup-'));
    for (let i = 0; i < 20; i++)
      await createPartner(staff, { name: `Mission locale n° ${i} — Épinay` });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while writes run; the copy restores into an empty database, consistent', async () => {
    let writing = true;
    const writes = (async () => {
      let n = 0;
      while (writing) await createPartner(staff, { name: `Écrit pendant la sauvegarde ${n++}` });
      return n;
    })();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const during = await backupDatabase(t.config, join(dir, `during.${engine}`));
    writing = false;
    expect(await writes).toBeGreaterThan(0);
    expect(during.bytes).toBeGreaterThan(0);
    expect(during.schema).not.toBe('');

    const target = await freshDatabase();
    const restoredDir = mkdtempSync(join(tmpdir(), 'maillage-restored-'));
    try {
      const summary = await restoreDatabase(configFor(target.url, restoredDir), during.file);
      expect(summary).toMatchObject({ engine, pending: 0 });
      const restored = await createTestApp({ databaseUrl: target.url });
      try {
        // One snapshot: each partner with its audit entry (written in the same transaction).
        const [{ partners }] = await restored.dataSource.query(
          'SELECT COUNT(*) AS partners FROM partners',
        );
        const [{ entries }] = await restored.dataSource.query(
          "SELECT COUNT(*) AS entries FROM audit_entries WHERE entity_type = 'partner' AND action = 'create'",
        );
        expect(Number(partners)).toBe(Number(entries));
        expect(Number(partners)).toBeGreaterThanOrEqual(20);
        // Every restored row is the source's row, byte for byte.
        const source = await contentOf(t.dataSource, TABLES);
        const copy = await contentOf(restored.dataSource, TABLES);
        for (const table of TABLES) {
          const rows = JSON.parse(copy[table]) as unknown[];
          expect(JSON.parse(source[table]).slice(0, rows.length)).toEqual(rows);
        }
        // And the restored app serves it.
        const restoredStaff = await createStaff(restored, 'admin');
        const list = await restoredStaff.api.get('/api/partners?q=Epinay').expect(200);
        expect(list.body.total).toBe(20);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
      rmSync(restoredDir, { recursive: true, force: true });
    }
  });

  it('a quiet backup restores to the very same rows and content', async () => {
    const backup = await backupDatabase(t.config, join(dir, `quiet.${engine}`));
    const target = await freshDatabase();
    const restoredDir = mkdtempSync(join(tmpdir(), 'maillage-restored-'));
    try {
      await restoreDatabase(configFor(target.url, restoredDir), backup.file);
      const restored = await createTestApp({ databaseUrl: target.url });
      try {
        const tables = await t.dataSource.query<{ name: string }[]>(
          engine === 'sqlite'
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        );
        const names = tables.map((row) => row.name).sort();
        expect(names).toEqual(expect.arrayContaining(TABLES));
        expect(await contentOf(restored.dataSource, names)).toEqual(
          await contentOf(t.dataSource, names),
        );
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
      rmSync(restoredDir, { recursive: true, force: true });
    }
  });

  it('refuses, with the reason, a non-empty database, a file that is no backup, and a newer schema', async () => {
    const backup = await backupDatabase(t.config, join(dir, `refusals.${engine}`));
    await expect(restoreDatabase(t.config, backup.file)).rejects.toThrow('cli.restore.notEmpty');

    const junk = join(dir, 'feuille.pdf');
    writeFileSync(junk, '%PDF-1.7 not a backup');
    await expect(restoreDatabase(t.config, junk, { force: true })).rejects.toThrow(
      'cli.restore.notABackup',
    );

    // A backup made by a newer Maillage: its migrations table names one this version lacks.
    const target = await freshDatabase();
    const restoredDir = mkdtempSync(join(tmpdir(), 'maillage-restored-'));
    try {
      const targetConfig = configFor(target.url, restoredDir);
      await restoreDatabase(targetConfig, backup.file);
      const app = await createTestApp({ databaseUrl: target.url });
      await app.dataSource.query(
        `INSERT INTO migrations (timestamp, name) VALUES (4102444800000, 'FromTheFuture4102444800000')`,
      );
      const newer = await backupDatabase(app.config, join(dir, `newer.${engine}`));
      await app.close();
      await expect(restoreDatabase(targetConfig, newer.file, { force: true })).rejects.toThrow(
        'cli.restore.newerSchema',
      );
    } finally {
      await target.drop();
      rmSync(restoredDir, { recursive: true, force: true });
    }
  });

  it('the daily backup writes into BACKUP_DIR and keeps the BACKUP_KEEP newest', async () => {
    const backupDir = join(dir, 'daily');
    const config = new AppConfig({
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      DATA_DIR: dir,
      BACKUP_DIR: backupDir,
      BACKUP_KEEP: '2',
    });
    const daily = new DailyBackupService(config, t.app.get(PeriodicPasses));
    const days = ['2026-03-01T02:00:00Z', '2026-03-02T02:00:00Z', '2026-03-03T02:00:00Z'];
    const files: string[] = [];
    for (const day of days) {
      const file = await daily.runIfDue(new Date(day));
      expect(file).toBeDefined();
      files.push(file!);
    }
    // Not due again an hour later.
    expect(await daily.runIfDue(new Date('2026-03-03T03:00:00Z'))).toBeUndefined();
    expect(files.map((file) => existsSync(file))).toEqual([false, true, true]);
    if (engine === 'sqlite') {
      const [row] = await sqliteQuery<{ n: number }>(
        files[2],
        'SELECT COUNT(*) AS n FROM partners',
        true,
      );
      expect(row.n).toBeGreaterThanOrEqual(20);
    }
  });
});
