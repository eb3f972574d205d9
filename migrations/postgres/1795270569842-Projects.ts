import { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795270569842 implements MigrationInterface {
  name = 'Projects1795270569842';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "description" text, "expected_outcomes" text, "lead_partner_id" integer NOT NULL, "status" character varying(20) NOT NULL, "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "start_date" date, "end_date" date, "cadence_days" integer NOT NULL DEFAULT '60', "launched_at" TIMESTAMP WITH TIME ZONE, "last_follow_up_at" TIMESTAMP WITH TIME ZONE, "follow_up_since" TIMESTAMP WITH TIME ZONE, "due_soon_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "stale_at" TIMESTAMP WITH TIME ZONE, "snoozed_until" TIMESTAMP WITH TIME ZONE, "snooze_reason" character varying(500), "reminded_period_start" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
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
      `CREATE TABLE "project_participants" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "partner_id" integer NOT NULL, "role" character varying(160) NOT NULL, CONSTRAINT "PK_bca8e7d71a37709f9ed916cf610" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_participants_partner" ON "project_participants" ("partner_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_project_participants" ON "project_participants" ("project_id", "partner_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "date" date NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "author_user_id" integer, "author_contact_id" integer, "author_label" character varying(200) NOT NULL, "text" text NOT NULL, "status_from" character varying(20), "status_to" character varying(20), "next_step" text, "next_step_due" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_ups_project" ON "follow_ups" ("project_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "follow_up_links" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "contact_id" integer NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by_user_id" integer, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6999e90575d207a7867cca9de8f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_follow_up_links_token" ON "follow_up_links" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_follow_up_links_project" ON "follow_up_links" ("project_id", "contact_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_events" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "from_status" character varying(20), "to_status" character varying(20), "snoozed_until" TIMESTAMP WITH TIME ZONE, "reason" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" integer, "actor_contact_id" integer, "actor_label" character varying(200) NOT NULL, CONSTRAINT "PK_4a8f4006922953e0fc56b38afe3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_project_events_project" ON "project_events" ("project_id", "at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" ADD CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8" FOREIGN KEY ("lead_partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participants" ADD CONSTRAINT "FK_6ab4c31c61cd244b97a1b2004d6" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participants" ADD CONSTRAINT "FK_b6a01c9cebfdf7d48eec1917f21" FOREIGN KEY ("partner_id") REFERENCES "partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_ups" ADD CONSTRAINT "FK_426aff461cd57c9de1ea8ac7fed" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_links" ADD CONSTRAINT "FK_94b6e39776f85fffd94c3baf346" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_links" ADD CONSTRAINT "FK_bbf18b1ca8da14d5e2f709c125f" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_events" ADD CONSTRAINT "FK_57e7a002ae5a49b9c671da889e1" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "project_events" DROP CONSTRAINT "FK_57e7a002ae5a49b9c671da889e1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_links" DROP CONSTRAINT "FK_bbf18b1ca8da14d5e2f709c125f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_links" DROP CONSTRAINT "FK_94b6e39776f85fffd94c3baf346"`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_ups" DROP CONSTRAINT "FK_426aff461cd57c9de1ea8ac7fed"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participants" DROP CONSTRAINT "FK_b6a01c9cebfdf7d48eec1917f21"`,
    );
    await queryRunner.query(
      `ALTER TABLE "project_participants" DROP CONSTRAINT "FK_6ab4c31c61cd244b97a1b2004d6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "projects" DROP CONSTRAINT "FK_bc093233e98ce33a4cae8a76cd8"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_project_events_project"`);
    await queryRunner.query(`DROP TABLE "project_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_links_project"`);
    await queryRunner.query(`DROP INDEX "public"."uq_follow_up_links_token"`);
    await queryRunner.query(`DROP TABLE "follow_up_links"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_project"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP INDEX "public"."uq_project_participants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_project_participants_partner"`);
    await queryRunner.query(`DROP TABLE "project_participants"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_lead_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_never"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_stale_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_due_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_due_soon_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_projects_status"`);
    await queryRunner.query(`DROP TABLE "projects"`);
  }
}
