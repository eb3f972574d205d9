import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { RouteTableAdapter } from './common/web/route-table.adapter';
import { AppConfig } from './config/app-config';
import { DemoDataService } from './demo/demo-data.service';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, new RouteTableAdapter(), {
    bodyParser: false,
  });
  configureApp(app);
  app.enableShutdownHooks();
  const config = app.get(AppConfig);
  if (config.demoData) await loadDemoOnFirstRun(app.get(DemoDataService));
  await app.listen(config.port, config.host);
  const where = config.databaseEngine === 'sqlite' ? `SQLite ${config.databaseUrl}` : 'PostgreSQL';
  new Logger('Maillage').log(`Listening on ${config.publicUrl} (database: ${where})`);
}

/** DEMO_DATA=true: an empty directory gets the demo data before the first page is served. */
async function loadDemoOnFirstRun(demo: DemoDataService): Promise<void> {
  const result = await demo.loadIfEmpty();
  if (!result) return;
  new Logger('Maillage').log(
    `Demo data loaded in ${result.milliseconds} ms: ${result.partners} partners, ` +
      `${result.meetings} meetings, ${result.projects} projects`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
