import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every opt-in and opt-out of a contact, kept (RGPD article 7); today's consents start it. */
export class ConsentHistory1796600000500 implements MigrationInterface {
  name = 'ConsentHistory1796600000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consent_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "topic" varchar(20) NOT NULL, "granted" boolean NOT NULL, "at" datetime NOT NULL, "source" varchar(120) NOT NULL, "recorded_by" varchar(160) NOT NULL, "recorded_by_user_id" integer)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consent_events_contact" ON "consent_events" ("contact_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_consent_events_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_consent_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "topic" varchar(20) NOT NULL, "granted" boolean NOT NULL, "at" datetime NOT NULL, "source" varchar(120) NOT NULL, "recorded_by" varchar(160) NOT NULL, "recorded_by_user_id" integer, CONSTRAINT "FK_8315d2b7252134101f78c4081af" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_consent_events"("id", "contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id") SELECT "id", "contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id" FROM "consent_events"`,
    );
    await queryRunner.query(`DROP TABLE "consent_events"`);
    await queryRunner.query(`ALTER TABLE "temporary_consent_events" RENAME TO "consent_events"`);
    await queryRunner.query(
      `CREATE INDEX "ix_consent_events_contact" ON "consent_events" ("contact_id", "at") `,
    );
    // The consent each contact holds today starts its history (its date and source were kept).
    await queryRunner.query(
      `INSERT INTO "consent_events" ("contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id") SELECT "id", 'newsletter', "newsletter_consent", "newsletter_consent_at", COALESCE("newsletter_consent_source", 'inconnue'), 'reprise de l''historique', NULL FROM "contacts" WHERE "newsletter_consent_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_consent_events_contact"`);
    await queryRunner.query(`ALTER TABLE "consent_events" RENAME TO "temporary_consent_events"`);
    await queryRunner.query(
      `CREATE TABLE "consent_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "contact_id" integer NOT NULL, "topic" varchar(20) NOT NULL, "granted" boolean NOT NULL, "at" datetime NOT NULL, "source" varchar(120) NOT NULL, "recorded_by" varchar(160) NOT NULL, "recorded_by_user_id" integer)`,
    );
    await queryRunner.query(
      `INSERT INTO "consent_events"("id", "contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id") SELECT "id", "contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id" FROM "temporary_consent_events"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_consent_events"`);
    await queryRunner.query(
      `CREATE INDEX "ix_consent_events_contact" ON "consent_events" ("contact_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_consent_events_contact"`);
    await queryRunner.query(`DROP TABLE "consent_events"`);
  }
}
