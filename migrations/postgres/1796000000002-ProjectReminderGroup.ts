import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: project reminders now carry the outbox group `project-reminder:<project id>`, by
 * which the project page lists them; reminders queued before get it from their key
 * (`project-reminder:<project id>:<period>:<contact id>`).
 */
export class ProjectReminderGroup1796000000002 implements MigrationInterface {
  name = 'ProjectReminderGroup1796000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "group_ref" = 'project-reminder:' || split_part("idempotency_key", ':', 2)
        WHERE "purpose" = 'project-reminder' AND "group_ref" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "mail_outbox" SET "group_ref" = NULL WHERE "purpose" = 'project-reminder'`,
    );
  }
}
