import request from 'supertest';
import { createTestApp, TestApp } from './support/test-app';

describe('database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has applied every migration, and the entities agree with them (no drift)', async () => {
    expect(await t.dataSource.showMigrations()).toBe(false);
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('runs SQLite in WAL mode with foreign keys on', async () => {
    if (t.dataSource.options.type !== 'sqlite') return;
    expect(await t.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await t.dataSource.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await t.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
  });

  it('reports health: database up, migrations current', async () => {
    const response = await request(t.http).get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'up', migrations: 'current' });
  });
});
