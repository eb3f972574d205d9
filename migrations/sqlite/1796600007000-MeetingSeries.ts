import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meeting series (docs/meeting-series.md). Written by hand: the generated version rebuilt
 * `meetings`, which would drop its search triggers; ADD COLUMN / DROP COLUMN leave them in place.
 */
export class MeetingSeries1796600007000 implements MigrationInterface {
  name = 'MeetingSeries1796600007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting_series" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "frequency" varchar(20) NOT NULL, "interval" integer NOT NULL DEFAULT (1), "weekdays" varchar(30) NOT NULL, "nth" integer, "start_time" varchar(5) NOT NULL, "duration_minutes" integer NOT NULL, "time_zone" varchar(64) NOT NULL, "first_day" varchar(10) NOT NULL, "last_day" varchar(10) NOT NULL, "instance_count" integer NOT NULL, "skipped_days" text NOT NULL DEFAULT (''), "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`ALTER TABLE "meetings" ADD COLUMN "series_id" integer`);
    await queryRunner.query(`ALTER TABLE "meetings" ADD COLUMN "occurrence_date" varchar(10)`);
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD COLUMN "occurrence_moved" boolean NOT NULL DEFAULT (0)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_series" ON "meetings" ("series_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_meetings_series"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "occurrence_moved"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "occurrence_date"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "series_id"`);
    await queryRunner.query(`DROP TABLE "meeting_series"`);
  }
}
