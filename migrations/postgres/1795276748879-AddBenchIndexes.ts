import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddBenchIndexes1795276748879 implements MigrationInterface {
  name = 'AddBenchIndexes1795276748879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_date" ON "follow_ups" ("date") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_at" ON "follow_ups" ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_date"`);
  }
}
