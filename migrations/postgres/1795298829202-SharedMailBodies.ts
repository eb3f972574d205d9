import { MigrationInterface, QueryRunner } from 'typeorm';

export class SharedMailBodies1795298829202 implements MigrationInterface {
  name = 'SharedMailBodies1795298829202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_bodies" ("id" SERIAL NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7449a40a39a07693495f5c792be" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "body_id" integer`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ALTER COLUMN "html" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ALTER COLUMN "text" DROP NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_mail_outbox_body" ON "mail_outbox" ("body_id") `);
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" ADD CONSTRAINT "FK_4c44744f1fc31a415bc337f0785" FOREIGN KEY ("body_id") REFERENCES "mail_bodies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "mail_outbox" DROP CONSTRAINT "FK_4c44744f1fc31a415bc337f0785"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_mail_outbox_body"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ALTER COLUMN "text" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ALTER COLUMN "html" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "body_id"`);
    await queryRunner.query(`DROP TABLE "mail_bodies"`);
  }
}
