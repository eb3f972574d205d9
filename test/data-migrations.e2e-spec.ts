import { DueSoonWindow1796000000000 as PostgresMigration } from '../migrations/postgres/1796000000000-DueSoonWindow';
import { DueSoonWindow1796000000000 as SqliteMigration } from '../migrations/sqlite/1796000000000-DueSoonWindow';
import { PersonalLinkAuthorName1796000000001 as AuthorName } from '../migrations/sqlite/1796000000001-PersonalLinkAuthorName';
import { ProjectReminderGroup1796000000002 as PostgresGroup } from '../migrations/postgres/1796000000002-ProjectReminderGroup';
import { ProjectReminderGroup1796000000002 as SqliteGroup } from '../migrations/sqlite/1796000000002-ProjectReminderGroup';
import { MeetingSeries1796600007000 as PostgresSeries } from '../migrations/postgres/1796600007000-MeetingSeries';
import { MeetingSeries1796600007000 as SqliteSeries } from '../migrations/sqlite/1796600007000-MeetingSeries';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { FollowUp } from '../src/projects/follow-ups/follow-up.entity';
import { ProjectRemindersService } from '../src/projects/reminders/project-reminders.service';
import { Project } from '../src/projects/project.entity';
import { createPartner, createProject } from './support/projects';
import { createStaff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** Projects stored under the old "due soon" window (14 days, never before the start) get the new one. */
describe('hand-written data migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('recomputes due_soon_at from due_at and the cadence, and down restores the old one', async () => {
    const staff = await createStaff(t, 'coordinator');
    const { partner } = await createPartner(t, { name: 'Porteur' });
    const ids: Record<number, number> = {};
    for (const cadenceDays of [7, 14, 60]) {
      ids[cadenceDays] = (
        await createProject(staff, {
          title: `Cadence ${cadenceDays}`,
          leadPartnerId: partner.id,
          status: 'launched',
          cadenceDays,
        })
      ).id;
    }
    const repository = t.dataSource.getRepository(Project);
    const since = new Date('2026-03-02T09:00:00Z').getTime();
    const oldDueSoon = (cadence: number) => new Date(Math.max(since, since + (cadence - 14) * DAY));
    for (const [cadence, id] of Object.entries(ids)) {
      await repository.update(id, { dueSoonAt: oldDueSoon(Number(cadence)) });
    }
    const migration =
      t.config.databaseEngine === 'postgres' ? new PostgresMigration() : new SqliteMigration();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      const after = async (cadence: number) =>
        (await repository.findOneByOrFail({ id: ids[cadence] })).dueSoonAt?.toISOString();
      expect(await after(7)).toBe(new Date(since + 3.5 * DAY).toISOString());
      expect(await after(14)).toBe(new Date(since + 7 * DAY).toISOString());
      expect(await after(60)).toBe(new Date(since + 46 * DAY).toISOString());
      await migration.down(runner);
      for (const cadence of [7, 14, 60]) {
        expect(await after(cadence)).toBe(oldDueSoon(cadence).toISOString());
      }
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  });

  it('keeps only the name of authors who wrote through a personal link', async () => {
    const staff = await createStaff(t, 'coordinator');
    const { partner, contacts } = await createPartner(t, { name: 'Lien', contacts: ['Ana Lien'] });
    const { id } = await createProject(staff, {
      title: 'Par lien',
      leadPartnerId: partner.id,
      status: 'launched',
    });
    await staff.api.post(`/api/projects/${id}/follow-ups`).send({ text: 'Par le personnel' });
    const repository = t.dataSource.getRepository(FollowUp);
    const [followUp] = await repository.findBy({ projectId: id });
    await repository.update(followUp.id, {
      authorUserId: null,
      authorContactId: contacts[0].id,
      authorLabel: 'Ana Lien (personal link)',
    });
    const runner = t.dataSource.createQueryRunner();
    try {
      await new AuthorName().up(runner);
    } finally {
      await runner.release();
    }
    expect((await repository.findOneByOrFail({ id: followUp.id })).authorLabel).toBe('Ana Lien');
  });

  it('groups the project reminders queued before by their project', async () => {
    const staff = await createStaff(t, 'coordinator');
    const { partner } = await createPartner(t, { name: 'Relancé', contacts: ['Léa Relance'] });
    const { id } = await createProject(staff, {
      title: 'En retard',
      leadPartnerId: partner.id,
      status: 'launched',
      cadenceDays: 7,
    });
    t.clock.advanceDays(8);
    try {
      await t.app.get(ProjectRemindersService).runOnce();
    } finally {
      t.clock.advanceDays(-8);
    }
    const repository = t.dataSource.getRepository(OutboxMessage);
    const reminder = await repository.findOneByOrFail({ purpose: 'project-reminder' });
    expect(reminder.groupRef).toBe(`project-reminder:${id}`);
    await repository.update(reminder.id, { groupRef: null });
    const migration =
      t.config.databaseEngine === 'postgres' ? new PostgresGroup() : new SqliteGroup();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await repository.findOneByOrFail({ id: reminder.id })).groupRef).toBe(
      `project-reminder:${id}`,
    );
  });

  it('MeetingSeries: down removes the series and its columns, keeping the search triggers of meetings', async () => {
    const postgres = t.config.databaseEngine === 'postgres';
    const triggers = async () =>
      (
        await t.dataSource.query<Array<{ name: string }>>(
          postgres
            ? `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'meetings'::regclass AND NOT tgisinternal ORDER BY 1`
            : `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'meetings' ORDER BY 1`,
        )
      ).map((r) => r.name);
    const before = await triggers();
    expect(before.length).toBeGreaterThan(0);
    const migration = postgres ? new PostgresSeries() : new SqliteSeries();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await expect(t.dataSource.query('SELECT series_id FROM meetings')).rejects.toThrow();
      await expect(t.dataSource.query('SELECT id FROM meeting_series')).rejects.toThrow();
      expect(await triggers()).toEqual(before);
      await migration.up(runner);
      expect(await t.dataSource.query('SELECT series_id, occurrence_date FROM meetings')).toEqual(
        [],
      );
      expect(await triggers()).toEqual(before);
    } finally {
      await runner.release();
    }
  });
});
