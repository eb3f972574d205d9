import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several instances on one database: scheduled_passes (one claim per job and period, see
 * PeriodicPasses) and rate_limits, the shared throttling counters (rate-limiter-flexible's
 * PostgreSQL store, told the table exists; its columns are the ones it reads and writes, the key
 * being the counter's name and an HMAC of the email or address, never either in clear). rate_limits has no entity: SQLite keeps its
 * counters in memory, so it is PostgreSQL only.
 */
export class ClusterCoordination1796600004000 implements MigrationInterface {
  name = 'ClusterCoordination1796600004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "scheduled_passes" ("job" character varying(60) NOT NULL, "period" character varying(40) NOT NULL, "claimed_by" character varying(120) NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_scheduled_passes" PRIMARY KEY ("job", "period"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "rate_limits" ("key" text NOT NULL, "points" integer NOT NULL DEFAULT 0, "expire" bigint, CONSTRAINT "PK_rate_limits" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_rate_limits_expire" ON "rate_limits" ("expire")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
    await queryRunner.query(`DROP TABLE "scheduled_passes"`);
  }
}
