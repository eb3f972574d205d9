import { MigrationInterface, QueryRunner } from 'typeorm';

export class MinutesReview1796600008000 implements MigrationInterface {
  name = 'MinutesReview1796600008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes_review_proposals" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "paragraph" integer NOT NULL, "kind" varchar(10) NOT NULL, "body" text NOT NULL, "status" varchar(10) NOT NULL, "reason" varchar(300), "created_at" datetime NOT NULL, "decided_at" datetime, "decided_by_user_id" integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_contact" ON "minutes_review_proposals" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_round" ON "minutes_review_proposals" ("round_id", "paragraph") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_readers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "opened_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_readers_contact" ON "minutes_review_readers" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_review_readers_round_contact" ON "minutes_review_readers" ("round_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_rounds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "status" varchar(10) NOT NULL, "deadline" datetime NOT NULL, "deadline_day" varchar(10) NOT NULL, "paragraphs" text NOT NULL, "opened_at" datetime NOT NULL, "opened_by_user_id" integer, "closed_at" datetime, "reminder_sent_at" datetime, "published_version" integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_rounds_meeting" ON "minutes_review_rounds" ("meeting_id", "status") `,
    );
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_contact"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_round"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_minutes_review_proposals" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "paragraph" integer NOT NULL, "kind" varchar(10) NOT NULL, "body" text NOT NULL, "status" varchar(10) NOT NULL, "reason" varchar(300), "created_at" datetime NOT NULL, "decided_at" datetime, "decided_by_user_id" integer, CONSTRAINT "FK_ef75c68e8cebaaf8c2f498b9bea" FOREIGN KEY ("round_id") REFERENCES "minutes_review_rounds" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_becb23773c49e811bd077459d48" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_minutes_review_proposals"("id", "round_id", "contact_id", "paragraph", "kind", "body", "status", "reason", "created_at", "decided_at", "decided_by_user_id") SELECT "id", "round_id", "contact_id", "paragraph", "kind", "body", "status", "reason", "created_at", "decided_at", "decided_by_user_id" FROM "minutes_review_proposals"`,
    );
    await queryRunner.query(`DROP TABLE "minutes_review_proposals"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_minutes_review_proposals" RENAME TO "minutes_review_proposals"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_contact" ON "minutes_review_proposals" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_round" ON "minutes_review_proposals" ("round_id", "paragraph") `,
    );
    await queryRunner.query(`DROP INDEX "ix_minutes_review_readers_contact"`);
    await queryRunner.query(`DROP INDEX "uq_minutes_review_readers_round_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_minutes_review_readers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "opened_at" datetime, CONSTRAINT "FK_499c8fa1058fd6f4cb1e2cd8775" FOREIGN KEY ("round_id") REFERENCES "minutes_review_rounds" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1a4b5438c4de9b88c3f8f638412" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_minutes_review_readers"("id", "round_id", "contact_id", "opened_at") SELECT "id", "round_id", "contact_id", "opened_at" FROM "minutes_review_readers"`,
    );
    await queryRunner.query(`DROP TABLE "minutes_review_readers"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_minutes_review_readers" RENAME TO "minutes_review_readers"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_readers_contact" ON "minutes_review_readers" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_review_readers_round_contact" ON "minutes_review_readers" ("round_id", "contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_minutes_review_rounds_meeting"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_minutes_review_rounds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "status" varchar(10) NOT NULL, "deadline" datetime NOT NULL, "deadline_day" varchar(10) NOT NULL, "paragraphs" text NOT NULL, "opened_at" datetime NOT NULL, "opened_by_user_id" integer, "closed_at" datetime, "reminder_sent_at" datetime, "published_version" integer, CONSTRAINT "FK_61834562a5a5743a5f1d4f0af13" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_08324051fdd03f26ed7255042c5" FOREIGN KEY ("opened_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_minutes_review_rounds"("id", "meeting_id", "status", "deadline", "deadline_day", "paragraphs", "opened_at", "opened_by_user_id", "closed_at", "reminder_sent_at", "published_version") SELECT "id", "meeting_id", "status", "deadline", "deadline_day", "paragraphs", "opened_at", "opened_by_user_id", "closed_at", "reminder_sent_at", "published_version" FROM "minutes_review_rounds"`,
    );
    await queryRunner.query(`DROP TABLE "minutes_review_rounds"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_minutes_review_rounds" RENAME TO "minutes_review_rounds"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_rounds_meeting" ON "minutes_review_rounds" ("meeting_id", "status") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_minutes_review_rounds_meeting"`);
    await queryRunner.query(
      `ALTER TABLE "minutes_review_rounds" RENAME TO "temporary_minutes_review_rounds"`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_rounds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "status" varchar(10) NOT NULL, "deadline" datetime NOT NULL, "deadline_day" varchar(10) NOT NULL, "paragraphs" text NOT NULL, "opened_at" datetime NOT NULL, "opened_by_user_id" integer, "closed_at" datetime, "reminder_sent_at" datetime, "published_version" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "minutes_review_rounds"("id", "meeting_id", "status", "deadline", "deadline_day", "paragraphs", "opened_at", "opened_by_user_id", "closed_at", "reminder_sent_at", "published_version") SELECT "id", "meeting_id", "status", "deadline", "deadline_day", "paragraphs", "opened_at", "opened_by_user_id", "closed_at", "reminder_sent_at", "published_version" FROM "temporary_minutes_review_rounds"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_minutes_review_rounds"`);
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_rounds_meeting" ON "minutes_review_rounds" ("meeting_id", "status") `,
    );
    await queryRunner.query(`DROP INDEX "uq_minutes_review_readers_round_contact"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_readers_contact"`);
    await queryRunner.query(
      `ALTER TABLE "minutes_review_readers" RENAME TO "temporary_minutes_review_readers"`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_readers" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "opened_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "minutes_review_readers"("id", "round_id", "contact_id", "opened_at") SELECT "id", "round_id", "contact_id", "opened_at" FROM "temporary_minutes_review_readers"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_minutes_review_readers"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_review_readers_round_contact" ON "minutes_review_readers" ("round_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_readers_contact" ON "minutes_review_readers" ("contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_round"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_contact"`);
    await queryRunner.query(
      `ALTER TABLE "minutes_review_proposals" RENAME TO "temporary_minutes_review_proposals"`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_review_proposals" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "round_id" integer NOT NULL, "contact_id" integer NOT NULL, "paragraph" integer NOT NULL, "kind" varchar(10) NOT NULL, "body" text NOT NULL, "status" varchar(10) NOT NULL, "reason" varchar(300), "created_at" datetime NOT NULL, "decided_at" datetime, "decided_by_user_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "minutes_review_proposals"("id", "round_id", "contact_id", "paragraph", "kind", "body", "status", "reason", "created_at", "decided_at", "decided_by_user_id") SELECT "id", "round_id", "contact_id", "paragraph", "kind", "body", "status", "reason", "created_at", "decided_at", "decided_by_user_id" FROM "temporary_minutes_review_proposals"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_minutes_review_proposals"`);
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_round" ON "minutes_review_proposals" ("round_id", "paragraph") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_review_proposals_contact" ON "minutes_review_proposals" ("contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_minutes_review_rounds_meeting"`);
    await queryRunner.query(`DROP TABLE "minutes_review_rounds"`);
    await queryRunner.query(`DROP INDEX "uq_minutes_review_readers_round_contact"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_readers_contact"`);
    await queryRunner.query(`DROP TABLE "minutes_review_readers"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_round"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_review_proposals_contact"`);
    await queryRunner.query(`DROP TABLE "minutes_review_proposals"`);
  }
}
