import { MigrationInterface, QueryRunner } from 'typeorm';

const SUFFIX = ' (personal link)';

/**
 * Hand-written: authors who wrote through a personal link were stored as "Name (personal link)",
 * in English whatever the site's language. Only the name is stored now (the contact id says how
 * they wrote; pages word it), so the suffix goes from the rows written before.
 */
export class PersonalLinkAuthorName1796000000001 implements MigrationInterface {
  name = 'PersonalLinkAuthorName1796000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, label, contact] of [
      ['follow_ups', 'author_label', 'author_contact_id'],
      ['project_events', 'actor_label', 'actor_contact_id'],
    ]) {
      await queryRunner.query(
        `UPDATE "${table}" SET "${label}" = substr("${label}", 1, length("${label}") - ${SUFFIX.length})
          WHERE "${contact}" IS NOT NULL AND "${label}" LIKE '%${SUFFIX}'`,
      );
    }
    await queryRunner.query(
      `UPDATE "audit_entries" SET "actor_label" = substr("actor_label", 1, length("actor_label") - ${SUFFIX.length})
        WHERE "actor_user_id" IS NULL AND "actor_label" LIKE '%${SUFFIX}'`,
    );
  }

  async down(): Promise<void> {
    // The names are right as they are: nothing to put back.
  }
}
