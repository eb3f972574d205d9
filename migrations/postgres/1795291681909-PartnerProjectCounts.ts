import { MigrationInterface, QueryRunner } from 'typeorm';

/** 1 if a project with this status is open (neither completed nor abandoned), else 0. */
const OPEN = (status: string) =>
  `(CASE WHEN ${status} IN ('completed', 'abandoned') THEN 0 ELSE 1 END)`;

/** The counts of the projects already there. */
const BACKFILL = `INSERT INTO partner_project_counts
    (partner_id, leads, leads_open, participates, participates_open, involved)
  SELECT partner_id, SUM(leads), SUM(leads_open), SUM(participates), SUM(participates_open),
         SUM(leads) + SUM(participates)
    FROM (SELECT lead_partner_id AS partner_id, 1 AS leads, ${OPEN('status')} AS leads_open,
                 0 AS participates, 0 AS participates_open
            FROM projects
          UNION ALL
          SELECT pp.partner_id, 0, 0, 1, ${OPEN('p.status')}
            FROM project_participants pp JOIN projects p ON p.id = pp.project_id) x
   GROUP BY partner_id`;

/**
 * Triggers keep partner_project_counts equal to a count over projects and project_participants,
 * in the transaction of each write. A deleted project first deletes its participants (so that their
 * trigger still sees its status), before the foreign key's cascade would.
 */
const FUNCTIONS = [
  `CREATE OR REPLACE FUNCTION partner_project_counts_add(
     partner integer, leads integer, leads_open integer, participates integer, participates_open integer)
   RETURNS void LANGUAGE sql AS $$
     INSERT INTO partner_project_counts AS c
       (partner_id, leads, leads_open, participates, participates_open, involved)
     VALUES ($1, $2, $3, $4, $5, $2 + $4)
     ON CONFLICT (partner_id) DO UPDATE SET leads = c.leads + EXCLUDED.leads,
       leads_open = c.leads_open + EXCLUDED.leads_open, participates = c.participates + EXCLUDED.participates,
       participates_open = c.participates_open + EXCLUDED.participates_open, involved = c.involved + EXCLUDED.involved
   $$`,
  `CREATE OR REPLACE FUNCTION partner_project_counts_open_project(project integer)
   RETURNS integer LANGUAGE sql AS $$
     SELECT COALESCE((SELECT ${OPEN('status')} FROM projects WHERE id = $1), 0)
   $$`,
  `CREATE OR REPLACE FUNCTION projects_partner_counts() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       DELETE FROM project_participants WHERE project_id = OLD.id;
       PERFORM partner_project_counts_add(OLD.lead_partner_id, -1, -${OPEN('OLD.status')}, 0, 0);
       RETURN OLD;
     END IF;
     IF TG_OP = 'UPDATE' THEN
       IF OLD.lead_partner_id IS NOT DISTINCT FROM NEW.lead_partner_id
          AND OLD.status IS NOT DISTINCT FROM NEW.status THEN
         RETURN NEW;
       END IF;
       PERFORM partner_project_counts_add(OLD.lead_partner_id, -1, -${OPEN('OLD.status')}, 0, 0);
       UPDATE partner_project_counts
          SET participates_open = participates_open - ${OPEN('OLD.status')} + ${OPEN('NEW.status')}
        WHERE partner_id IN (SELECT partner_id FROM project_participants WHERE project_id = NEW.id);
     END IF;
     PERFORM partner_project_counts_add(NEW.lead_partner_id, 1, ${OPEN('NEW.status')}, 0, 0);
     RETURN NEW;
   END $$`,
  `CREATE OR REPLACE FUNCTION project_participants_partner_counts() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP IN ('DELETE', 'UPDATE') THEN
       PERFORM partner_project_counts_add(OLD.partner_id, 0, 0, -1,
         -partner_project_counts_open_project(OLD.project_id));
     END IF;
     IF TG_OP = 'DELETE' THEN
       RETURN OLD;
     END IF;
     PERFORM partner_project_counts_add(NEW.partner_id, 0, 0, 1,
       partner_project_counts_open_project(NEW.project_id));
     RETURN NEW;
   END $$`,
];
const TRIGGERS = [
  `CREATE TRIGGER tr_projects_counts AFTER INSERT OR UPDATE OF lead_partner_id, status ON projects
     FOR EACH ROW EXECUTE FUNCTION projects_partner_counts()`,
  `CREATE TRIGGER tr_projects_counts_delete BEFORE DELETE ON projects
     FOR EACH ROW EXECUTE FUNCTION projects_partner_counts()`,
  `CREATE TRIGGER tr_project_participants_counts
     AFTER INSERT OR DELETE OR UPDATE OF partner_id, project_id ON project_participants
     FOR EACH ROW EXECUTE FUNCTION project_participants_partner_counts()`,
];

export class PartnerProjectCounts1795291681909 implements MigrationInterface {
  name = 'PartnerProjectCounts1795291681909';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_project_counts" ("partner_id" integer NOT NULL, "leads" integer NOT NULL DEFAULT '0', "leads_open" integer NOT NULL DEFAULT '0', "participates" integer NOT NULL DEFAULT '0', "participates_open" integer NOT NULL DEFAULT '0', "involved" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_380e3e74fc40bac195a3af2694a" PRIMARY KEY ("partner_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_partner_project_counts_involved" ON "partner_project_counts" ("involved") `,
    );
    await queryRunner.query(BACKFILL);
    for (const sql of [...FUNCTIONS, ...TRIGGERS]) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_projects_counts ON projects`);
    await queryRunner.query(`DROP TRIGGER tr_projects_counts_delete ON projects`);
    await queryRunner.query(`DROP TRIGGER tr_project_participants_counts ON project_participants`);
    await queryRunner.query(`DROP FUNCTION projects_partner_counts()`);
    await queryRunner.query(`DROP FUNCTION project_participants_partner_counts()`);
    await queryRunner.query(`DROP FUNCTION partner_project_counts_open_project(integer)`);
    await queryRunner.query(
      `DROP FUNCTION partner_project_counts_add(integer, integer, integer, integer, integer)`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_partner_project_counts_involved"`);
    await queryRunner.query(`DROP TABLE "partner_project_counts"`);
  }
}
