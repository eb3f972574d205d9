import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit screen lists entries newest first and filters by period: an index on `at`. */
export class AuditByTime1796600000400 implements MigrationInterface {
  name = 'AuditByTime1796600000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_audit_at" ON "audit_entries" ("at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_at"`);
  }
}
