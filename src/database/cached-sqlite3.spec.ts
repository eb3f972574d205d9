import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, Statement } from 'sqlite3';
import { cachedSqlite3 } from './cached-sqlite3';

type Db = Database & { cachedStatements: number };

// The calls TypeORM makes: db.all / db.run with a parameter array and a callback.
const all = (db: Database, sql: string, params?: unknown[]) =>
  new Promise<unknown[]>((resolve, reject) =>
    db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))),
  );
const run = (db: Database, sql: string, params?: unknown[]) =>
  new Promise<{ lastID: number; changes: number }>((resolve, reject) =>
    db.run(sql, params, function (this: Statement & { lastID: number; changes: number }, error) {
      if (error) reject(error);
      else resolve({ lastID: this.lastID, changes: this.changes });
    }),
  );

describe('cachedSqlite3', () => {
  let dir: string;
  let db: Db;

  const open = (limit?: number) =>
    new Promise<Db>((resolve, reject) => {
      const sqlite3 = cachedSqlite3(limit).verbose();
      const opened = new sqlite3.Database(join(dir, 'test.sqlite'), (error) =>
        error ? reject(error) : resolve(opened as Db),
      );
    });
  const close = (database: Database) =>
    new Promise<void>((resolve, reject) =>
      database.close((error) => (error ? reject(error) : resolve())),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cached-sqlite3-'));
    db = await open();
    await run(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)');
  });

  afterEach(async () => {
    await close(db).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps one statement per SQL text and answers each call with its own parameters', async () => {
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['b']);
    const select = 'SELECT name FROM t WHERE id = ?';
    const answers = await Promise.all([1, 2, 3].map((id) => all(db, select, [id])));
    expect(answers).toEqual([[{ name: 'a' }], [{ name: 'b' }], []]);
    expect(db.cachedStatements).toBe(2);
  });

  it('gives run() callers the lastID and changes of their own statement', async () => {
    const first = await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    const second = await run(db, 'INSERT INTO t (name) VALUES (?)', ['b']);
    expect([first.lastID, second.lastID]).toEqual([1, 2]);
    const updated = await run(db, 'UPDATE t SET name = name || ? WHERE id > ?', ['!', 0]);
    expect(updated.changes).toBe(2);
    const none = await run(db, 'UPDATE t SET name = name || ? WHERE id > ?', ['!', 5]);
    expect(none.changes).toBe(0);
  });

  it('reports a failing statement and keeps working after it', async () => {
    const insert = 'INSERT INTO t (name) VALUES (?)';
    await run(db, insert, ['a']);
    await expect(run(db, insert, ['a'])).rejects.toThrow(/UNIQUE constraint failed/);
    expect((await run(db, insert, ['b'])).lastID).toBe(2);
  });

  it('answers every waiting call when the SQL does not prepare, and keeps nothing', async () => {
    const bad = 'SELECT * FROM missing WHERE id = ?';
    const results = await Promise.allSettled([all(db, bad, [1]), all(db, bad, [2])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/no such table: missing/);
    expect(db.cachedStatements).toBe(0);
  });

  it('drops the least recently used statement past the limit, finalizing it', async () => {
    await close(db);
    db = await open(2);
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    await all(db, 'SELECT id FROM t WHERE name = ?', ['a']);
    await all(db, 'SELECT name FROM t WHERE id = ?', [1]);
    expect(db.cachedStatements).toBe(2);
    // The INSERT was dropped; it prepares again and still works.
    expect((await run(db, 'INSERT INTO t (name) VALUES (?)', ['b'])).lastID).toBe(2);
    expect(await all(db, 'SELECT name FROM t WHERE id = ?', [2])).toEqual([{ name: 'b' }]);
    expect(db.cachedStatements).toBe(2);
  });

  it('follows schema changes, and does not keep tables from being dropped', async () => {
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    const select = 'SELECT * FROM t WHERE id = ?';
    expect(await all(db, select, [1])).toEqual([{ id: 1, name: 'a' }]);
    await run(db, 'ALTER TABLE t ADD COLUMN note TEXT');
    expect(await all(db, select, [1])).toEqual([{ id: 1, name: 'a', note: null }]);
    await run(db, 'DROP TABLE t');
    await expect(all(db, select, [1])).rejects.toThrow(/no such table: t/);
  });

  it('runs transactions on the one connection', async () => {
    await all(db, 'BEGIN TRANSACTION');
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    expect(await all(db, 'SELECT COUNT(*) AS n FROM t WHERE id > ?', [0])).toEqual([{ n: 1 }]);
    await all(db, 'ROLLBACK');
    await all(db, 'BEGIN TRANSACTION');
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['b']);
    await all(db, 'COMMIT');
    expect(await all(db, 'SELECT name FROM t WHERE id > ?', [0])).toEqual([{ name: 'b' }]);
  });

  it('binds NULL, not the previous values, when placeholders get no parameters', async () => {
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    expect(await all(db, 'SELECT ? AS v', [1])).toEqual([{ v: 1 }]);
    expect(await all(db, 'SELECT ? AS v')).toEqual([{ v: null }]);
  });

  it('finalizes its statements when the database closes', async () => {
    await all(db, 'SELECT name FROM t WHERE id = ?', [1]);
    await run(db, 'INSERT INTO t (name) VALUES (?)', ['a']);
    await expect(close(db)).resolves.toBeUndefined();
  });
});
