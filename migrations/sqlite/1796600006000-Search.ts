import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfill, reindex, SEARCH_SOURCES, watchedColumns } from '../shared/search-entries';

/**
 * Hand-written (migration:generate cannot express it): the staff search box (docs/search.md).
 * `search_entries` holds one row per record found by search (kind, record id, title, text), and
 * `search_entries_fts` indexes its title and text (FTS5, external content, `unicode61` with
 * `remove_diacritics 2`: case and accents ignored). Triggers on the owners' tables
 * (migrations/shared/search-entries.ts) rewrite a record's entry after every write; triggers on
 * `search_entries` keep the FTS index in step. A later migration that rebuilds one of those
 * tables (SQLite alters columns that way) drops its triggers: it must recreate them.
 */
export class Search1796600006000 implements MigrationInterface {
  name = 'Search1796600006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "search_entries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, ` +
        `"kind" varchar(20) NOT NULL, "record_id" integer NOT NULL, "parent_id" integer, ` +
        `"archived" integer NOT NULL DEFAULT (0), "title" text NOT NULL, "body" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_search_entries_record" ON "search_entries" ("kind", "record_id")`,
    );
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "search_entries_fts" USING fts5(title, body, ` +
        `content='search_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_entries_fts_insert" AFTER INSERT ON "search_entries" BEGIN
        INSERT INTO "search_entries_fts" (rowid, title, body) VALUES (new."id", new."title", new."body");
      END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_entries_fts_delete" AFTER DELETE ON "search_entries" BEGIN
        INSERT INTO "search_entries_fts" ("search_entries_fts", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
      END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_entries_fts_update" AFTER UPDATE ON "search_entries" BEGIN
        INSERT INTO "search_entries_fts" ("search_entries_fts", rowid, title, body) VALUES ('delete', old."id", old."title", old."body");
        INSERT INTO "search_entries_fts" (rowid, title, body) VALUES (new."id", new."title", new."body");
      END`,
    );
    for (const source of SEARCH_SOURCES) {
      const t = source.table;
      const body = (statements: string[]) => statements.map((s) => `${s};`).join('\n');
      await queryRunner.query(
        `CREATE TRIGGER "search_${t}_insert" AFTER INSERT ON "${t}" BEGIN
          ${body(reindex(source, 'new'))}
        END`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "search_${t}_update" AFTER UPDATE OF ${watchedColumns(source)} ON "${t}" BEGIN
          ${body([...reindex(source, 'old').slice(0, 1), ...reindex(source, 'new')])}
        END`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "search_${t}_delete" AFTER DELETE ON "${t}" BEGIN
          ${body(reindex(source, 'old'))}
        END`,
      );
      await queryRunner.query(backfill(source));
    }
    await queryRunner.query(
      `INSERT INTO "search_entries_fts" ("search_entries_fts") VALUES ('optimize')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const source of [...SEARCH_SOURCES].reverse()) {
      for (const operation of ['delete', 'update', 'insert'])
        await queryRunner.query(`DROP TRIGGER IF EXISTS "search_${source.table}_${operation}"`);
    }
    for (const operation of ['update', 'delete', 'insert'])
      await queryRunner.query(`DROP TRIGGER IF EXISTS "search_entries_fts_${operation}"`);
    await queryRunner.query(`DROP TABLE "search_entries_fts"`);
    await queryRunner.query(`DROP INDEX "uq_search_entries_record"`);
    await queryRunner.query(`DROP TABLE "search_entries"`);
  }
}
