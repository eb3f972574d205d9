import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddMeetings1795270414309 implements MigrationInterface {
  name = 'AddMeetings1795270414309';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "revoked_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_calendar_feeds_partner" ON "calendar_feeds" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_calendar_feeds_token_hash" ON "calendar_feeds" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "partner_id" integer NOT NULL, "invited" boolean NOT NULL DEFAULT (1), "token_hash" varchar(64), "token_issued_at" datetime, "answer" varchar(20), "answered_at" datetime, "answer_note" text, "attendance" varchar(20), "attendance_recorded_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
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
      `CREATE TABLE "invitation_attendees" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "invitation_id" integer NOT NULL, "phase" varchar(20) NOT NULL, "contact_id" integer, "full_name" varchar(160) NOT NULL, "replaces_contact_id" integer, "replaces_name" varchar(160))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_attendees_contact" ON "invitation_attendees" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_attendees_contact" ON "invitation_attendees" ("invitation_id", "phase", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "meetings" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "description" text, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "venue_name" varchar(200), "venue_address" varchar(300), "latitude" real, "longitude" real, "online_url" varchar(500), "status" varchar(20) NOT NULL DEFAULT ('planned'), "cancel_reason" text, "cancelled_at" datetime, "sequence" integer NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_meetings_starts_at" ON "meetings" ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_meetings_status_starts_at" ON "meetings" ("status", "starts_at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at" FROM "agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`ALTER TABLE "temporary_agenda_items" RENAME TO "agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(`DROP INDEX "ix_calendar_feeds_partner"`);
    await queryRunner.query(`DROP INDEX "uq_calendar_feeds_token_hash"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_calendar_feeds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "revoked_at" datetime, CONSTRAINT "FK_1d186f645c4b327a73c028e602b" FOREIGN KEY ("partner_id") REFERENCES "partners" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_calendar_feeds"("id", "partner_id", "token_hash", "created_at", "revoked_at") SELECT "id", "partner_id", "token_hash", "created_at", "revoked_at" FROM "calendar_feeds"`,
    );
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`ALTER TABLE "temporary_calendar_feeds" RENAME TO "calendar_feeds"`);
    await queryRunner.query(
      `CREATE INDEX "ix_calendar_feeds_partner" ON "calendar_feeds" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_calendar_feeds_token_hash" ON "calendar_feeds" ("token_hash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_invitations_partner"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_meeting_partner"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "partner_id" integer NOT NULL, "invited" boolean NOT NULL DEFAULT (1), "token_hash" varchar(64), "token_issued_at" datetime, "answer" varchar(20), "answered_at" datetime, "answer_note" text, "attendance" varchar(20), "attendance_recorded_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_2c4cbf98ef6326511b130726b3f" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0d44bfa8fe7b2db62a68eadb422" FOREIGN KEY ("partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invitations"("id", "meeting_id", "partner_id", "invited", "token_hash", "token_issued_at", "answer", "answered_at", "answer_note", "attendance", "attendance_recorded_at", "created_at", "updated_at") SELECT "id", "meeting_id", "partner_id", "invited", "token_hash", "token_issued_at", "answer", "answered_at", "answer_note", "attendance", "attendance_recorded_at", "created_at", "updated_at" FROM "invitations"`,
    );
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`ALTER TABLE "temporary_invitations" RENAME TO "invitations"`);
    await queryRunner.query(
      `CREATE INDEX "ix_invitations_partner" ON "invitations" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_meeting_partner" ON "invitations" ("meeting_id", "partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_invitation_attendees_contact"`);
    await queryRunner.query(`DROP INDEX "uq_invitation_attendees_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_invitation_attendees" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "invitation_id" integer NOT NULL, "phase" varchar(20) NOT NULL, "contact_id" integer, "full_name" varchar(160) NOT NULL, "replaces_contact_id" integer, "replaces_name" varchar(160), CONSTRAINT "FK_affb7138f71a53bc781c0f1cb85" FOREIGN KEY ("invitation_id") REFERENCES "invitations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d8ebd7cc0780c6b63b64a50a882" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_3361edc7d9e7281df9ce467a754" FOREIGN KEY ("replaces_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_invitation_attendees"("id", "invitation_id", "phase", "contact_id", "full_name", "replaces_contact_id", "replaces_name") SELECT "id", "invitation_id", "phase", "contact_id", "full_name", "replaces_contact_id", "replaces_name" FROM "invitation_attendees"`,
    );
    await queryRunner.query(`DROP TABLE "invitation_attendees"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_invitation_attendees" RENAME TO "invitation_attendees"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_attendees_contact" ON "invitation_attendees" ("contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_attendees_contact" ON "invitation_attendees" ("invitation_id", "phase", "contact_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_invitation_attendees_contact"`);
    await queryRunner.query(`DROP INDEX "ix_invitation_attendees_contact"`);
    await queryRunner.query(
      `ALTER TABLE "invitation_attendees" RENAME TO "temporary_invitation_attendees"`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation_attendees" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "invitation_id" integer NOT NULL, "phase" varchar(20) NOT NULL, "contact_id" integer, "full_name" varchar(160) NOT NULL, "replaces_contact_id" integer, "replaces_name" varchar(160))`,
    );
    await queryRunner.query(
      `INSERT INTO "invitation_attendees"("id", "invitation_id", "phase", "contact_id", "full_name", "replaces_contact_id", "replaces_name") SELECT "id", "invitation_id", "phase", "contact_id", "full_name", "replaces_contact_id", "replaces_name" FROM "temporary_invitation_attendees"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invitation_attendees"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitation_attendees_contact" ON "invitation_attendees" ("invitation_id", "phase", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitation_attendees_contact" ON "invitation_attendees" ("contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "uq_invitations_meeting_partner"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_invitations_partner"`);
    await queryRunner.query(`ALTER TABLE "invitations" RENAME TO "temporary_invitations"`);
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "partner_id" integer NOT NULL, "invited" boolean NOT NULL DEFAULT (1), "token_hash" varchar(64), "token_issued_at" datetime, "answer" varchar(20), "answered_at" datetime, "answer_note" text, "attendance" varchar(20), "attendance_recorded_at" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "invitations"("id", "meeting_id", "partner_id", "invited", "token_hash", "token_issued_at", "answer", "answered_at", "answer_note", "attendance", "attendance_recorded_at", "created_at", "updated_at") SELECT "id", "meeting_id", "partner_id", "invited", "token_hash", "token_issued_at", "answer", "answered_at", "answer_note", "attendance", "attendance_recorded_at", "created_at", "updated_at" FROM "temporary_invitations"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_invitations"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_meeting_partner" ON "invitations" ("meeting_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_invitations_token_hash" ON "invitations" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_invitations_partner" ON "invitations" ("partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "uq_calendar_feeds_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_calendar_feeds_partner"`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" RENAME TO "temporary_calendar_feeds"`);
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "partner_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "revoked_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "calendar_feeds"("id", "partner_id", "token_hash", "created_at", "revoked_at") SELECT "id", "partner_id", "token_hash", "created_at", "revoked_at" FROM "temporary_calendar_feeds"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_calendar_feeds"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_calendar_feeds_token_hash" ON "calendar_feeds" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_calendar_feeds_partner" ON "calendar_feeds" ("partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" RENAME TO "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at" FROM "temporary_agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_meetings_status_starts_at"`);
    await queryRunner.query(`DROP INDEX "ix_meetings_starts_at"`);
    await queryRunner.query(`DROP TABLE "meetings"`);
    await queryRunner.query(`DROP INDEX "uq_invitation_attendees_contact"`);
    await queryRunner.query(`DROP INDEX "ix_invitation_attendees_contact"`);
    await queryRunner.query(`DROP TABLE "invitation_attendees"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_meeting_partner"`);
    await queryRunner.query(`DROP INDEX "uq_invitations_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_invitations_partner"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP INDEX "uq_calendar_feeds_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_calendar_feeds_partner"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
  }
}
