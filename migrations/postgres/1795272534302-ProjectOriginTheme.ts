import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectOriginTheme1795272534302 implements MigrationInterface {
  name = 'ProjectOriginTheme1795272534302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "origin_theme_id" integer`);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_theme" ON "projects" ("origin_theme_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_54b670bbe87b13b4df9b9bdc7f7" FOREIGN KEY ("origin_theme_id") REFERENCES "themes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_54b670bbe87b13b4df9b9bdc7f7"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_projects_origin_theme"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "origin_theme_id"`);
  }
}
