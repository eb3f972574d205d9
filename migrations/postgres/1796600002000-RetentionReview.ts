import { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention review: a contact's "keep" decision; each contact's latest follow-up by index. */
export class RetentionReview1796600002000 implements MigrationInterface {
  name = 'RetentionReview1796600002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contact_retention_reviews" ("contact_id" integer NOT NULL, "kept_at" TIMESTAMP WITH TIME ZONE NOT NULL, "kept_by" character varying(160) NOT NULL, "kept_by_user_id" integer, CONSTRAINT "PK_b5680d1b82213309635a80c9014" PRIMARY KEY ("contact_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_author_contact" ON "follow_ups" ("author_contact_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "contact_retention_reviews" ADD CONSTRAINT "FK_b5680d1b82213309635a80c9014" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact_retention_reviews" DROP CONSTRAINT "FK_b5680d1b82213309635a80c9014"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_author_contact"`);
    await queryRunner.query(`DROP TABLE "contact_retention_reviews"`);
  }
}
