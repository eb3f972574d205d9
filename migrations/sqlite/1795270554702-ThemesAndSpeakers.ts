import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThemesAndSpeakers1795270554702 implements MigrationInterface {
  name = 'ThemesAndSpeakers1795270554702';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "speakers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(160) NOT NULL, "name_key" varchar(160) NOT NULL, "organisation_partner_id" integer, "organisation_name" varchar(200), "tags" text NOT NULL, "email" varchar(254), "phone" varchar(40), "website" varchar(300), "fee_cents" integer NOT NULL DEFAULT (0), "address" varchar(300), "latitude" real, "longitude" real, "travel_cents_per_km" integer, "notes" text, "last_spoke_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_speakers_name_key" ON "speakers" ("name_key") `);
    await queryRunner.query(
      `CREATE INDEX "ix_speakers_organisation_partner" ON "speakers" ("organisation_partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "speaker_themes" ("speaker_id" integer NOT NULL, "theme_id" integer NOT NULL, PRIMARY KEY ("speaker_id", "theme_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_speaker_themes_theme" ON "speaker_themes" ("theme_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "themes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "tags" text NOT NULL, "status" varchar(20) NOT NULL, "proposed_by_partner_id" integer, "proposed_by_user_id" integer, "interest_count" integer NOT NULL DEFAULT (0), "last_presented_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_proposed_by_partner" ON "themes" ("proposed_by_partner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_last_presented" ON "themes" ("status", "last_presented_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_interest" ON "themes" ("status", "interest_count") `,
    );
    await queryRunner.query(
      `CREATE TABLE "theme_interests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theme_id" integer NOT NULL, "partner_id" integer NOT NULL, "recorded_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_theme_interests_partner" ON "theme_interests" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_theme_interests_theme_partner" ON "theme_interests" ("theme_id", "partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_speakers_name_key"`);
    await queryRunner.query(`DROP INDEX "ix_speakers_organisation_partner"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_speakers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(160) NOT NULL, "name_key" varchar(160) NOT NULL, "organisation_partner_id" integer, "organisation_name" varchar(200), "tags" text NOT NULL, "email" varchar(254), "phone" varchar(40), "website" varchar(300), "fee_cents" integer NOT NULL DEFAULT (0), "address" varchar(300), "latitude" real, "longitude" real, "travel_cents_per_km" integer, "notes" text, "last_spoke_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_88ebc3fb1ecefea233be163dac1" FOREIGN KEY ("organisation_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_speakers"("id", "name", "name_key", "organisation_partner_id", "organisation_name", "tags", "email", "phone", "website", "fee_cents", "address", "latitude", "longitude", "travel_cents_per_km", "notes", "last_spoke_at", "archived_at", "created_at", "updated_at") SELECT "id", "name", "name_key", "organisation_partner_id", "organisation_name", "tags", "email", "phone", "website", "fee_cents", "address", "latitude", "longitude", "travel_cents_per_km", "notes", "last_spoke_at", "archived_at", "created_at", "updated_at" FROM "speakers"`,
    );
    await queryRunner.query(`DROP TABLE "speakers"`);
    await queryRunner.query(`ALTER TABLE "temporary_speakers" RENAME TO "speakers"`);
    await queryRunner.query(`CREATE INDEX "ix_speakers_name_key" ON "speakers" ("name_key") `);
    await queryRunner.query(
      `CREATE INDEX "ix_speakers_organisation_partner" ON "speakers" ("organisation_partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_speaker_themes_theme"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_speaker_themes" ("speaker_id" integer NOT NULL, "theme_id" integer NOT NULL, CONSTRAINT "FK_ce93938a2ec62c3846442c40903" FOREIGN KEY ("speaker_id") REFERENCES "speakers" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_50c772d47966b9ea25e4f7ee2ae" FOREIGN KEY ("theme_id") REFERENCES "themes" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("speaker_id", "theme_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_speaker_themes"("speaker_id", "theme_id") SELECT "speaker_id", "theme_id" FROM "speaker_themes"`,
    );
    await queryRunner.query(`DROP TABLE "speaker_themes"`);
    await queryRunner.query(`ALTER TABLE "temporary_speaker_themes" RENAME TO "speaker_themes"`);
    await queryRunner.query(
      `CREATE INDEX "ix_speaker_themes_theme" ON "speaker_themes" ("theme_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_themes_proposed_by_partner"`);
    await queryRunner.query(`DROP INDEX "ix_themes_status_last_presented"`);
    await queryRunner.query(`DROP INDEX "ix_themes_status_interest"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_themes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "tags" text NOT NULL, "status" varchar(20) NOT NULL, "proposed_by_partner_id" integer, "proposed_by_user_id" integer, "interest_count" integer NOT NULL DEFAULT (0), "last_presented_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_85dbe0733f0a4c13f04f9ea60cd" FOREIGN KEY ("proposed_by_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_288b453698bea39d20401c1a305" FOREIGN KEY ("proposed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_themes"("id", "title", "description", "tags", "status", "proposed_by_partner_id", "proposed_by_user_id", "interest_count", "last_presented_at", "archived_at", "created_at", "updated_at") SELECT "id", "title", "description", "tags", "status", "proposed_by_partner_id", "proposed_by_user_id", "interest_count", "last_presented_at", "archived_at", "created_at", "updated_at" FROM "themes"`,
    );
    await queryRunner.query(`DROP TABLE "themes"`);
    await queryRunner.query(`ALTER TABLE "temporary_themes" RENAME TO "themes"`);
    await queryRunner.query(
      `CREATE INDEX "ix_themes_proposed_by_partner" ON "themes" ("proposed_by_partner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_last_presented" ON "themes" ("status", "last_presented_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_interest" ON "themes" ("status", "interest_count") `,
    );
    await queryRunner.query(`DROP INDEX "ix_theme_interests_partner"`);
    await queryRunner.query(`DROP INDEX "uq_theme_interests_theme_partner"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_theme_interests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theme_id" integer NOT NULL, "partner_id" integer NOT NULL, "recorded_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_e916d1cf02541856b07e5d42eaf" FOREIGN KEY ("theme_id") REFERENCES "themes" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_be96de52a18c187d3bf42f1617f" FOREIGN KEY ("partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_theme_interests"("id", "theme_id", "partner_id", "recorded_by_user_id", "created_at") SELECT "id", "theme_id", "partner_id", "recorded_by_user_id", "created_at" FROM "theme_interests"`,
    );
    await queryRunner.query(`DROP TABLE "theme_interests"`);
    await queryRunner.query(`ALTER TABLE "temporary_theme_interests" RENAME TO "theme_interests"`);
    await queryRunner.query(
      `CREATE INDEX "ix_theme_interests_partner" ON "theme_interests" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_theme_interests_theme_partner" ON "theme_interests" ("theme_id", "partner_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_theme_interests_theme_partner"`);
    await queryRunner.query(`DROP INDEX "ix_theme_interests_partner"`);
    await queryRunner.query(`ALTER TABLE "theme_interests" RENAME TO "temporary_theme_interests"`);
    await queryRunner.query(
      `CREATE TABLE "theme_interests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "theme_id" integer NOT NULL, "partner_id" integer NOT NULL, "recorded_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "theme_interests"("id", "theme_id", "partner_id", "recorded_by_user_id", "created_at") SELECT "id", "theme_id", "partner_id", "recorded_by_user_id", "created_at" FROM "temporary_theme_interests"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_theme_interests"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_theme_interests_theme_partner" ON "theme_interests" ("theme_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_theme_interests_partner" ON "theme_interests" ("partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_themes_status_interest"`);
    await queryRunner.query(`DROP INDEX "ix_themes_status_last_presented"`);
    await queryRunner.query(`DROP INDEX "ix_themes_proposed_by_partner"`);
    await queryRunner.query(`ALTER TABLE "themes" RENAME TO "temporary_themes"`);
    await queryRunner.query(
      `CREATE TABLE "themes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "tags" text NOT NULL, "status" varchar(20) NOT NULL, "proposed_by_partner_id" integer, "proposed_by_user_id" integer, "interest_count" integer NOT NULL DEFAULT (0), "last_presented_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "themes"("id", "title", "description", "tags", "status", "proposed_by_partner_id", "proposed_by_user_id", "interest_count", "last_presented_at", "archived_at", "created_at", "updated_at") SELECT "id", "title", "description", "tags", "status", "proposed_by_partner_id", "proposed_by_user_id", "interest_count", "last_presented_at", "archived_at", "created_at", "updated_at" FROM "temporary_themes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_themes"`);
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_interest" ON "themes" ("status", "interest_count") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_last_presented" ON "themes" ("status", "last_presented_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_proposed_by_partner" ON "themes" ("proposed_by_partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_speaker_themes_theme"`);
    await queryRunner.query(`ALTER TABLE "speaker_themes" RENAME TO "temporary_speaker_themes"`);
    await queryRunner.query(
      `CREATE TABLE "speaker_themes" ("speaker_id" integer NOT NULL, "theme_id" integer NOT NULL, PRIMARY KEY ("speaker_id", "theme_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "speaker_themes"("speaker_id", "theme_id") SELECT "speaker_id", "theme_id" FROM "temporary_speaker_themes"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_speaker_themes"`);
    await queryRunner.query(
      `CREATE INDEX "ix_speaker_themes_theme" ON "speaker_themes" ("theme_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_speakers_organisation_partner"`);
    await queryRunner.query(`DROP INDEX "ix_speakers_name_key"`);
    await queryRunner.query(`ALTER TABLE "speakers" RENAME TO "temporary_speakers"`);
    await queryRunner.query(
      `CREATE TABLE "speakers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(160) NOT NULL, "name_key" varchar(160) NOT NULL, "organisation_partner_id" integer, "organisation_name" varchar(200), "tags" text NOT NULL, "email" varchar(254), "phone" varchar(40), "website" varchar(300), "fee_cents" integer NOT NULL DEFAULT (0), "address" varchar(300), "latitude" real, "longitude" real, "travel_cents_per_km" integer, "notes" text, "last_spoke_at" datetime, "archived_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "speakers"("id", "name", "name_key", "organisation_partner_id", "organisation_name", "tags", "email", "phone", "website", "fee_cents", "address", "latitude", "longitude", "travel_cents_per_km", "notes", "last_spoke_at", "archived_at", "created_at", "updated_at") SELECT "id", "name", "name_key", "organisation_partner_id", "organisation_name", "tags", "email", "phone", "website", "fee_cents", "address", "latitude", "longitude", "travel_cents_per_km", "notes", "last_spoke_at", "archived_at", "created_at", "updated_at" FROM "temporary_speakers"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_speakers"`);
    await queryRunner.query(
      `CREATE INDEX "ix_speakers_organisation_partner" ON "speakers" ("organisation_partner_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_speakers_name_key" ON "speakers" ("name_key") `);
    await queryRunner.query(`DROP INDEX "uq_theme_interests_theme_partner"`);
    await queryRunner.query(`DROP INDEX "ix_theme_interests_partner"`);
    await queryRunner.query(`DROP TABLE "theme_interests"`);
    await queryRunner.query(`DROP INDEX "ix_themes_status_interest"`);
    await queryRunner.query(`DROP INDEX "ix_themes_status_last_presented"`);
    await queryRunner.query(`DROP INDEX "ix_themes_proposed_by_partner"`);
    await queryRunner.query(`DROP TABLE "themes"`);
    await queryRunner.query(`DROP INDEX "ix_speaker_themes_theme"`);
    await queryRunner.query(`DROP TABLE "speaker_themes"`);
    await queryRunner.query(`DROP INDEX "ix_speakers_organisation_partner"`);
    await queryRunner.query(`DROP INDEX "ix_speakers_name_key"`);
    await queryRunner.query(`DROP TABLE "speakers"`);
  }
}
