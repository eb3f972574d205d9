import { MigrationInterface, QueryRunner } from 'typeorm';

export class DashboardCoveringIndexes1795291260560 implements MigrationInterface {
  name = 'DashboardCoveringIndexes1795291260560';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_projects_snoozed_until" ON "projects" ("snoozed_until") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_follow_up" ON "projects" ("due_at", "due_soon_at", "stale_at", "snoozed_until", "last_follow_up_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_projects_follow_up"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_snoozed_until"`);
  }
}
