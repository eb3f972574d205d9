import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMailOutbox1795270478879 implements MigrationInterface {
  name = 'AddMailOutbox1795270478879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_outbox" ("id" SERIAL NOT NULL, "purpose" character varying(40) NOT NULL, "idempotency_key" character varying(300) NOT NULL, "recipient_email" character varying(254) NOT NULL, "recipient_name" character varying(200), "contact_id" integer, "subject" character varying(300) NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "attachments" text NOT NULL, "bulk" boolean NOT NULL DEFAULT false, "unsubscribe_url" character varying(500), "unsubscribe_mailto" character varying(500), "group_ref" character varying(80), "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claim_token" character varying(64), "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "transport" character varying(10), "message_id" character varying(200) NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`,
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
      `CREATE TABLE "unsubscribe_tokens" ("id" SERIAL NOT NULL, "token_hash" character varying(64) NOT NULL, "contact_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9622754f6a1b81e3f361abb6287" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_unsubscribe_tokens_hash" ON "unsubscribe_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_unsubscribe_tokens_contact" ON "unsubscribe_tokens" ("contact_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "unsubscribe_tokens" ADD CONSTRAINT "FK_80ac34e3f1b4b6c44c22a5a3503" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "unsubscribe_tokens" DROP CONSTRAINT "FK_80ac34e3f1b4b6c44c22a5a3503"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_unsubscribe_tokens_contact"`);
    await queryRunner.query(`DROP INDEX "public"."uq_unsubscribe_tokens_hash"`);
    await queryRunner.query(`DROP TABLE "unsubscribe_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_group"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_contact"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_outbox_key"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
