import { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingClosing1796539347665 implements MigrationInterface {
  name = 'MeetingClosing1796539347665';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meetings" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "meetings" ADD "closed_by_user_id" integer`);
    await queryRunner.query(
      `ALTER TABLE "meetings" ADD CONSTRAINT "FK_1b006195d4b8bf71e2d8ad661ec" FOREIGN KEY ("closed_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "meetings" DROP CONSTRAINT "FK_1b006195d4b8bf71e2d8ad661ec"`,
    );
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "closed_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "meetings" DROP COLUMN "closed_at"`);
  }
}
