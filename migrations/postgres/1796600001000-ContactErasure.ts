import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a contact was erased (RGPD article 17): the row stays, anonymised, for the counts. */
export class ContactErasure1796600001000 implements MigrationInterface {
  name = 'ContactErasure1796600001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "erased_at"`);
  }
}
