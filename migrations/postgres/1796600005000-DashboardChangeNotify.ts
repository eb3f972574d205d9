import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables the dashboard figures are read from (projects/dashboard/dashboard-snapshots.ts). */
const TABLES = ['projects', 'project_participants', 'partners', 'meetings'];

/**
 * Every write to a table the dashboard reads notifies the channel `maillage_changes` with the
 * table's name, whoever writes (any instance, a script, psql). PostgreSQL delivers it at commit
 * (never for a rollback, once per table and transaction), so that every instance listening drops
 * its snapshot before the writer's commit is acknowledged (database/change-notifications.ts).
 */
export class DashboardChangeNotify1796600005000 implements MigrationInterface {
  name = 'DashboardChangeNotify1796600005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION maillage_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('maillage_changes', TG_TABLE_NAME);
         RETURN NULL;
       END $$`,
    );
    for (const table of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
           ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION maillage_notify_change()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS "${table}_notify_change" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS maillage_notify_change()`);
  }
}
