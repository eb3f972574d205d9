import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the "due soon" window is now 14 days or half the cadence, whichever is
 * shorter (src/projects/follow-up-state.ts); recompute the stored moment of tracked projects.
 * Down restores the old window (14 days, never before the period's start).
 */
export class DueSoonWindow1796000000000 implements MigrationInterface {
  name = 'DueSoonWindow1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "projects"
          SET "due_soon_at" = "due_at" - LEAST(interval '14 days', "cadence_days" * interval '12 hours')
        WHERE "due_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "projects"
          SET "due_soon_at" = GREATEST("follow_up_since", "due_at" - interval '14 days')
        WHERE "due_at" IS NOT NULL`,
    );
  }
}
