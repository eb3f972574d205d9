import { MigrationInterface, QueryRunner } from 'typeorm';

export class PortalLinks1795281421464 implements MigrationInterface {
  name = 'PortalLinks1795281421464';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "portal_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "used_at" datetime, "revoked_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_portal_links_token" ON "portal_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portal_links_contact" ON "portal_links" ("contact_id", "revoked_at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_portal_links_token"`);
    await queryRunner.query(`DROP INDEX "ix_portal_links_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_portal_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "used_at" datetime, "revoked_at" datetime, CONSTRAINT "FK_6295988356ce0c85b8fcdb0ce84" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_portal_links"("id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "used_at", "revoked_at") SELECT "id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "used_at", "revoked_at" FROM "portal_links"`,
    );
    await queryRunner.query(`DROP TABLE "portal_links"`);
    await queryRunner.query(`ALTER TABLE "temporary_portal_links" RENAME TO "portal_links"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_portal_links_token" ON "portal_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_portal_links_contact" ON "portal_links" ("contact_id", "revoked_at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_portal_links_contact"`);
    await queryRunner.query(`DROP INDEX "uq_portal_links_token"`);
    await queryRunner.query(`ALTER TABLE "portal_links" RENAME TO "temporary_portal_links"`);
    await queryRunner.query(
      `CREATE TABLE "portal_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "used_at" datetime, "revoked_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "portal_links"("id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "used_at", "revoked_at") SELECT "id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "used_at", "revoked_at" FROM "temporary_portal_links"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_portal_links"`);
    await queryRunner.query(
      `CREATE INDEX "ix_portal_links_contact" ON "portal_links" ("contact_id", "revoked_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_portal_links_token" ON "portal_links" ("token_hash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_portal_links_contact"`);
    await queryRunner.query(`DROP INDEX "uq_portal_links_token"`);
    await queryRunner.query(`DROP TABLE "portal_links"`);
  }
}
