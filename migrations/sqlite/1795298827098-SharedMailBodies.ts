import { MigrationInterface, QueryRunner } from 'typeorm';

export class SharedMailBodies1795298827098 implements MigrationInterface {
  name = 'SharedMailBodies1795298827098';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_bodies" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "created_at" datetime NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_body" ON "mail_outbox" ("body_id") `);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer, CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_body" ON "mail_outbox" ("body_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_body" ON "mail_outbox" ("body_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_outbox_key" ON "mail_outbox" ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_contact" ON "mail_outbox" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_group" ON "mail_outbox" ("group_ref", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_due" ON "mail_outbox" ("status", "next_attempt_at") `,
    );
    await queryRunner.query(`DROP TABLE "mail_bodies"`);
  }
}
