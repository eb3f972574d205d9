import { calendarDayInZone } from '../src/common/calendar-days';
import { formatCalendarDate } from '../src/common/web/format';
import { IdentityService } from '../src/auth/identity.service';
import request from 'supertest';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { AgendaItem } from '../src/meetings/agenda/agenda-item.entity';
import { ProjectRemindersService } from '../src/projects/reminders/project-reminders.service';
import {
  createMeeting,
  createPartner,
  createProject,
  insertLaunchedProjects,
} from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTheme } from './support/themes';
import { createTestApp, TestApp } from './support/test-app';

const start = '2026-03-02T09:00:00Z';
const day = (n: number) => new Date(new Date(start).getTime() + n * 86_400_000);

/** The day of an instant in the test's time zone ('YYYY-MM-DD'). */
const followUpsDay = (now: Date) => calendarDayInZone(now, 'Europe/Brussels');

describe('projects dashboard, agenda suggestions and reminders', () => {
  let t: TestApp;
  let staff: Staff;

  beforeEach(async () => {
    t = await createTestApp({ now: start });
    staff = await createStaff(t);
  }, 60_000);
  afterEach(() => t.close(), 60_000);

  it('counts by state, lists overdue and stale projects by urgency, per partner and per meeting', async () => {
    const ml = await createPartner(t, { name: 'Mission locale' });
    const cpas = await createPartner(t, { name: 'CPAS' });
    const meeting = await createMeeting(t, '2026-02-20T09:00:00Z');
    const old = await createProject(staff, {
      title: 'Ancien',
      leadPartnerId: ml.partner.id,
      status: 'launched',
      cadenceDays: 30,
      originMeetingId: meeting.id,
      participants: [{ partnerId: cpas.partner.id, role: 'relais' }],
    });
    t.clock.set(day(20));
    const recent = await createProject(staff, {
      title: 'Récent',
      leadPartnerId: cpas.partner.id,
      status: 'active',
      cadenceDays: 30,
      originMeetingId: meeting.id,
    });
    await createProject(staff, {
      title: 'Idée',
      leadPartnerId: cpas.partner.id,
      originMeetingId: meeting.id,
    });
    t.clock.set(day(61)); // old: stale (61 days); recent: overdue (41 days)
    const body = (await staff.api.get('/api/dashboard').expect(200)).body;
    expect(body.followUp).toMatchObject({
      tracked: 2,
      stale: 1,
      overdue: 1,
      'on-track': 0,
      never: 2,
    });
    expect(body.statuses).toMatchObject({ idea: 1, launched: 1, active: 1, completed: 0 });
    expect(body.needingAttention.total).toBe(2);
    expect(body.needingAttention.items).toMatchObject([
      {
        id: old.id,
        state: 'stale',
        leadPartner: { name: 'Mission locale' },
        daysSinceFollowUp: 61,
        neverFollowedUp: true,
      },
      { id: recent.id, state: 'overdue', leadPartner: { name: 'CPAS' }, daysSinceFollowUp: 41 },
    ]);
    expect(body.projectsPerPartner).toEqual(
      expect.arrayContaining([
        {
          partner: { id: cpas.partner.id, name: 'CPAS' },
          leads: 2,
          leadsOpen: 2,
          participates: 1,
          participatesOpen: 1,
        },
        {
          partner: { id: ml.partner.id, name: 'Mission locale' },
          leads: 1,
          leadsOpen: 1,
          participates: 0,
          participatesOpen: 0,
        },
      ]),
    );
    expect(body.projectsPerMeeting).toEqual([
      {
        meeting: {
          id: meeting.id,
          title: 'Réunion de réseau',
          startsAt: '2026-02-20T09:00:00.000Z',
        },
        projects: 3,
        launched: 2,
      },
    ]);
    const bad = await staff.api.get('/api/dashboard?limit=0').expect(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });

  it('bounds the per-partner and per-meeting lists by limit and gives their totals', async () => {
    const a = await createPartner(t, { name: 'Alpha' });
    const b = await createPartner(t, { name: 'Bêta' });
    const c = await createPartner(t, { name: 'Gamma' });
    const first = await createMeeting(t, '2026-02-10T09:00:00Z');
    const second = await createMeeting(t, '2026-02-20T09:00:00Z');
    await createProject(staff, {
      title: 'Un',
      leadPartnerId: b.partner.id,
      originMeetingId: first.id,
      participants: [{ partnerId: c.partner.id, role: 'relais' }],
    });
    await createProject(staff, { title: 'Deux', leadPartnerId: b.partner.id });
    await createProject(staff, {
      title: 'Trois',
      leadPartnerId: a.partner.id,
      originMeetingId: second.id,
    });
    const all = (await staff.api.get('/api/dashboard').expect(200)).body;
    expect(all.projectsPerPartnerTotal).toBe(3);
    expect(all.projectsPerMeetingTotal).toBe(2);
    // Most involved first, then by name.
    expect(
      all.projectsPerPartner.map((p: { partner: { name: string } }) => p.partner.name),
    ).toEqual(['Bêta', 'Alpha', 'Gamma']);
    expect(all.projectsPerMeeting.map((m: { meeting: { id: number } }) => m.meeting.id)).toEqual([
      second.id,
      first.id,
    ]);
    const one = (await staff.api.get('/api/dashboard?limit=1').expect(200)).body;
    expect(one.projectsPerPartner).toEqual([
      {
        partner: { id: b.partner.id, name: 'Bêta' },
        leads: 2,
        leadsOpen: 2,
        participates: 0,
        participatesOpen: 0,
      },
    ]);
    expect(one.projectsPerPartnerTotal).toBe(3);
    expect(one.projectsPerMeeting).toHaveLength(1);
    expect(one.projectsPerMeeting[0].meeting.id).toBe(second.id);
    expect(one.projectsPerMeetingTotal).toBe(2);
    await staff.api.get('/api/dashboard?limit=501').expect(400);
  });

  it('answers the overdue list and the dashboard with as many queries for 10,000 projects as for 5', async () => {
    const lead = await createPartner(t, { name: 'Porteur' });
    await insertLaunchedProjects(t, lead.partner.id, 5, day(-40));
    const measure = async (url: string) => {
      const before = t.queries.total;
      const response = await staff.api.get(url).expect(200);
      await t.app.get(IdentityService).touchesSettled(); // the token's last use, with its request
      return { queries: t.queries.total - before, body: response.body };
    };
    await measure('/api/projects'); // warm-up (token last use)
    const fewList = await measure('/api/projects?followUp=overdue');
    const fewDashboard = await measure('/api/dashboard');
    expect(fewList.body.total).toBe(5);

    await insertLaunchedProjects(t, lead.partner.id, 10_000, day(-45));
    const manyList = await measure('/api/projects?followUp=overdue');
    const manyDashboard = await measure('/api/dashboard');
    expect(manyList.body.total).toBe(10_005);
    expect(manyList.body.items).toHaveLength(20);
    expect(manyDashboard.body.needingAttention.total).toBe(10_005);
    expect(manyDashboard.body.needingAttention.items).toHaveLength(50);
    expect(manyList.queries).toBe(fewList.queries);
    expect(manyDashboard.queries).toBe(fewDashboard.queries);
    expect(manyList.queries).toBeLessThanOrEqual(6);
  }, 120_000);

  it('filters overdue projects with an index (SQLite query plan)', async () => {
    if (t.dataSource.options.type !== 'sqlite') return;
    const plan: { detail: string }[] = await t.dataSource.query(
      `EXPLAIN QUERY PLAN SELECT id FROM projects p WHERE p.due_at <= ? AND p.stale_at > ? ORDER BY p.due_at`,
      ['2026-03-02 09:00:00.000', '2026-03-02 09:00:00.000'],
    );
    expect(plan.map((p) => p.detail).join(' ')).toMatch(
      /USING (COVERING )?INDEX ix_projects_(due_at|stale_at|follow_up)/,
    );
  });

  it('suggests the projects due by a meeting and adds a project-review agenda item in one step', async () => {
    const lead = await createPartner(t, { name: 'Porteur' });
    const meeting = await createMeeting(t, '2026-04-10T08:00:00Z');
    const due = await createProject(staff, {
      title: 'Dû avant la réunion',
      leadPartnerId: lead.partner.id,
      status: 'launched',
      cadenceDays: 30,
    }); // due 2026-04-01
    await createProject(staff, {
      title: 'Dû après',
      leadPartnerId: lead.partner.id,
      status: 'launched',
      cadenceDays: 60,
    });
    const snoozed = await createProject(staff, {
      leadPartnerId: lead.partner.id,
      status: 'launched',
      cadenceDays: 30,
    });
    await staff.api
      .post(`/api/projects/${snoozed.id}/snooze`)
      .send({ until: '2026-04-20', reason: 'Attente' })
      .expect(200);
    const suggestions = (
      await staff.api.get(`/api/meetings/${meeting.id}/agenda-suggestions`).expect(200)
    ).body;
    expect(suggestions.projects.map((p: { id: number }) => p.id)).toEqual([due.id]);
    expect(suggestions.projects[0].followUp.state).toBe('overdue'); // as of the meeting's date
    expect(suggestions.projectReviewItem).toBeNull();
    expect(suggestions.themes).toEqual([]);
    const theme = await createTheme(staff, { title: 'Mobilité' });
    await staff.api
      .post(`/api/themes/${theme.id}/interest`)
      .send({ partnerId: lead.partner.id })
      .expect(200);
    const withThemes = (await staff.api.get(`/api/meetings/${meeting.id}/agenda-suggestions`)).body;
    expect(withThemes.themes).toEqual([{ id: theme.id, title: 'Mobilité', interestCount: 1 }]);

    const applied = (
      await staff.api.post(`/api/meetings/${meeting.id}/agenda-suggestions/apply`).expect(200)
    ).body;
    expect(applied.agendaItem).toMatchObject({
      meetingId: meeting.id,
      kind: 'project-review',
      position: 1,
      title: 'Revue des projets à suivre (1)',
    });
    await staff.api.post(`/api/meetings/${meeting.id}/agenda-suggestions/apply`).expect(200);
    const items = await t.dataSource
      .getRepository(AgendaItem)
      .find({ where: { meetingId: meeting.id } });
    expect(items).toHaveLength(1);
    expect(
      (await staff.api.get(`/api/meetings/${meeting.id}/agenda-suggestions`)).body
        .projectReviewItem,
    ).toMatchObject({ id: applied.agendaItem.id });
    await staff.api.get('/api/meetings/99999/agenda-suggestions').expect(404);

    const empty = await createMeeting(t, '2026-03-05T08:00:00Z');
    const none = await staff.api
      .post(`/api/meetings/${empty.id}/agenda-suggestions/apply`)
      .expect(422);
    expect(none.body).toMatchObject({
      code: 'errors.project.noneDue',
      message: 'Aucun projet n’est à revoir d’ici cette réunion.',
    });
  });

  it('records the origin meeting and agenda item, refusing an item of another meeting', async () => {
    const lead = await createPartner(t);
    const meeting = await createMeeting(t, '2026-02-20T09:00:00Z');
    const other = await createMeeting(t, '2026-02-27T09:00:00Z');
    const item = await t.dataSource.getRepository(AgendaItem).save({
      meetingId: meeting.id,
      position: 1,
      title: 'Tour de table',
      kind: 'round-of-news',
      presenterContactId: null,
      plannedMinutes: null,
      summary: null,
      decisions: null,
    });
    const project = await createProject(staff, {
      leadPartnerId: lead.partner.id,
      originAgendaItemId: item.id,
    });
    expect(project).toMatchObject({
      originMeeting: { id: meeting.id, title: 'Réunion de réseau' },
      originAgendaItem: { id: item.id, title: 'Tour de table' },
    });
    const wrong = await staff.api
      .post('/api/projects')
      .send({
        title: 'X',
        leadPartnerId: lead.partner.id,
        originMeetingId: other.id,
        originAgendaItemId: item.id,
      })
      .expect(422);
    expect(wrong.body.field).toBe('originAgendaItemId');
    const missing = await staff.api
      .post('/api/projects')
      .send({ title: 'X', leadPartnerId: lead.partner.id, originMeetingId: 99999 })
      .expect(422);
    expect(missing.body.field).toBe('originMeetingId');
    const theme = await createTheme(staff, { title: 'Clauses sociales' });
    const themed = await createProject(staff, {
      leadPartnerId: lead.partner.id,
      originThemeId: theme.id,
    });
    expect(themed.originTheme).toEqual({ id: theme.id, title: 'Clauses sociales' });
    const noTheme = await staff.api
      .post('/api/projects')
      .send({ title: 'X', leadPartnerId: lead.partner.id, originThemeId: 99999 })
      .expect(422);
    expect(noTheme.body.field).toBe('originThemeId');
    const list = (await staff.api.get(`/api/projects?originMeetingId=${meeting.id}`)).body;
    expect(list.items.map((p: { id: number }) => p.id)).toEqual([project.id]);
  });

  it('reminds the lead partner contacts once per cadence period, and coordinators weekly', async () => {
    const lead = await createPartner(t, { name: 'Porteur', contacts: ['Ana', 'Bob'] });
    const { id } = await createProject(staff, {
      title: 'À relancer',
      leadPartnerId: lead.partner.id,
      status: 'launched',
      cadenceDays: 30,
    });
    const reminders = t.app.get(ProjectRemindersService);
    const outbox = () => t.dataSource.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });

    t.clock.set(day(20)); // due soon: nothing yet
    expect(await reminders.runOnce()).toEqual({ reminders: 0, digests: 0 });

    t.clock.set(day(31)); // overdue: one reminder per contact, one digest per coordinator
    expect(await reminders.runOnce()).toEqual({ reminders: 2, digests: 1 });
    t.clock.set(day(32));
    expect(await reminders.runOnce()).toEqual({ reminders: 0, digests: 0 }); // same period, same week
    const sent = await outbox();
    const toContacts = sent.filter((m) => m.purpose === 'project-reminder');
    expect(toContacts.map((m) => m.recipientEmail).sort()).toEqual(
      lead.contacts.map((c) => c.email).sort(),
    );
    expect(toContacts[0].subject).toContain('À relancer');
    const digest = sent.find((m) => m.purpose === 'digest')!;
    expect(digest.recipientEmail).toBe(staff.user.email);
    expect(digest.text).toContain('À relancer');

    // The reminder carries a personal link that works.
    const token = /\/follow-up\/([\w-]+)/.exec(toContacts[0].text!)![1];
    await request(t.http)
      .post(`/api/follow-up-links/${token}/follow-ups`)
      .send({ text: 'Nouvelles du porteur' })
      .expect(201);

    // A follow-up opens a new period: the next time it becomes due, one more reminder each.
    t.clock.set(day(32 + 31));
    expect(await reminders.runOnce()).toMatchObject({ reminders: 2, digests: 1 });
    t.clock.set(day(32 + 33));
    expect(await reminders.runOnce()).toMatchObject({ reminders: 0 });
    expect((await outbox()).filter((m) => m.purpose === 'project-reminder')).toHaveLength(4);
    // The project page lists them, each with its recipient and state.
    const page = await staff.api.get(`/projects/${id}`).set('Accept', 'text/html').expect(200);
    const listed = page.text.slice(page.text.indexOf('Relances envoyées au porteur'));
    expect(listed.match(/— (Ana|Bob) \(En attente\)/g)).toHaveLength(4);
    const other = await createProject(staff, { title: 'Autre', leadPartnerId: lead.partner.id });
    const quiet = await staff.api.get(`/projects/${other.id}`).set('Accept', 'text/html');
    expect(quiet.text).toContain('Aucune relance pour le moment.');

    // A snoozed project is not reminded.
    await staff.api.post(`/api/projects/${id}/follow-ups`).send({ text: 'Point' }).expect(201);
    t.clock.advanceDays(29);
    await staff.api
      .post(`/api/projects/${id}/snooze`)
      .send({ until: '2026-07-30', reason: 'Été' })
      .expect(200);
    t.clock.advanceDays(5);
    expect(await reminders.runOnce()).toMatchObject({ reminders: 0 });
  });

  it('serves the personal link page and saves a follow-up from its form', async () => {
    const lead = await createPartner(t, { name: 'Porteur', contacts: ['Ana'] });
    const { id } = await createProject(staff, {
      title: 'Chantier <école>',
      leadPartnerId: lead.partner.id,
      status: 'launched',
    });
    const { token } = (
      await staff.api.post(`/api/projects/${id}/links`).send({ contactId: lead.contacts[0].id })
    ).body;
    const page = await request(t.http).get(`/follow-up/${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/html/);
    expect(page.text).toContain('Chantier &lt;école&gt;');
    expect(page.headers['cache-control']).toBe('no-store');
    const refused = await request(t.http)
      .post(`/follow-up/${token}`)
      .type('form')
      .send({ text: '', nextStepDue: '' })
      .expect(422);
    expect(refused.text).toContain('« Où en est le projet ? » : écrivez quelques lignes');
    // Bad input: French messages naming the field, and what was typed stays in the form.
    const badDate = await request(t.http)
      .post(`/follow-up/${token}`)
      .type('form')
      .send({ date: '2026-02-30', text: 'Réunion avec la mairie', nextStepDue: 'demain' })
      .expect(422);
    expect(badDate.text).toContain('Date : indiquez une date valide');
    expect(badDate.text).toContain('« Pour le » : indiquez une date valide');
    expect(badDate.text).not.toMatch(/must be|should not/);
    expect(badDate.text).toContain('>Réunion avec la mairie</textarea>');
    expect(badDate.text).toContain('value="demain"');
    // A broken rule: its own explanation, and what was typed stays in the form.
    const broken = await request(t.http)
      .post(`/follow-up/${token}`)
      .type('form')
      .send({ text: 'Visite du chantier', nextStep: '', nextStepDue: '2026-03-10' })
      .expect(422);
    expect(broken.text).toContain('Une échéance demande une prochaine étape.');
    expect(broken.text).toContain('>Visite du chantier</textarea>');
    expect((await staff.api.get(`/api/projects/${id}/follow-ups`)).body).toHaveLength(0);
    const posted = await request(t.http)
      .post(`/follow-up/${token}`)
      .type('form')
      .send({ text: 'Le chantier avance', nextStep: '', nextStepDue: '' })
      .expect(303);
    expect(posted.headers.location).toBe(`/follow-up/${token}?saved=1`);
    const saved = await request(t.http).get(posted.headers.location).expect(200);
    expect(saved.text).toContain('Merci, votre suivi est enregistré.');
    // The page words the author in its language; only the name is stored.
    expect(saved.text).toContain('Ana (lien personnel)');
    // Its day in words, as every page writes it (the partner never sees 2026-03-02).
    const day = followUpsDay(t.clock.now());
    expect(saved.text).toContain(`<strong>${formatCalendarDate(day, 'fr')}</strong>`);
    expect(saved.text).not.toContain(`<strong>${day}</strong>`);
    expect(saved.text).not.toContain('personal link');
    const followUps = (await staff.api.get(`/api/projects/${id}/follow-ups`)).body;
    expect(followUps[0]).toMatchObject({
      text: 'Le chantier avance',
      author: { label: 'Ana', contactId: expect.any(Number) as unknown },
    });
    await request(t.http).get('/follow-up/unknown').set('Accept', 'text/html').expect(404);
  });

  it('words the personal link page in English with LOCALE=en', async () => {
    const english = await createTestApp({ now: '2026-03-02T09:00:00Z', env: { LOCALE: 'en' } });
    try {
      const coordinator = await createStaff(english);
      const lead = await createPartner(english, { name: 'Lead', contacts: ['Ana'] });
      const { id } = await createProject(coordinator, {
        title: 'Repair café',
        leadPartnerId: lead.partner.id,
        status: 'launched',
      });
      const { token } = (
        await coordinator.api
          .post(`/api/projects/${id}/links`)
          .send({ contactId: lead.contacts[0].id })
      ).body;
      const refused = await request(english.http)
        .post(`/follow-up/${token}`)
        .type('form')
        .send({ date: '2026-02-30', text: 'Going well' })
        .expect(422);
      expect(refused.text).toContain('Date: give a valid date (day/month/year).');
      expect(refused.text).toContain('>Going well</textarea>');
    } finally {
      await english.close();
    }
  });
});
