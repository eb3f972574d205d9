import { MigrationInterface } from 'typeorm';

/**
 * Nothing on SQLite: the PostgreSQL migration of the same name makes writes notify the other
 * instances sharing the database; an SQLite file has one process, which sees its own writes.
 * Kept so that both engines list the same migrations.
 */
export class DashboardChangeNotify1796600005000 implements MigrationInterface {
  name = 'DashboardChangeNotify1796600005000';

  async up(): Promise<void> {}

  async down(): Promise<void> {}
}
