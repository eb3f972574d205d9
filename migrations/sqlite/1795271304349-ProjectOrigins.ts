import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectOrigins1795271304349 implements MigrationInterface {
  name = 'ProjectOrigins1795271304349';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "origin_meeting_id" integer, "origin_agenda_item_id" integer, CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at" FROM "projects"`,
    );
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`ALTER TABLE "temporary_projects" RENAME TO "projects"`);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_lead_status" ON "projects" ("lead_partner_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_never" ON "projects" ("last_follow_up_at", "due_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_stale_at" ON "projects" ("stale_at") `);
    await queryRunner.query(`CREATE INDEX "ix_projects_due_at" ON "projects" ("due_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_due_soon_at" ON "projects" ("due_soon_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_status" ON "projects" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_meeting" ON "projects" ("origin_meeting_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_agenda_item" ON "projects" ("origin_agenda_item_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_origin_meeting"`);
    await queryRunner.query(`DROP INDEX "ix_projects_origin_agenda_item"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "origin_meeting_id" integer, "origin_agenda_item_id" integer, CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_24b5b4735e4f04166381e0f4836" FOREIGN KEY ("origin_meeting_id") REFERENCES "meetings" ("id") ON DELETE SET NULL ON UPDATE NO ACTION, CONSTRAINT "FK_1cd7a6bcd238fb3384890f2f242" FOREIGN KEY ("origin_agenda_item_id") REFERENCES "agenda_items" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at", "origin_meeting_id", "origin_agenda_item_id") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at", "origin_meeting_id", "origin_agenda_item_id" FROM "projects"`,
    );
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`ALTER TABLE "temporary_projects" RENAME TO "projects"`);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_lead_status" ON "projects" ("lead_partner_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_never" ON "projects" ("last_follow_up_at", "due_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_stale_at" ON "projects" ("stale_at") `);
    await queryRunner.query(`CREATE INDEX "ix_projects_due_at" ON "projects" ("due_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_due_soon_at" ON "projects" ("due_soon_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_status" ON "projects" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_meeting" ON "projects" ("origin_meeting_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_agenda_item" ON "projects" ("origin_agenda_item_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_projects_origin_agenda_item"`);
    await queryRunner.query(`DROP INDEX "ix_projects_origin_meeting"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`ALTER TABLE "projects" RENAME TO "temporary_projects"`);
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "origin_meeting_id" integer, "origin_agenda_item_id" integer, CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at", "origin_meeting_id", "origin_agenda_item_id") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at", "origin_meeting_id", "origin_agenda_item_id" FROM "temporary_projects"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_projects"`);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_agenda_item" ON "projects" ("origin_agenda_item_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_origin_meeting" ON "projects" ("origin_meeting_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_status" ON "projects" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_due_soon_at" ON "projects" ("due_soon_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_due_at" ON "projects" ("due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_projects_stale_at" ON "projects" ("stale_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_never" ON "projects" ("last_follow_up_at", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_lead_status" ON "projects" ("lead_partner_id", "status") `,
    );
    await queryRunner.query(`DROP INDEX "ix_projects_origin_agenda_item"`);
    await queryRunner.query(`DROP INDEX "ix_projects_origin_meeting"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`ALTER TABLE "projects" RENAME TO "temporary_projects"`);
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at" FROM "temporary_projects"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_projects"`);
    await queryRunner.query(`CREATE INDEX "ix_projects_status" ON "projects" ("status") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_due_soon_at" ON "projects" ("due_soon_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_projects_due_at" ON "projects" ("due_at") `);
    await queryRunner.query(`CREATE INDEX "ix_projects_stale_at" ON "projects" ("stale_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_projects_never" ON "projects" ("last_follow_up_at", "due_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_projects_lead_status" ON "projects" ("lead_partner_id", "status") `,
    );
  }
}
