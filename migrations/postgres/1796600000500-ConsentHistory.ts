import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every opt-in and opt-out of a contact, kept (RGPD article 7); today's consents start it. */
export class ConsentHistory1796600000500 implements MigrationInterface {
  name = 'ConsentHistory1796600000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "consent_events" ("id" SERIAL NOT NULL, "contact_id" integer NOT NULL, "topic" character varying(20) NOT NULL, "granted" boolean NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "source" character varying(120) NOT NULL, "recorded_by" character varying(160) NOT NULL, "recorded_by_user_id" integer, CONSTRAINT "PK_40ecc066035b8a4e5a6dcdfb46e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_consent_events_contact" ON "consent_events" ("contact_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_events" ADD CONSTRAINT "FK_8315d2b7252134101f78c4081af" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The consent each contact holds today starts its history (its date and source were kept).
    await queryRunner.query(
      `INSERT INTO "consent_events" ("contact_id", "topic", "granted", "at", "source", "recorded_by", "recorded_by_user_id") SELECT "id", 'newsletter', "newsletter_consent", "newsletter_consent_at", COALESCE("newsletter_consent_source", 'inconnue'), 'reprise de l''historique', NULL FROM "contacts" WHERE "newsletter_consent_at" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "consent_events" DROP CONSTRAINT "FK_8315d2b7252134101f78c4081af"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_consent_events_contact"`);
    await queryRunner.query(`DROP TABLE "consent_events"`);
  }
}
