import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (migration:generate cannot express it): a trigram full-text index of the search
 * text of ACTIVE partners, so `?q=` finds and counts matches without reading every partner.
 * Contentless (it holds no text, only the index); triggers keep it in step with `partners`,
 * archive and restore included. A migration that rebuilds the `partners` table drops these
 * triggers: it must recreate them (the partner search tests fail otherwise).
 */
export class PartnerSearchIndex1795290883738 implements MigrationInterface {
  name = 'PartnerSearchIndex1795290883738';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "partners_search" USING fts5(search_text, content='', tokenize='trigram')`,
    );
    await queryRunner.query(
      `INSERT INTO "partners_search" (rowid, search_text) SELECT "id", "search_text" FROM "partners" WHERE "active"`,
    );
    // One merged segment: queries then read one doclist per trigram instead of dozens.
    await queryRunner.query(
      `INSERT INTO "partners_search" ("partners_search") VALUES ('optimize')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "partners_search_insert" AFTER INSERT ON "partners" WHEN new."active" BEGIN
        INSERT INTO "partners_search" (rowid, search_text) VALUES (new."id", new."search_text");
      END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "partners_search_delete" AFTER DELETE ON "partners" WHEN old."active" BEGIN
        INSERT INTO "partners_search" ("partners_search", rowid, search_text) VALUES ('delete', old."id", old."search_text");
      END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "partners_search_update" AFTER UPDATE OF "search_text", "active" ON "partners" BEGIN
        INSERT INTO "partners_search" ("partners_search", rowid, search_text) SELECT 'delete', old."id", old."search_text" WHERE old."active";
        INSERT INTO "partners_search" (rowid, search_text) SELECT new."id", new."search_text" WHERE new."active";
      END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "partners_search_update"`);
    await queryRunner.query(`DROP TRIGGER "partners_search_delete"`);
    await queryRunner.query(`DROP TRIGGER "partners_search_insert"`);
    await queryRunner.query(`DROP TABLE "partners_search"`);
  }
}
