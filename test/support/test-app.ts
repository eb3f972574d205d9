import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { RouteTableAdapter } from '../../src/common/web/route-table.adapter';
import { Clock, FixedClock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { QueryCounter } from '../../src/database/query-counter';

export interface TestApp {
  app: INestApplication;
  http: App;
  clock: FixedClock;
  dataSource: DataSource;
  queries: QueryCounter;
  config: AppConfig;
  /** The database of this app, to start a second instance on it. */
  databaseUrl: string;
  close(): Promise<void>;
}

let databases = 0;

/**
 * A fresh database for one test file: a temporary SQLite file, or, when DATABASE_URL points at
 * PostgreSQL, a new database created beside it (so Jest workers never share data).
 */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL ?? '';
  if (!/^postgres(ql)?:\/\//.test(base)) {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-test-'));
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `maillage_t_${process.pid}_${Date.now().toString(36)}_${databases++}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestApp(
  options: {
    env?: Record<string, string>;
    now?: string;
    /** Share another test app's database (a second instance); it is not dropped on close. */
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const database = options.databaseUrl
    ? { url: options.databaseUrl, drop: () => Promise.resolve() }
    : await freshDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-data-'));
  const config = new AppConfig({
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    PUBLIC_URL: 'http://maillage.test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_SQL: 'false',
    // Tests deliver mail by hand (MailDispatcher.drainOnce) instead of a background timer.
    MAIL_DISPATCHER: 'false',
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2026-03-02T09:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication(new RouteTableAdapter(), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureApp(app);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    clock,
    config,
    databaseUrl: database.url,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    queries: app.get(QueryCounter),
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
