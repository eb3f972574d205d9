import { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention review: a contact's "keep" decision; each contact's latest follow-up by index. */
export class RetentionReview1796600002000 implements MigrationInterface {
  name = 'RetentionReview1796600002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "contact_retention_reviews" ("contact_id" integer PRIMARY KEY NOT NULL, "kept_at" datetime NOT NULL, "kept_by" varchar(160) NOT NULL, "kept_by_user_id" integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_author_contact" ON "follow_ups" ("author_contact_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "temporary_contact_retention_reviews" ("contact_id" integer PRIMARY KEY NOT NULL, "kept_at" datetime NOT NULL, "kept_by" varchar(160) NOT NULL, "kept_by_user_id" integer, CONSTRAINT "FK_b5680d1b82213309635a80c9014" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contact_retention_reviews"("contact_id", "kept_at", "kept_by", "kept_by_user_id") SELECT "contact_id", "kept_at", "kept_by", "kept_by_user_id" FROM "contact_retention_reviews"`,
    );
    await queryRunner.query(`DROP TABLE "contact_retention_reviews"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_contact_retention_reviews" RENAME TO "contact_retention_reviews"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contact_retention_reviews" RENAME TO "temporary_contact_retention_reviews"`,
    );
    await queryRunner.query(
      `CREATE TABLE "contact_retention_reviews" ("contact_id" integer PRIMARY KEY NOT NULL, "kept_at" datetime NOT NULL, "kept_by" varchar(160) NOT NULL, "kept_by_user_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "contact_retention_reviews"("contact_id", "kept_at", "kept_by", "kept_by_user_id") SELECT "contact_id", "kept_at", "kept_by", "kept_by_user_id" FROM "temporary_contact_retention_reviews"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contact_retention_reviews"`);
    await queryRunner.query(`DROP INDEX "ix_follow_ups_author_contact"`);
    await queryRunner.query(`DROP TABLE "contact_retention_reviews"`);
  }
}
