import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (migration:generate cannot express an operator class): a GIN trigram index on the
 * search text, which PostgreSQL uses for `search_text LIKE '%word%'` (words of 3+ characters).
 * It needs the pg_trgm extension (in contrib, trusted since PostgreSQL 13); where the server does
 * not offer it, the index is skipped and search stays correct, scanning the partners instead.
 * The entity declares the index with `synchronize: false` so the drift test leaves it alone.
 */
export class PartnerSearchIndex1795290883738 implements MigrationInterface {
  name = 'PartnerSearchIndex1795290883738';

  async up(queryRunner: QueryRunner): Promise<void> {
    const available = (await queryRunner.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`,
    )) as unknown[];
    if (available.length === 0) {
      console.warn('pg_trgm is not available: partner search will scan instead of using an index');
      return;
    }
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE INDEX "ix_partners_search_trgm" ON "partners" USING gin ("search_text" gin_trgm_ops)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The extension stays: other objects of the database may use it.
    await queryRunner.query(`DROP INDEX IF EXISTS "ix_partners_search_trgm"`);
  }
}
