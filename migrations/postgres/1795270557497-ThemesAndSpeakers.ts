import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThemesAndSpeakers1795270557497 implements MigrationInterface {
  name = 'ThemesAndSpeakers1795270557497';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "speakers" ("id" SERIAL NOT NULL, "name" character varying(160) NOT NULL, "name_key" character varying(160) NOT NULL, "organisation_partner_id" integer, "organisation_name" character varying(200), "tags" text NOT NULL, "email" character varying(254), "phone" character varying(40), "website" character varying(300), "fee_cents" integer NOT NULL DEFAULT '0', "address" character varying(300), "latitude" double precision, "longitude" double precision, "travel_cents_per_km" integer, "notes" text, "last_spoke_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3818c94af77a0cf73403ecef14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_speakers_name_key" ON "speakers" ("name_key") `);
    await queryRunner.query(
      `CREATE INDEX "ix_speakers_organisation_partner" ON "speakers" ("organisation_partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "speaker_themes" ("speaker_id" integer NOT NULL, "theme_id" integer NOT NULL, CONSTRAINT "PK_60f353934779bad1a8bb91e051b" PRIMARY KEY ("speaker_id", "theme_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_speaker_themes_theme" ON "speaker_themes" ("theme_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "themes" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "description" text, "tags" text NOT NULL, "status" character varying(20) NOT NULL, "proposed_by_partner_id" integer, "proposed_by_user_id" integer, "interest_count" integer NOT NULL DEFAULT '0', "last_presented_at" TIMESTAMP WITH TIME ZONE, "archived_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ddbeaab913c18682e5c88155592" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_proposed_by_partner" ON "themes" ("proposed_by_partner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_last_presented" ON "themes" ("status", "last_presented_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_themes_status_interest" ON "themes" ("status", "interest_count") `,
    );
    await queryRunner.query(
      `CREATE TABLE "theme_interests" ("id" SERIAL NOT NULL, "theme_id" integer NOT NULL, "partner_id" integer NOT NULL, "recorded_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2b0a0492b8fb82919f6b48f70de" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_theme_interests_partner" ON "theme_interests" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_theme_interests_theme_partner" ON "theme_interests" ("theme_id", "partner_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "speakers" ADD CONSTRAINT "FK_88ebc3fb1ecefea233be163dac1" FOREIGN KEY ("organisation_partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_themes" ADD CONSTRAINT "FK_ce93938a2ec62c3846442c40903" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_themes" ADD CONSTRAINT "FK_50c772d47966b9ea25e4f7ee2ae" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "themes" ADD CONSTRAINT "FK_85dbe0733f0a4c13f04f9ea60cd" FOREIGN KEY ("proposed_by_partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "themes" ADD CONSTRAINT "FK_288b453698bea39d20401c1a305" FOREIGN KEY ("proposed_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_interests" ADD CONSTRAINT "FK_e916d1cf02541856b07e5d42eaf" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_interests" ADD CONSTRAINT "FK_be96de52a18c187d3bf42f1617f" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "theme_interests" DROP CONSTRAINT "FK_be96de52a18c187d3bf42f1617f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "theme_interests" DROP CONSTRAINT "FK_e916d1cf02541856b07e5d42eaf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "themes" DROP CONSTRAINT "FK_288b453698bea39d20401c1a305"`,
    );
    await queryRunner.query(
      `ALTER TABLE "themes" DROP CONSTRAINT "FK_85dbe0733f0a4c13f04f9ea60cd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_themes" DROP CONSTRAINT "FK_50c772d47966b9ea25e4f7ee2ae"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speaker_themes" DROP CONSTRAINT "FK_ce93938a2ec62c3846442c40903"`,
    );
    await queryRunner.query(
      `ALTER TABLE "speakers" DROP CONSTRAINT "FK_88ebc3fb1ecefea233be163dac1"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_theme_interests_theme_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_theme_interests_partner"`);
    await queryRunner.query(`DROP TABLE "theme_interests"`);
    await queryRunner.query(`DROP INDEX "public"."ix_themes_status_interest"`);
    await queryRunner.query(`DROP INDEX "public"."ix_themes_status_last_presented"`);
    await queryRunner.query(`DROP INDEX "public"."ix_themes_proposed_by_partner"`);
    await queryRunner.query(`DROP TABLE "themes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_speaker_themes_theme"`);
    await queryRunner.query(`DROP TABLE "speaker_themes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_speakers_organisation_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_speakers_name_key"`);
    await queryRunner.query(`DROP TABLE "speakers"`);
  }
}
