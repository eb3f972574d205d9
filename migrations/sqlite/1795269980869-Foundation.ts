import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795269980869 implements MigrationInterface {
  name = 'Foundation1795269980869';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "entity_type" varchar(40) NOT NULL, "entity_id" varchar(40) NOT NULL, "action" varchar(20) NOT NULL, "actor_user_id" integer, "actor_label" varchar(160) NOT NULL, "at" datetime NOT NULL, "changes" text NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entity" ON "audit_entries" ("entity_type", "entity_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(254) NOT NULL, "email_key" varchar(254) NOT NULL, "display_name" varchar(120) NOT NULL, "password_hash" varchar(255) NOT NULL, "role" varchar(20) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_sign_in_at" datetime)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email_key" ON "users" ("email_key") `);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_user" ON "api_tokens" ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("sid" varchar(64) PRIMARY KEY NOT NULL, "data" text NOT NULL, "expires_at" datetime NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_expires_at" ON "sessions" ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "full_name" varchar(160) NOT NULL, "job_title" varchar(160), "email" varchar(254), "email_key" varchar(254), "phone" varchar(40), "newsletter_consent" boolean NOT NULL DEFAULT (0), "newsletter_consent_at" datetime, "newsletter_consent_source" varchar(120), "receives_minutes" boolean NOT NULL DEFAULT (1), "notes" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contacts_partner" ON "contacts" ("partner_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contacts_email_key" ON "contacts" ("email_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "partners" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "name_key" varchar(200) NOT NULL, "short_name" varchar(60), "kind" varchar(40) NOT NULL, "description" text, "services" text, "territory" varchar(120), "address" varchar(300), "postcode" varchar(20), "latitude" real, "longitude" real, "website" varchar(300), "email" varchar(254), "phone" varchar(40), "active" boolean NOT NULL DEFAULT (1), "archived_at" datetime, "search_text" text NOT NULL DEFAULT (''), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partners_name_key" ON "partners" ("name_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_partners_territory" ON "partners" ("territory") `);
    await queryRunner.query(
      `CREATE INDEX "ix_partners_kind_active" ON "partners" ("kind", "active") `,
    );
    await queryRunner.query(`DROP INDEX "ix_api_tokens_user"`);
    await queryRunner.query(`DROP INDEX "uq_api_tokens_hash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_api_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_api_tokens"("id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at") SELECT "id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at" FROM "api_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`ALTER TABLE "temporary_api_tokens" RENAME TO "api_tokens"`);
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_user" ON "api_tokens" ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens" ("token_hash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_contacts_partner"`);
    await queryRunner.query(`DROP INDEX "uq_contacts_email_key"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_contacts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "full_name" varchar(160) NOT NULL, "job_title" varchar(160), "email" varchar(254), "email_key" varchar(254), "phone" varchar(40), "newsletter_consent" boolean NOT NULL DEFAULT (0), "newsletter_consent_at" datetime, "newsletter_consent_source" varchar(120), "receives_minutes" boolean NOT NULL DEFAULT (1), "notes" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_16d8f1efc223fd0bd477c9de2c3" FOREIGN KEY ("partner_id") REFERENCES "partners" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_contacts"("id", "partner_id", "full_name", "job_title", "email", "email_key", "phone", "newsletter_consent", "newsletter_consent_at", "newsletter_consent_source", "receives_minutes", "notes", "created_at", "updated_at") SELECT "id", "partner_id", "full_name", "job_title", "email", "email_key", "phone", "newsletter_consent", "newsletter_consent_at", "newsletter_consent_source", "receives_minutes", "notes", "created_at", "updated_at" FROM "contacts"`,
    );
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`ALTER TABLE "temporary_contacts" RENAME TO "contacts"`);
    await queryRunner.query(`CREATE INDEX "ix_contacts_partner" ON "contacts" ("partner_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contacts_email_key" ON "contacts" ("email_key") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_contacts_email_key"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_partner"`);
    await queryRunner.query(`ALTER TABLE "contacts" RENAME TO "temporary_contacts"`);
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "full_name" varchar(160) NOT NULL, "job_title" varchar(160), "email" varchar(254), "email_key" varchar(254), "phone" varchar(40), "newsletter_consent" boolean NOT NULL DEFAULT (0), "newsletter_consent_at" datetime, "newsletter_consent_source" varchar(120), "receives_minutes" boolean NOT NULL DEFAULT (1), "notes" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "contacts"("id", "partner_id", "full_name", "job_title", "email", "email_key", "phone", "newsletter_consent", "newsletter_consent_at", "newsletter_consent_source", "receives_minutes", "notes", "created_at", "updated_at") SELECT "id", "partner_id", "full_name", "job_title", "email", "email_key", "phone", "newsletter_consent", "newsletter_consent_at", "newsletter_consent_source", "receives_minutes", "notes", "created_at", "updated_at" FROM "temporary_contacts"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_contacts"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contacts_email_key" ON "contacts" ("email_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_contacts_partner" ON "contacts" ("partner_id") `);
    await queryRunner.query(`DROP INDEX "uq_api_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "ix_api_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "api_tokens" RENAME TO "temporary_api_tokens"`);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "name" varchar(100) NOT NULL, "token_hash" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "last_used_at" datetime, "revoked_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "api_tokens"("id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at") SELECT "id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_at", "revoked_at" FROM "temporary_api_tokens"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_api_tokens"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens" ("token_hash") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_user" ON "api_tokens" ("user_id") `);
    await queryRunner.query(`DROP INDEX "ix_partners_kind_active"`);
    await queryRunner.query(`DROP INDEX "ix_partners_territory"`);
    await queryRunner.query(`DROP INDEX "uq_partners_name_key"`);
    await queryRunner.query(`DROP TABLE "partners"`);
    await queryRunner.query(`DROP INDEX "uq_contacts_email_key"`);
    await queryRunner.query(`DROP INDEX "ix_contacts_partner"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "ix_sessions_expires_at"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "uq_api_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "ix_api_tokens_user"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "uq_users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "ix_audit_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
