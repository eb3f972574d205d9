import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated, then folded by hand: the table is created with its foreign key at once. */
export class AddSignInScans1796600000200 implements MigrationInterface {
  name = 'AddSignInScans1796600000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_scans" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "file_name" varchar(200) NOT NULL, "kind" varchar(10) NOT NULL, "size_bytes" integer NOT NULL, "content" blob NOT NULL, "uploaded_by_user_id" integer, "uploaded_by_name" varchar(200) NOT NULL, "uploaded_at" datetime NOT NULL, CONSTRAINT "FK_3042c687c4be297afdb3bf5b5d9" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_sign_in_scans_meeting" ON "sign_in_scans" ("meeting_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_sign_in_scans_meeting"`);
    await queryRunner.query(`DROP TABLE "sign_in_scans"`);
  }
}
