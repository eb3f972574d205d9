import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot } from '../config/project-root';

function quote(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

/** A migration's name: a class name in PascalCase (the CLI refuses others). */
export function isMigrationName(name: string | undefined): name is string {
  return name !== undefined && /^[A-Z][A-Za-z0-9]+$/.test(name);
}

/**
 * Writes migrations/<engine>/<timestamp>-<Name>.ts with the SQL TypeORM needs to bring the
 * migrated schema to the entities. Run once per engine (npm run migration:generate -- Name,
 * through the root CLI, which checks the name).
 */
export async function generateMigration(app: INestApplicationContext, name: string): Promise<void> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const engine = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log(`[${engine}] entities and migrations agree: nothing to generate`);
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const down = sql.downQueries
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)});`)
    .join('\n');
  const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const dir = join(projectRoot(), 'migrations', engine);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${timestamp}-${name}.ts`);
  writeFileSync(file, source);
  console.log(`[${engine}] wrote ${file}`);
}
