import { SpeakerTagsToThemes1796539400000 as PostgresMigration } from '../migrations/postgres/1796539400000-SpeakerTagsToThemes';
import { SpeakerTagsToThemes1796539400000 as SqliteMigration } from '../migrations/sqlite/1796539400000-SpeakerTagsToThemes';
import { Speaker } from '../src/themes/speakers/speaker.entity';
import { SpeakerTheme } from '../src/themes/speakers/speaker-theme.entity';
import { Theme } from '../src/themes/catalogue/theme.entity';
import { createStaff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';
import { createSpeaker, createTheme } from './support/themes';

/** Speakers' free-text tags stored before become links to themes, matched by title. */
describe('speaker tags migrated to themes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('links each tag to the theme of that title, case and accents ignored, creating the others', async () => {
    const staff = await createStaff(t, 'coordinator');
    const mobility = await createTheme(staff, { title: 'Mobilité des jeunes' });
    const old = await createTheme(staff, { title: 'Archivé' });
    await staff.api.post(`/api/themes/${old.id}/archive`).expect(200);
    const first = await createSpeaker(staff, { name: 'Première', themeIds: [mobility.id] });
    const second = await createSpeaker(staff, { name: 'Seconde' });
    const speakers = t.dataSource.getRepository(Speaker);
    // As stored before: lower-cased free text.
    await speakers.update(first.id, { tags: ['mobilite des  jeunes', 'logement', 'archivé'] });
    await speakers.update(second.id, { tags: ['LOGEMENT', 'numérique'] });

    const migration =
      t.config.databaseEngine === 'postgres' ? new PostgresMigration() : new SqliteMigration();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      await migration.up(runner); // nothing left to move: unchanged
    } finally {
      await runner.release();
    }
    const themes = await t.dataSource.getRepository(Theme).find({ order: { id: 'ASC' } });
    const titleOf = new Map(themes.map((theme) => [theme.id, theme.title]));
    const linksOf = async (speakerId: number) =>
      (await t.dataSource.getRepository(SpeakerTheme).findBy({ speakerId }))
        .map((link) => titleOf.get(link.themeId))
        .sort();
    expect(await linksOf(first.id)).toEqual(['Archivé', 'Mobilité des jeunes', 'logement']);
    expect(await linksOf(second.id)).toEqual(['logement', 'numérique']);
    expect(themes.filter((theme) => theme.title.toLowerCase() === 'logement')).toHaveLength(1);
    expect(themes.find((theme) => theme.title === 'numérique')?.status).toBe('proposed');
    expect((await speakers.findOneByOrFail({ id: first.id })).tags).toEqual([]);
    expect((await speakers.findOneByOrFail({ id: second.id })).tags).toEqual([]);
  });
});
