import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSignInScans1796600000200 implements MigrationInterface {
  name = 'AddSignInScans1796600000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_scans" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "file_name" character varying(200) NOT NULL, "kind" character varying(10) NOT NULL, "size_bytes" integer NOT NULL, "content" bytea NOT NULL, "uploaded_by_user_id" integer, "uploaded_by_name" character varying(200) NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fd01cdaecef8f881b8b892dbe9b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sign_in_scans_meeting" ON "sign_in_scans" ("meeting_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "sign_in_scans" ADD CONSTRAINT "FK_3042c687c4be297afdb3bf5b5d9" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "sign_in_scans" DROP CONSTRAINT "FK_3042c687c4be297afdb3bf5b5d9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_sign_in_scans_meeting"`);
    await queryRunner.query(`DROP TABLE "sign_in_scans"`);
  }
}
