import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * scheduled_passes: one claim per job and period (PeriodicPasses). On PostgreSQL this migration
 * also creates rate_limits, the shared throttling counters; SQLite (one process) keeps them in
 * memory.
 */
export class ClusterCoordination1796600004000 implements MigrationInterface {
  name = 'ClusterCoordination1796600004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_passes" ("job" varchar(60) NOT NULL, "period" varchar(40) NOT NULL, "claimed_by" varchar(120) NOT NULL, "claimed_at" datetime NOT NULL, "finished_at" datetime, PRIMARY KEY ("job", "period"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduled_passes"`);
  }
}
