import { MigrationInterface, QueryRunner } from 'typeorm';

export class PdfMinutesAttachments1796600000100 implements MigrationInterface {
  name = 'PdfMinutesAttachments1796600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_attachments" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "filename" varchar(200) NOT NULL, "content_type" varchar(100) NOT NULL, "content" text NOT NULL, "created_at" datetime NOT NULL)`,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer, "shared_attachment_id" integer, CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
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
    await queryRunner.query(`DROP INDEX "uq_minutes_versions_meeting_version"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_versions_published_at"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_minutes_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "version" integer NOT NULL, "title" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "published_at" datetime NOT NULL, "published_by_user_id" integer, "snapshot" text, CONSTRAINT "FK_04473c0239299af817173dde1db" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_minutes_versions"("id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id") SELECT "id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id" FROM "minutes_versions"`,
    );
    await queryRunner.query(`DROP TABLE "minutes_versions"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_minutes_versions" RENAME TO "minutes_versions"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_meeting_version" ON "minutes_versions" ("meeting_id", "version") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_versions_published_at" ON "minutes_versions" ("published_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_shared_attachment" ON "mail_outbox" ("shared_attachment_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_shared_attachment"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer, "shared_attachment_id" integer, CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c5278dadb5d8172e91681d42e74" FOREIGN KEY ("shared_attachment_id") REFERENCES "mail_attachments" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id", "shared_attachment_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id", "shared_attachment_id" FROM "mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
    await queryRunner.query(`ALTER TABLE "temporary_mail_outbox" RENAME TO "mail_outbox"`);
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
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_shared_attachment" ON "mail_outbox" ("shared_attachment_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_shared_attachment"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer, "shared_attachment_id" integer, CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id", "shared_attachment_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id", "shared_attachment_id" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_shared_attachment" ON "mail_outbox" ("shared_attachment_id") `,
    );
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
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_shared_attachment"`);
    await queryRunner.query(`DROP INDEX "ix_minutes_versions_published_at"`);
    await queryRunner.query(`DROP INDEX "uq_minutes_versions_meeting_version"`);
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" RENAME TO "temporary_minutes_versions"`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "version" integer NOT NULL, "title" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "published_at" datetime NOT NULL, "published_by_user_id" integer, CONSTRAINT "FK_04473c0239299af817173dde1db" FOREIGN KEY ("published_by_user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_8c5dc1989238b9d020d19f94f58" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "minutes_versions"("id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id") SELECT "id", "meeting_id", "version", "title", "html", "text", "published_at", "published_by_user_id" FROM "temporary_minutes_versions"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_minutes_versions"`);
    await queryRunner.query(
      `CREATE INDEX "ix_minutes_versions_published_at" ON "minutes_versions" ("published_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_meeting_version" ON "minutes_versions" ("meeting_id", "version") `,
    );
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_body"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" RENAME TO "temporary_mail_outbox"`);
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text, "text" text, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL, "body_id" integer, CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "mail_outbox"("id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id") SELECT "id", "purpose", "idempotency_key", "recipient_email", "recipient_name", "contact_id", "subject", "html", "text", "attachments", "bulk", "unsubscribe_url", "unsubscribe_mailto", "group_ref", "status", "attempts", "next_attempt_at", "claim_token", "claimed_at", "sent_at", "transport", "message_id", "last_error", "created_at", "body_id" FROM "temporary_mail_outbox"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_mail_outbox"`);
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
    await queryRunner.query(`DROP TABLE "mail_attachments"`);
  }
}
