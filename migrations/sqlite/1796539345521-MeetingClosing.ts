import { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingClosing1796539345521 implements MigrationInterface {
  name = 'MeetingClosing1796539345521';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_meetings_status_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "venue_name" varchar(200), "venue_address" varchar(300), "latitude" real, "longitude" real, "online_url" varchar(500), "status" varchar(20) NOT NULL DEFAULT ('planned'), "cancel_reason" text, "cancelled_at" datetime, "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "closed_by_user_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_meetings"("id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at") SELECT "id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at" FROM "meetings"`,
    );
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`ALTER TABLE "temporary_meetings" RENAME TO "meetings"`);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
    await queryRunner.query(`DROP INDEX "ix_meetings_status_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "venue_name" varchar(200), "venue_address" varchar(300), "latitude" real, "longitude" real, "online_url" varchar(500), "status" varchar(20) NOT NULL DEFAULT ('planned'), "cancel_reason" text, "cancelled_at" datetime, "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "closed_by_user_id" integer, CONSTRAINT "FK_1b006195d4b8bf71e2d8ad661ec" FOREIGN KEY ("closed_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_meetings"("id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at", "closed_at", "closed_by_user_id") SELECT "id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at", "closed_at", "closed_by_user_id" FROM "meetings"`,
    );
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`ALTER TABLE "temporary_meetings" RENAME TO "meetings"`);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_status_starts_at"`);
    await queryRunner.query(`ALTER TABLE "meetings" RENAME TO "temporary_meetings"`);
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "venue_name" varchar(200), "venue_address" varchar(300), "latitude" real, "longitude" real, "online_url" varchar(500), "status" varchar(20) NOT NULL DEFAULT ('planned'), "cancel_reason" text, "cancelled_at" datetime, "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "closed_at" datetime, "closed_by_user_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "meetings"("id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at", "closed_at", "closed_by_user_id") SELECT "id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at", "closed_at", "closed_by_user_id" FROM "temporary_meetings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_meetings"`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_status_starts_at"`);
    await queryRunner.query(`ALTER TABLE "meetings" RENAME TO "temporary_meetings"`);
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "venue_name" varchar(200), "venue_address" varchar(300), "latitude" real, "longitude" real, "online_url" varchar(500), "status" varchar(20) NOT NULL DEFAULT ('planned'), "cancel_reason" text, "cancelled_at" datetime, "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "meetings"("id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at") SELECT "id", "title", "kind", "description", "starts_at", "ends_at", "venue_name", "venue_address", "latitude", "longitude", "online_url", "status", "cancel_reason", "cancelled_at", "sequence", "created_at", "updated_at" FROM "temporary_meetings"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_meetings"`);
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
  }
}
