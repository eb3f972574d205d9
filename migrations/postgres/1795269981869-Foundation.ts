import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795269981869 implements MigrationInterface {
  name = 'Foundation1795269981869';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" SERIAL NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(40) NOT NULL, "action" character varying(20) NOT NULL, "actor_user_id" integer, "actor_label" character varying(160) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "changes" text NOT NULL, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entity" ON "audit_entries" ("entity_type", "entity_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" character varying(254) NOT NULL, "email_key" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "password_hash" character varying(255) NOT NULL, "role" character varying(20) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_sign_in_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email_key" ON "users" ("email_key") `);
    await queryRunner.query(
      `CREATE TABLE "api_tokens" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_tokens_user" ON "api_tokens" ("user_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_api_tokens_hash" ON "api_tokens" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "sessions" ("sid" character varying(64) NOT NULL, "data" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e2d6172ca19b8ebef797c362b05" PRIMARY KEY ("sid"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sessions_expires_at" ON "sessions" ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" SERIAL NOT NULL, "partner_id" integer NOT NULL, "full_name" character varying(160) NOT NULL, "job_title" character varying(160), "email" character varying(254), "email_key" character varying(254), "phone" character varying(40), "newsletter_consent" boolean NOT NULL DEFAULT false, "newsletter_consent_at" TIMESTAMP WITH TIME ZONE, "newsletter_consent_source" character varying(120), "receives_minutes" boolean NOT NULL DEFAULT true, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contacts_partner" ON "contacts" ("partner_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contacts_email_key" ON "contacts" ("email_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "partners" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "name_key" character varying(200) NOT NULL, "short_name" character varying(60), "kind" character varying(40) NOT NULL, "description" text, "services" text, "territory" character varying(120), "address" character varying(300), "postcode" character varying(20), "latitude" double precision, "longitude" double precision, "website" character varying(300), "email" character varying(254), "phone" character varying(40), "active" boolean NOT NULL DEFAULT true, "archived_at" TIMESTAMP WITH TIME ZONE, "search_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_998645b20820e4ab99aeae03b41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_partners_name_key" ON "partners" ("name_key") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_partners_territory" ON "partners" ("territory") `);
    await queryRunner.query(
      `CREATE INDEX "ix_partners_kind_active" ON "partners" ("kind", "active") `,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_16d8f1efc223fd0bd477c9de2c3" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "contacts" DROP CONSTRAINT "FK_16d8f1efc223fd0bd477c9de2c3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_partners_kind_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partners_territory"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partners_name_key"`);
    await queryRunner.query(`DROP TABLE "partners"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contacts_email_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contacts_partner"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sessions_expires_at"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_tokens_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_tokens_user"`);
    await queryRunner.query(`DROP TABLE "api_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entity"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
