import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfill, reindex, SEARCH_SOURCES, watchedColumns } from '../shared/search-entries';

/** Characters of an entry's text indexed (a tsvector holds at most 1 MB). */
const INDEXED_BODY = 200_000;

/** The token types of words (plain, hyphenated, with digits) that are folded before indexing. */
const WORD_TOKENS = 'word, hword, hword_part, numword, numhword, hword_numpart';

/**
 * Hand-written (migration:generate cannot express it): the staff search box (docs/search.md).
 * `search_entries` holds one row per record found by search (kind, record id, title, text) and its
 * `document` (tsvector, title weighted A, text B) under a GIN index. The text search configuration
 * `maillage_search` copies `simple` (no stemming, no stop words: names of towns and partners are
 * kept whole, prefixes work, and results match SQLite's FTS5 `unicode61`) and folds accents first
 * with the `unaccent` dictionary; where the server lacks the extension, accents stay significant
 * (a warning says so). Triggers on the owners' tables (migrations/shared/search-entries.ts)
 * rewrite a record's entry after every write; TRUNCATE is not followed.
 */
export class Search1796600006000 implements MigrationInterface {
  name = 'Search1796600006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const available = (await queryRunner.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'`,
    )) as unknown[];
    await queryRunner.query(`CREATE TEXT SEARCH CONFIGURATION "maillage_search" (COPY = simple)`);
    if (available.length) {
      await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
      await queryRunner.query(
        `ALTER TEXT SEARCH CONFIGURATION "maillage_search" ALTER MAPPING FOR ${WORD_TOKENS} WITH unaccent, simple`,
      );
    } else {
      console.warn('unaccent is not available: the search box will not ignore accents');
    }
    await queryRunner.query(
      `CREATE TABLE "search_entries" ("id" SERIAL NOT NULL, "kind" character varying(20) NOT NULL, ` +
        `"record_id" integer NOT NULL, "parent_id" integer, "archived" integer NOT NULL DEFAULT 0, ` +
        `"title" text NOT NULL, "body" text NOT NULL, "document" tsvector NOT NULL DEFAULT ''::tsvector, ` +
        `CONSTRAINT "pk_search_entries" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_search_entries_record" ON "search_entries" ("kind", "record_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_search_entries_document" ON "search_entries" USING gin ("document")`,
    );
    // Computed by a trigger rather than a generated column: a restore (pg_restore) copies the
    // stored vectors and creates the triggers after the data, so it never re-parses the text.
    await queryRunner.query(
      `CREATE FUNCTION search_entries_document() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW."document" := setweight(to_tsvector('maillage_search', NEW."title"), 'A')
           || setweight(to_tsvector('maillage_search', left(NEW."body", ${INDEXED_BODY})), 'B');
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "search_entries_document" BEFORE INSERT OR UPDATE OF "title", "body"
         ON "search_entries" FOR EACH ROW EXECUTE FUNCTION search_entries_document()`,
    );
    for (const source of SEARCH_SOURCES) {
      const t = source.table;
      const block = (statements: string[]) => statements.map((s) => `${s};`).join('\n');
      await queryRunner.query(
        `CREATE FUNCTION "search_index_${t}"() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."${source.key}" IS DISTINCT FROM NEW."${source.key}") THEN
             ${block(reindex(source, 'OLD'))}
           END IF;
           IF TG_OP <> 'DELETE' THEN
             ${block(reindex(source, 'NEW'))}
           END IF;
           RETURN NULL;
         END $$`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "search_index_${t}" AFTER INSERT OR UPDATE OF ${watchedColumns(source)} OR DELETE
           ON "${t}" FOR EACH ROW EXECUTE FUNCTION "search_index_${t}"()`,
      );
      await queryRunner.query(backfill(source));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const source of [...SEARCH_SOURCES].reverse()) {
      const t = source.table;
      await queryRunner.query(`DROP TRIGGER IF EXISTS "search_index_${t}" ON "${t}"`);
      await queryRunner.query(`DROP FUNCTION IF EXISTS "search_index_${t}"()`);
    }
    await queryRunner.query(`DROP TABLE "search_entries"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS search_entries_document()`);
    // The extension stays: other objects of the database may use it.
    await queryRunner.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS "maillage_search"`);
  }
}
