import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkAgendaThemesSpeakers1795270875220 implements MigrationInterface {
  name = 'LinkAgendaThemesSpeakers1795270875220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "theme_id" integer`);
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD "theme_presented_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "speaker_id" integer`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "speaker_fee_cents" integer`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "speaker_travel_cents" integer`);
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_theme" ON "agenda_items" ("theme_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_speaker" ON "agenda_items" ("speaker_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_574a943a8bcabfde347df737519" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_1c79c7e7edcbaa6d9ed31c7a832" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_1c79c7e7edcbaa6d9ed31c7a832"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_574a943a8bcabfde347df737519"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_speaker"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_theme"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "speaker_travel_cents"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "speaker_fee_cents"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "speaker_id"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "theme_presented_at"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "theme_id"`);
  }
}
