import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMailOutbox1795270477525 implements MigrationInterface {
  name = 'AddMailOutbox1795270477525';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "purpose" varchar(40) NOT NULL, "idempotency_key" varchar(300) NOT NULL, "recipient_email" varchar(254) NOT NULL, "recipient_name" varchar(200), "contact_id" integer, "subject" varchar(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT (0), "unsubscribe_url" varchar(500), "unsubscribe_mailto" varchar(500), "group_ref" varchar(80), "status" varchar(16) NOT NULL DEFAULT ('pending'), "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "claim_token" varchar(64), "claimed_at" datetime, "sent_at" datetime, "transport" varchar(10), "message_id" varchar(200) NOT NULL, "last_error" text, "created_at" datetime NOT NULL)`,
    );
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
      `CREATE TABLE "unsubscribe_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "contact_id" integer NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_unsubscribe_tokens_hash" ON "unsubscribe_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unsubscribe_tokens_contact" ON "unsubscribe_tokens" ("contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "uq_unsubscribe_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "ix_unsubscribe_tokens_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_unsubscribe_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "contact_id" integer NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime, CONSTRAINT "FK_80ac34e3f1b4b6c44c22a5a3503" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_unsubscribe_tokens"("id", "token_hash", "contact_id", "created_at", "last_used_at") SELECT "id", "token_hash", "contact_id", "created_at", "last_used_at" FROM "unsubscribe_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "unsubscribe_tokens"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_unsubscribe_tokens" RENAME TO "unsubscribe_tokens"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_unsubscribe_tokens_hash" ON "unsubscribe_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unsubscribe_tokens_contact" ON "unsubscribe_tokens" ("contact_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_unsubscribe_tokens_contact"`);
    await queryRunner.query(`DROP INDEX "uq_unsubscribe_tokens_hash"`);
    await queryRunner.query(
      `ALTER TABLE "unsubscribe_tokens" RENAME TO "temporary_unsubscribe_tokens"`,
    );
    await queryRunner.query(
      `CREATE TABLE "unsubscribe_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "contact_id" integer NOT NULL, "created_at" datetime NOT NULL, "last_used_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "unsubscribe_tokens"("id", "token_hash", "contact_id", "created_at", "last_used_at") SELECT "id", "token_hash", "contact_id", "created_at", "last_used_at" FROM "temporary_unsubscribe_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_unsubscribe_tokens"`);
    await queryRunner.query(
      `CREATE INDEX "ix_unsubscribe_tokens_contact" ON "unsubscribe_tokens" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_unsubscribe_tokens_hash" ON "unsubscribe_tokens" ("token_hash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_unsubscribe_tokens_contact"`);
    await queryRunner.query(`DROP INDEX "uq_unsubscribe_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "unsubscribe_tokens"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "uq_mail_outbox_key"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
