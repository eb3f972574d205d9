import { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalLinks1795281422920 implements MigrationInterface {
  name = 'PortalLinks1795281422920';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portal_links" ("id" SERIAL NOT NULL, "contact_id" integer NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by_user_id" integer, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bb82b3e588a5030649b3dc95b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_portal_links_token" ON "portal_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portal_links_contact" ON "portal_links" ("contact_id", "revoked_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "portal_links" ADD CONSTRAINT "FK_6295988356ce0c85b8fcdb0ce84" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "portal_links" DROP CONSTRAINT "FK_6295988356ce0c85b8fcdb0ce84"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_portal_links_contact"`);
    await queryRunner.query(`DROP INDEX "public"."uq_portal_links_token"`);
    await queryRunner.query(`DROP TABLE "portal_links"`);
  }
}
