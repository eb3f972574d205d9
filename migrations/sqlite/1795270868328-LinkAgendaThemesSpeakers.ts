import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkAgendaThemesSpeakers1795270868328 implements MigrationInterface {
  name = 'LinkAgendaThemesSpeakers1795270868328';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "theme_id" integer, "theme_presented_at" datetime, "speaker_id" integer, "speaker_fee_cents" integer, "speaker_travel_cents" integer, CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at" FROM "agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`ALTER TABLE "temporary_agenda_items" RENAME TO "agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_theme" ON "agenda_items" ("theme_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_speaker" ON "agenda_items" ("speaker_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_theme"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_speaker"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "theme_id" integer, "theme_presented_at" datetime, "speaker_id" integer, "speaker_fee_cents" integer, "speaker_travel_cents" integer, CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_574a943a8bcabfde347df737519" FOREIGN KEY ("theme_id") REFERENCES "themes" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_1c79c7e7edcbaa6d9ed31c7a832" FOREIGN KEY ("speaker_id") REFERENCES "speakers" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at", "theme_id", "theme_presented_at", "speaker_id", "speaker_fee_cents", "speaker_travel_cents") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at", "theme_id", "theme_presented_at", "speaker_id", "speaker_fee_cents", "speaker_travel_cents" FROM "agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`ALTER TABLE "temporary_agenda_items" RENAME TO "agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_theme" ON "agenda_items" ("theme_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_speaker" ON "agenda_items" ("speaker_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_agenda_items_speaker"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_theme"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" RENAME TO "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "theme_id" integer, "theme_presented_at" datetime, "speaker_id" integer, "speaker_fee_cents" integer, "speaker_travel_cents" integer, CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at", "theme_id", "theme_presented_at", "speaker_id", "speaker_fee_cents", "speaker_travel_cents") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at", "theme_id", "theme_presented_at", "speaker_id", "speaker_fee_cents", "speaker_travel_cents" FROM "temporary_agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_speaker" ON "agenda_items" ("speaker_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_agenda_items_theme" ON "agenda_items" ("theme_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
    await queryRunner.query(`DROP INDEX "ix_agenda_items_speaker"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_theme"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_presenter_contact"`);
    await queryRunner.query(`DROP INDEX "ix_agenda_items_meeting_position"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" RENAME TO "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "meeting_id" integer NOT NULL, "position" integer NOT NULL, "title" varchar(200) NOT NULL, "kind" varchar(30) NOT NULL, "presenter_contact_id" integer, "planned_minutes" integer, "summary" text, "decisions" text, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_e7a30878122f5416d4c2ea72f42" FOREIGN KEY ("presenter_contact_id") REFERENCES "contacts" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_c58f166b8bff4fd19c5353cd310" FOREIGN KEY ("meeting_id") REFERENCES "meetings" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "agenda_items"("id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at") SELECT "id", "meeting_id", "position", "title", "kind", "presenter_contact_id", "planned_minutes", "summary", "decisions", "created_at", "updated_at" FROM "temporary_agenda_items"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_agenda_items"`);
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_presenter_contact" ON "agenda_items" ("presenter_contact_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_agenda_items_meeting_position" ON "agenda_items" ("meeting_id", "position") `,
    );
  }
}
