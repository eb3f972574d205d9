import { MigrationInterface, QueryRunner } from 'typeorm';

/** Published minutes and newsletters get a visibility ("network" by default) and, once public, an unguessable link. */
export class DocumentVisibility1796600003000 implements MigrationInterface {
  name = 'DocumentVisibility1796600003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_minutes_versions_published_at"`);
    await queryRunner.query(`DROP INDEX "uq_minutes_versions_meeting_version"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_minutes_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "version" integer NOT NULL, "title" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "published_at" datetime NOT NULL, "published_by_user_id" integer, "snapshot" text, "visibility" varchar(10) NOT NULL DEFAULT ('network'), "public_token" varchar(64), CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_04473c0239299af817173dde1db" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_minutes_versions"("id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id", "snapshot") SELECT "id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id", "snapshot" FROM "minutes_versions"`,
    );
    await queryRunner.query(`DROP TABLE "minutes_versions"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_minutes_versions" RENAME TO "minutes_versions"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_versions_published_at" ON "minutes_versions" ("published_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_meeting_version" ON "minutes_versions" ("meeting_id", "version") `,
    );
    await queryRunner.query(`DROP INDEX "ix_newsletters_status_published_at"`);
    await queryRunner.query(`DROP INDEX "uq_newsletters_number"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_newsletters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "editorial" text, "sections" text NOT NULL, "status" varchar(20) NOT NULL DEFAULT ('draft'), "number" integer, "title" varchar(300), "html" text, "text" text, "web_html" text, "published_at" datetime, "published_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "visibility" varchar(10) NOT NULL DEFAULT ('network'), "public_token" varchar(64), CONSTRAINT "FK_71279715f5749059a0f5e0d4472" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_newsletters"("id", "period_from", "period_to", "editorial", "sections", "status", "number", "title", "html", "text", "web_html", "published_at", "published_by_user_id", "created_at", "updated_at") SELECT "id", "period_from", "period_to", "editorial", "sections", "status", "number", "title", "html", "text", "web_html", "published_at", "published_by_user_id", "created_at", "updated_at" FROM "newsletters"`,
    );
    await queryRunner.query(`DROP TABLE "newsletters"`);
    await queryRunner.query(`ALTER TABLE "temporary_newsletters" RENAME TO "newsletters"`);
    await queryRunner.query(
      `CREATE INDEX "ix_newsletters_status_published_at" ON "newsletters" ("status", "published_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_newsletters_number" ON "newsletters" ("number") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_public_token" ON "minutes_versions" ("public_token") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_newsletters_public_token" ON "newsletters" ("public_token") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_newsletters_public_token"`);
    await queryRunner.query(`DROP INDEX "uq_minutes_versions_public_token"`);
    await queryRunner.query(`DROP INDEX "uq_newsletters_number"`);
    await queryRunner.query(`DROP INDEX "ix_newsletters_status_published_at"`);
    await queryRunner.query(`ALTER TABLE "newsletters" RENAME TO "temporary_newsletters"`);
    await queryRunner.query(
      `CREATE TABLE "newsletters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "editorial" text, "sections" text NOT NULL, "status" varchar(20) NOT NULL DEFAULT ('draft'), "number" integer, "title" varchar(300), "html" text, "text" text, "web_html" text, "published_at" datetime, "published_by_user_id" integer, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_71279715f5749059a0f5e0d4472" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "newsletters"("id", "period_from", "period_to", "editorial", "sections", "status", "number", "title", "html", "text", "web_html", "published_at", "published_by_user_id", "created_at", "updated_at") SELECT "id", "period_from", "period_to", "editorial", "sections", "status", "number", "title", "html", "text", "web_html", "published_at", "published_by_user_id", "created_at", "updated_at" FROM "temporary_newsletters"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_newsletters"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_newsletters_number" ON "newsletters" ("number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_newsletters_status_published_at" ON "newsletters" ("status", "published_at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_minutes_versions_meeting_version"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_versions_published_at"`);
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" RENAME TO "temporary_minutes_versions"`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "version" integer NOT NULL, "title" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "published_at" datetime NOT NULL, "published_by_user_id" integer, "snapshot" text, CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_04473c0239299af817173dde1db" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "minutes_versions"("id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id", "snapshot") SELECT "id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id", "snapshot" FROM "temporary_minutes_versions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_minutes_versions"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_meeting_version" ON "minutes_versions" ("meeting_id", "version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_versions_published_at" ON "minutes_versions" ("published_at") `,
    );
  }
}
