import type { QueryRunner } from 'typeorm';

/** Titles compared as people type them: case, accents and spaces ignored (frozen here). */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A speaker's free-text tags become themes: each tag links the speaker to the theme of that
 * title (case and accents ignored; archived themes too, being the same subject), a tag without
 * one creating a proposed theme; the tags are then emptied. `p(n)` is the engine's n-th
 * placeholder (`?` or `$n`).
 */
export async function moveSpeakerTagsToThemes(
  runner: QueryRunner,
  p: (n: number) => string,
): Promise<void> {
  const speakers = (await runner.query(
    `SELECT "id", "tags" FROM "speakers" WHERE "tags" <> '[]' ORDER BY "id"`,
  )) as { id: number; tags: string }[];
  if (speakers.length === 0) return;
  const themes = (await runner.query(
    `SELECT "id", "title", "status" FROM "themes" ORDER BY "id"`,
  )) as { id: number; title: string; status: string }[];
  const byTitle = new Map<string, number>();
  // A live theme wins over an archived one of the same title.
  for (const theme of [...themes].sort(
    (a, b) => Number(a.status !== 'archived') - Number(b.status !== 'archived'),
  ))
    byTitle.set(fold(theme.title), Number(theme.id));
  for (const speaker of speakers) {
    let tags: unknown;
    try {
      tags = JSON.parse(speaker.tags);
    } catch {
      tags = [];
    }
    for (const tag of Array.isArray(tags) ? tags : []) {
      if (typeof tag !== 'string' || !fold(tag)) continue;
      let themeId = byTitle.get(fold(tag));
      if (themeId === undefined) {
        const title = tag.trim().replace(/\s+/g, ' ').slice(0, 200);
        await runner.query(
          `INSERT INTO "themes" ("title", "tags", "status", "interest_count") VALUES (${p(1)}, '[]', 'proposed', 0)`,
          [title],
        );
        const [created] = (await runner.query(
          `SELECT "id" FROM "themes" WHERE "title" = ${p(1)} ORDER BY "id" DESC LIMIT 1`,
          [title],
        )) as { id: number }[];
        themeId = Number(created.id);
        byTitle.set(fold(tag), themeId);
      }
      const [linked] = (await runner.query(
        `SELECT 1 FROM "speaker_themes" WHERE "speaker_id" = ${p(1)} AND "theme_id" = ${p(2)}`,
        [speaker.id, themeId],
      )) as unknown[];
      if (!linked)
        await runner.query(
          `INSERT INTO "speaker_themes" ("speaker_id", "theme_id") VALUES (${p(1)}, ${p(2)})`,
          [speaker.id, themeId],
        );
    }
    await runner.query(`UPDATE "speakers" SET "tags" = '[]' WHERE "id" = ${p(1)}`, [speaker.id]);
  }
}
