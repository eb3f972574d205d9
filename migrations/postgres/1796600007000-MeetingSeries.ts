import { MigrationInterface, QueryRunner } from 'typeorm';

/** Meeting series (docs/meeting-series.md): the rule's table, and each occurrence's series and day. */
export class MeetingSeries1796600007000 implements MigrationInterface {
  name = 'MeetingSeries1796600007000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "meeting_series" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "frequency" character varying(20) NOT NULL, "interval" integer NOT NULL DEFAULT '1', "weekdays" character varying(30) NOT NULL, "nth" integer, "start_time" character varying(5) NOT NULL, "duration_minutes" integer NOT NULL, "time_zone" character varying(64) NOT NULL, "first_day" character varying(10) NOT NULL, "last_day" character varying(10) NOT NULL, "instance_count" integer NOT NULL, "skipped_days" text NOT NULL DEFAULT '', "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4eca052972681e25409955b1774" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "meetings" ADD "series_id" integer`);
    await queryRunner.query(`ALTER TABLE "meetings" ADD "occurrence_date" character varying(10)`);
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD "occurrence_moved" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_series" ON "meetings" ("series_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_series"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "occurrence_moved"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "occurrence_date"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "series_id"`);
    await queryRunner.query(`DROP TABLE "meeting_series"`);
  }
}
