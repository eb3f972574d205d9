import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMeetings1795270415622 implements MigrationInterface {
  name = 'AddMeetings1795270415622';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" SERIAL NOT NULL, "partner_id" integer NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_calendar_feeds_partner" ON "calendar_feeds" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_calendar_feeds_token_hash" ON "calendar_feeds" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" SERIAL NOT NULL, "meeting_id" integer NOT NULL, "partner_id" integer NOT NULL, "invited" boolean NOT NULL DEFAULT true, "token_hash" character varying(64), "token_issued_at" TIMESTAMP WITH TIME ZONE, "answer" character varying(20), "answered_at" TIMESTAMP WITH TIME ZONE, "answer_note" text, "attendance" character varying(20), "attendance_recorded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitations_partner" ON "invitations" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_meeting_partner" ON "invitations" ("meeting_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation_attendees" ("id" SERIAL NOT NULL, "invitation_id" integer NOT NULL, "phase" character varying(20) NOT NULL, "contact_id" integer, "full_name" character varying(160) NOT NULL, "replaces_contact_id" integer, "replaces_name" character varying(160), CONSTRAINT "PK_99a97681383658acba0f8239551" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_attendees_contact" ON "invitation_attendees" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_attendees_contact" ON "invitation_attendees" ("invitation_id", "phase", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(30) NOT NULL, "description" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "venue_name" character varying(200), "venue_address" character varying(300), "latitude" double precision, "longitude" double precision, "online_url" character varying(500), "status" character varying(20) NOT NULL DEFAULT 'planned', "cancel_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "sequence" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aa73be861afa77eb4ed31f3ed57" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_1d186f645c4b327a73c028e602b" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_2c4cbf98ef6326511b130726b3f" FOREIGN KEY ("meeting_id") REFERENCES "meetings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_0d44bfa8fe7b2db62a68eadb422" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" ADD CONSTRAINT "FK_affb7138f71a53bc781c0f1cb85" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" ADD CONSTRAINT "FK_d8ebd7cc0780c6b63b64a50a882" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" ADD CONSTRAINT "FK_3361edc7d9e7281df9ce467a754" FOREIGN KEY ("replaces_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" DROP CONSTRAINT "FK_3361edc7d9e7281df9ce467a754"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" DROP CONSTRAINT "FK_d8ebd7cc0780c6b63b64a50a882"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" DROP CONSTRAINT "FK_affb7138f71a53bc781c0f1cb85"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "FK_0d44bfa8fe7b2db62a68eadb422"`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" DROP CONSTRAINT "FK_2c4cbf98ef6326511b130726b3f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_1d186f645c4b327a73c028e602b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_status_starts_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_meetings_starts_at"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitation_attendees_contact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitation_attendees_contact"`);
    await queryRunner.query(`DROP TABLE "invitation_attendees"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitations_meeting_partner"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invitations_partner"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_calendar_feeds_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_calendar_feeds_partner"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_meeting_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
  }
}
