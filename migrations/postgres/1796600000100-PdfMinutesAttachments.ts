import { MigrationInterface, QueryRunner } from 'typeorm';

export class PdfMinutesAttachments1796600000100 implements MigrationInterface {
  name = 'PdfMinutesAttachments1796600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_attachments" ("id" SERIAL NOT NULL, "filename" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "content" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1b6ac15a94bd06175b552b539e4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "shared_attachment_id" integer`);
    await queryRunner.query(`ALTER TABLE "minutes_versions" ADD "snapshot" text`);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_outbox_shared_attachment" ON "mail_outbox" ("shared_attachment_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_c5278dadb5d8172e91681d42e74" FOREIGN KEY ("shared_attachment_id") REFERENCES "mail_attachments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_c5278dadb5d8172e91681d42e74"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_shared_attachment"`);
    await queryRunner.query(`ALTER TABLE "minutes_versions" DROP COLUMN "snapshot"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "shared_attachment_id"`);
    await queryRunner.query(`DROP TABLE "mail_attachments"`);
  }
}
