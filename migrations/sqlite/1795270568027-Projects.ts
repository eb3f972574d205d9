import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795270568027 implements MigrationInterface {
  name = 'Projects1795270568027';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
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
    await queryRunner.query(
      `CREATE TABLE "project_participants" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "partner_id" integer NOT NULL, "role" varchar(160) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participants_partner" ON "project_participants" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_participants" ON "project_participants" ("project_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "date" date NOT NULL, "at" datetime NOT NULL, "author_user_id" integer, "author_contact_id" integer, "author_label" varchar(200) NOT NULL, "text" text NOT NULL, "status_from" varchar(20), "status_to" varchar(20), "next_step" text, "next_step_due" date, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_project" ON "follow_ups" ("project_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_up_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "revoked_at" datetime, "last_used_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_follow_up_links_token" ON "follow_up_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_links_project" ON "follow_up_links" ("project_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "from_status" varchar(20), "to_status" varchar(20), "snoozed_until" datetime, "reason" text, "at" datetime NOT NULL, "actor_user_id" integer, "actor_contact_id" integer, "actor_label" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_events_project" ON "project_events" ("project_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at" FROM "projects"`,
    );
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`ALTER TABLE "temporary_projects" RENAME TO "projects"`);
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
    await queryRunner.query(`DROP INDEX "ix_project_participants_partner"`);
    await queryRunner.query(`DROP INDEX "uq_project_participants"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_project_participants" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "partner_id" integer NOT NULL, "role" varchar(160) NOT NULL, CONSTRAINT "FK_6ab4c31c61cd244b97a1b2004d6" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b6a01c9cebfdf7d48eec1917f21" FOREIGN KEY ("partner_id") REFERENCES "partners" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_project_participants"("id", "project_id", "partner_id", "role") SELECT "id", "project_id", "partner_id", "role" FROM "project_participants"`,
    );
    await queryRunner.query(`DROP TABLE "project_participants"`);
    await queryRunner.query(
      `ALTER TABLE "temporary_project_participants" RENAME TO "project_participants"`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participants_partner" ON "project_participants" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_participants" ON "project_participants" ("project_id", "partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_follow_ups_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_follow_ups" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "date" date NOT NULL, "at" datetime NOT NULL, "author_user_id" integer, "author_contact_id" integer, "author_label" varchar(200) NOT NULL, "text" text NOT NULL, "status_from" varchar(20), "status_to" varchar(20), "next_step" text, "next_step_due" date, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_426aff461cd57c9de1ea8ac7fed" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_follow_ups"("id", "project_id", "date", "at", "author_user_id", "author_contact_id", "author_label", "text", "status_from", "status_to", "next_step", "next_step_due", "created_at") SELECT "id", "project_id", "date", "at", "author_user_id", "author_contact_id", "author_label", "text", "status_from", "status_to", "next_step", "next_step_due", "created_at" FROM "follow_ups"`,
    );
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`ALTER TABLE "temporary_follow_ups" RENAME TO "follow_ups"`);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_project" ON "follow_ups" ("project_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_follow_up_links_token"`);
    await queryRunner.query(`DROP INDEX "ix_follow_up_links_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_follow_up_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "revoked_at" datetime, "last_used_at" datetime, CONSTRAINT "FK_94b6e39776f85fffd94c3baf346" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_bbf18b1ca8da14d5e2f709c125f" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_follow_up_links"("id", "project_id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "revoked_at", "last_used_at") SELECT "id", "project_id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "revoked_at", "last_used_at" FROM "follow_up_links"`,
    );
    await queryRunner.query(`DROP TABLE "follow_up_links"`);
    await queryRunner.query(`ALTER TABLE "temporary_follow_up_links" RENAME TO "follow_up_links"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_follow_up_links_token" ON "follow_up_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_links_project" ON "follow_up_links" ("project_id", "contact_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_project_events_project"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_project_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "from_status" varchar(20), "to_status" varchar(20), "snoozed_until" datetime, "reason" text, "at" datetime NOT NULL, "actor_user_id" integer, "actor_contact_id" integer, "actor_label" varchar(200) NOT NULL, CONSTRAINT "FK_57e7a002ae5a49b9c671da889e1" FOREIGN KEY ("project_id") REFERENCES "projects" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_project_events"("id", "project_id", "kind", "from_status", "to_status", "snoozed_until", "reason", "at", "actor_user_id", "actor_contact_id", "actor_label") SELECT "id", "project_id", "kind", "from_status", "to_status", "snoozed_until", "reason", "at", "actor_user_id", "actor_contact_id", "actor_label" FROM "project_events"`,
    );
    await queryRunner.query(`DROP TABLE "project_events"`);
    await queryRunner.query(`ALTER TABLE "temporary_project_events" RENAME TO "project_events"`);
    await queryRunner.query(
      `CREATE INDEX "ix_project_events_project" ON "project_events" ("project_id", "at") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_project_events_project"`);
    await queryRunner.query(`ALTER TABLE "project_events" RENAME TO "temporary_project_events"`);
    await queryRunner.query(
      `CREATE TABLE "project_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "from_status" varchar(20), "to_status" varchar(20), "snoozed_until" datetime, "reason" text, "at" datetime NOT NULL, "actor_user_id" integer, "actor_contact_id" integer, "actor_label" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "project_events"("id", "project_id", "kind", "from_status", "to_status", "snoozed_until", "reason", "at", "actor_user_id", "actor_contact_id", "actor_label") SELECT "id", "project_id", "kind", "from_status", "to_status", "snoozed_until", "reason", "at", "actor_user_id", "actor_contact_id", "actor_label" FROM "temporary_project_events"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_project_events"`);
    await queryRunner.query(
      `CREATE INDEX "ix_project_events_project" ON "project_events" ("project_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_follow_up_links_project"`);
    await queryRunner.query(`DROP INDEX "uq_follow_up_links_token"`);
    await queryRunner.query(`ALTER TABLE "follow_up_links" RENAME TO "temporary_follow_up_links"`);
    await queryRunner.query(
      `CREATE TABLE "follow_up_links" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "contact_id" integer NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" datetime NOT NULL, "created_by_user_id" integer, "expires_at" datetime NOT NULL, "revoked_at" datetime, "last_used_at" datetime)`,
    );
    await queryRunner.query(
      `INSERT INTO "follow_up_links"("id", "project_id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "revoked_at", "last_used_at") SELECT "id", "project_id", "contact_id", "token_hash", "created_at", "created_by_user_id", "expires_at", "revoked_at", "last_used_at" FROM "temporary_follow_up_links"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_follow_up_links"`);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_links_project" ON "follow_up_links" ("project_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_follow_up_links_token" ON "follow_up_links" ("token_hash") `,
    );
    await queryRunner.query(`DROP INDEX "ix_follow_ups_project"`);
    await queryRunner.query(`ALTER TABLE "follow_ups" RENAME TO "temporary_follow_ups"`);
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "date" date NOT NULL, "at" datetime NOT NULL, "author_user_id" integer, "author_contact_id" integer, "author_label" varchar(200) NOT NULL, "text" text NOT NULL, "status_from" varchar(20), "status_to" varchar(20), "next_step" text, "next_step_due" date, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "follow_ups"("id", "project_id", "date", "at", "author_user_id", "author_contact_id", "author_label", "text", "status_from", "status_to", "next_step", "next_step_due", "created_at") SELECT "id", "project_id", "date", "at", "author_user_id", "author_contact_id", "author_label", "text", "status_from", "status_to", "next_step", "next_step_due", "created_at" FROM "temporary_follow_ups"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_follow_ups"`);
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_project" ON "follow_ups" ("project_id", "at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_project_participants"`);
    await queryRunner.query(`DROP INDEX "ix_project_participants_partner"`);
    await queryRunner.query(
      `ALTER TABLE "project_participants" RENAME TO "temporary_project_participants"`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_participants" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "project_id" integer NOT NULL, "partner_id" integer NOT NULL, "role" varchar(160) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "project_participants"("id", "project_id", "partner_id", "role") SELECT "id", "project_id", "partner_id", "role" FROM "temporary_project_participants"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_project_participants"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_participants" ON "project_participants" ("project_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participants_partner" ON "project_participants" ("partner_id") `,
    );
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`ALTER TABLE "projects" RENAME TO "temporary_projects"`);
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "title" varchar(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" varchar(20) NOT NULL, "status_changed_at" datetime NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT (60), "launched_at" datetime, "last_follow_up_at" datetime, "follow_up_since" datetime, "due_soon_at" datetime, "due_at" datetime, "stale_at" datetime, "snoozed_until" datetime, "snooze_reason" varchar(500), "reminded_period_start" datetime, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "projects"("id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at") SELECT "id", "title", "description", "expected_outcomes", "lead_partner_id", "status", "status_changed_at", "start_date", "end_date", "cadence_days", "launched_at", "last_follow_up_at", "follow_up_since", "due_soon_at", "due_at", "stale_at", "snoozed_until", "snooze_reason", "reminded_period_start", "created_at", "updated_at" FROM "temporary_projects"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_projects"`);
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
    await queryRunner.query(`DROP INDEX "ix_project_events_project"`);
    await queryRunner.query(`DROP TABLE "project_events"`);
    await queryRunner.query(`DROP INDEX "ix_follow_up_links_project"`);
    await queryRunner.query(`DROP INDEX "uq_follow_up_links_token"`);
    await queryRunner.query(`DROP TABLE "follow_up_links"`);
    await queryRunner.query(`DROP INDEX "ix_follow_ups_project"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP INDEX "uq_project_participants"`);
    await queryRunner.query(`DROP INDEX "ix_project_participants_partner"`);
    await queryRunner.query(`DROP TABLE "project_participants"`);
    await queryRunner.query(`DROP INDEX "ix_projects_lead_status"`);
    await queryRunner.query(`DROP INDEX "ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "ix_projects_status"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
