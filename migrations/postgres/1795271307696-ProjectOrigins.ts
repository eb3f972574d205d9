import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectOrigins1795271307696 implements MigrationInterface {
  name = 'ProjectOrigins1795271307696';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "origin_meeting_id" integer`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "origin_agenda_item_id" integer`);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_meeting" ON "projects" ("origin_meeting_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_agenda_item" ON "projects" ("origin_agenda_item_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_24b5b4735e4f04166381e0f4836" FOREIGN KEY ("origin_meeting_id") REFERENCES "meetings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_1cd7a6bcd238fb3384890f2f242" FOREIGN KEY ("origin_agenda_item_id") REFERENCES "agenda_items"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_1cd7a6bcd238fb3384890f2f242"`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_24b5b4735e4f04166381e0f4836"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_projects_origin_agenda_item"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_origin_meeting"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "origin_agenda_item_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "origin_meeting_id"`);
  }
}
