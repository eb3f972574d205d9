import { MigrationInterface, QueryRunner } from 'typeorm';

/** Published minutes and newsletters get a visibility ("network" by default) and, once public, an unguessable link. */
export class DocumentVisibility1796600003000 implements MigrationInterface {
  name = 'DocumentVisibility1796600003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" ADD "visibility" character varying(10) NOT NULL DEFAULT 'network'`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_versions" ADD "public_token" character varying(64)`,
    );
    await queryRunner.query(
      `ALTER TABLE "newsletters" ADD "visibility" character varying(10) NOT NULL DEFAULT 'network'`,
    );
    await queryRunner.query(`ALTER TABLE "newsletters" ADD "public_token" character varying(64)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_minutes_versions_public_token" ON "minutes_versions" ("public_token") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_newsletters_public_token" ON "newsletters" ("public_token") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_newsletters_public_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_minutes_versions_public_token"`);
    await queryRunner.query(`ALTER TABLE "newsletters" DROP COLUMN "public_token"`);
    await queryRunner.query(`ALTER TABLE "newsletters" DROP COLUMN "visibility"`);
    await queryRunner.query(`ALTER TABLE "minutes_versions" DROP COLUMN "public_token"`);
    await queryRunner.query(`ALTER TABLE "minutes_versions" DROP COLUMN "visibility"`);
  }
}
