import { MigrationInterface, QueryRunner } from 'typeorm';

export class NewsletterSectionIndexes1795282356445 implements MigrationInterface {
  name = 'NewsletterSectionIndexes1795282356445';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_date"`);
    await queryRunner.query(`CREATE INDEX "ix_partners_created_at" ON "partners" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_date_status" ON "follow_ups" ("date", "status_to") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_launched_at" ON "projects" ("launched_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_projects_launched_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_date_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partners_created_at"`);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_date" ON "follow_ups" ("date") `);
  }
}
