import { MigrationInterface, QueryRunner } from 'typeorm';

/** 1 if a project with this status is open (neither completed nor abandoned), else 0. */
const OPEN = (status: string) =>
  `(CASE WHEN ${status} IN ('completed', 'abandoned') THEN 0 ELSE 1 END)`;
/** The counts of one partner moved by the given amounts (its row created at the first). */
const ADD = (
  partner: string,
  leads: string,
  leadsOpen: string,
  participates: string,
  participatesOpen: string,
) =>
  `INSERT INTO partner_project_counts
     (partner_id, leads, leads_open, participates, participates_open, involved)
   VALUES (${partner}, ${leads}, ${leadsOpen}, ${participates}, ${participatesOpen}, (${leads}) + (${participates}))
   ON CONFLICT (partner_id) DO UPDATE SET leads = leads + excluded.leads,
     leads_open = leads_open + excluded.leads_open, participates = participates + excluded.participates,
     participates_open = participates_open + excluded.participates_open, involved = involved + excluded.involved`;
const OPEN_PROJECT = (id: string) =>
  `COALESCE((SELECT ${OPEN('status')} FROM projects WHERE id = ${id}), 0)`;

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
const TRIGGERS = [
  `CREATE TRIGGER tr_projects_counts_insert AFTER INSERT ON projects BEGIN
     ${ADD('NEW.lead_partner_id', '1', OPEN('NEW.status'), '0', '0')}; END`,
  `CREATE TRIGGER tr_projects_counts_update AFTER UPDATE OF lead_partner_id, status ON projects
     WHEN OLD.lead_partner_id IS NOT NEW.lead_partner_id OR OLD.status IS NOT NEW.status BEGIN
     ${ADD('OLD.lead_partner_id', '-1', `-${OPEN('OLD.status')}`, '0', '0')};
     ${ADD('NEW.lead_partner_id', '1', OPEN('NEW.status'), '0', '0')};
     UPDATE partner_project_counts
        SET participates_open = participates_open - ${OPEN('OLD.status')} + ${OPEN('NEW.status')}
      WHERE partner_id IN (SELECT partner_id FROM project_participants WHERE project_id = NEW.id); END`,
  `CREATE TRIGGER tr_projects_counts_delete BEFORE DELETE ON projects BEGIN
     DELETE FROM project_participants WHERE project_id = OLD.id;
     ${ADD('OLD.lead_partner_id', '-1', `-${OPEN('OLD.status')}`, '0', '0')}; END`,
  `CREATE TRIGGER tr_project_participants_counts_insert AFTER INSERT ON project_participants BEGIN
     ${ADD('NEW.partner_id', '0', '0', '1', OPEN_PROJECT('NEW.project_id'))}; END`,
  `CREATE TRIGGER tr_project_participants_counts_delete AFTER DELETE ON project_participants BEGIN
     ${ADD('OLD.partner_id', '0', '0', '-1', `-${OPEN_PROJECT('OLD.project_id')}`)}; END`,
  `CREATE TRIGGER tr_project_participants_counts_update
     AFTER UPDATE OF partner_id, project_id ON project_participants BEGIN
     ${ADD('OLD.partner_id', '0', '0', '-1', `-${OPEN_PROJECT('OLD.project_id')}`)};
     ${ADD('NEW.partner_id', '0', '0', '1', OPEN_PROJECT('NEW.project_id'))}; END`,
];
const TRIGGER_NAMES = [
  'tr_projects_counts_insert',
  'tr_projects_counts_update',
  'tr_projects_counts_delete',
  'tr_project_participants_counts_insert',
  'tr_project_participants_counts_delete',
  'tr_project_participants_counts_update',
];

export class PartnerProjectCounts1795291676818 implements MigrationInterface {
  name = 'PartnerProjectCounts1795291676818';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_project_counts" ("partner_id" integer PRIMARY KEY NOT NULL, "leads" integer NOT NULL DEFAULT (0), "leads_open" integer NOT NULL DEFAULT (0), "participates" integer NOT NULL DEFAULT (0), "participates_open" integer NOT NULL DEFAULT (0), "involved" integer NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_partner_project_counts_involved" ON "partner_project_counts" ("involved") `,
    );
    await queryRunner.query(BACKFILL);
    for (const trigger of TRIGGERS) await queryRunner.query(trigger);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of TRIGGER_NAMES) await queryRunner.query(`DROP TRIGGER ${name}`);
    await queryRunner.query(`DROP INDEX "ix_partner_project_counts_involved"`);
    await queryRunner.query(`DROP TABLE "partner_project_counts"`);
  }
}
