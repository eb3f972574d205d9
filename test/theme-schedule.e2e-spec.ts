import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Transactions } from '../src/database/transactions';
import { AgendaItem } from '../src/meetings/agenda/agenda-item.entity';
import { Meeting } from '../src/meetings/meeting.entity';
import { MeetingCancellationHooks } from '../src/meetings/meeting-cancellation.hooks';
import { greatCircleKm } from '../src/themes/speakers/geo';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';
import {
  createAgendaItem,
  createMeeting,
  createSpeaker,
  createTheme,
  PLACES,
  fieldsOf,
} from './support/themes';

describe('themes on meeting agendas', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set('2026-03-02T09:00:00Z'));

  const status = async (themeId: number) =>
    (await staff.api.get(`/api/themes/${themeId}`).expect(200)).body as {
      status: string;
      lastPresentedAt: string | null;
      presentations: { meetingId: number; speaker: { name: string } | null }[];
      scheduledOn: { agendaItemId: number }[];
    };

  it('schedules a theme with a speaker (→ scheduled), fixing fee and travel', async () => {
    const theme = await createTheme(staff);
    const speaker = await createSpeaker(staff, { feeCents: 15000, ...PLACES.comines });
    const meeting = await createMeeting(t, { place: PLACES.lille });
    const item = await createAgendaItem(t, meeting.id);
    const response = await staff.api
      .post(`/api/themes/${theme.id}/schedule`)
      .send({ agendaItemId: item.id, speakerId: speaker.id })
      .expect(200);
    const travel = Math.round(2 * greatCircleKm(PLACES.comines, PLACES.lille) * 40);
    expect(response.body).toMatchObject({
      agendaItemId: item.id,
      meetingId: meeting.id,
      presentedAt: null,
      speaker: { id: speaker.id, name: 'Anne Intervenante' },
      speakerFeeCents: 15000,
      speakerFeeFormatted: '150,00 €',
      speakerTravelCents: travel,
    });
    const detail = await status(theme.id);
    expect(detail.status).toBe('scheduled');
    expect(detail.scheduledOn.map((e) => e.agendaItemId)).toEqual([item.id]);
    expect(detail.presentations).toEqual([]);
    // A later fee change does not rewrite what was booked.
    await staff.api.patch(`/api/speakers/${speaker.id}`).send({ feeCents: 99900 }).expect(200);
    const row = await t.dataSource.getRepository(AgendaItem).findOneByOrFail({ id: item.id });
    expect(row.speakerFeeCents).toBe(15000);
  });

  it('records the presentation once the meeting has started (→ presented), and by whom', async () => {
    const theme = await createTheme(staff);
    const speaker = await createSpeaker(staff, { name: 'Léa Oratrice' });
    const meeting = await createMeeting(t, { startsAt: '2026-03-12T09:00:00Z' });
    const item = await createAgendaItem(t, meeting.id);
    await staff.api
      .post(`/api/themes/${theme.id}/schedule`)
      .send({ agendaItemId: item.id, speakerId: speaker.id })
      .expect(200);
    const early = await staff.api
      .post(`/api/themes/${theme.id}/presented`)
      .send({ agendaItemId: item.id })
      .expect(422);
    expect(early.body.field).toBe('agendaItemId');
    expect((await status(theme.id)).status).toBe('scheduled');

    t.clock.set('2026-03-12T10:00:00Z');
    const done = await staff.api
      .post(`/api/themes/${theme.id}/presented`)
      .send({ agendaItemId: item.id })
      .expect(200);
    expect(done.body.presentedAt).toBe('2026-03-12T09:00:00.000Z');
    const detail = await status(theme.id);
    expect(detail.status).toBe('presented');
    expect(detail.lastPresentedAt).toBe('2026-03-12T09:00:00.000Z');
    expect(detail.presentations).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        speaker: { id: speaker.id, name: 'Léa Oratrice' },
      }),
    ]);
    expect(detail.scheduledOn).toEqual([]);
    const speakerNow = await staff.api.get(`/api/speakers/${speaker.id}`).expect(200);
    expect(speakerNow.body.lastSpokeAt).toBe('2026-03-12T09:00:00.000Z');
    // Recording it twice changes nothing.
    await staff.api
      .post(`/api/themes/${theme.id}/presented`)
      .send({ agendaItemId: item.id })
      .expect(200);

    // Scheduled again at a later meeting: scheduled; taken off it: presented again.
    const next = await createMeeting(t, { startsAt: '2026-09-10T09:00:00Z' });
    const nextItem = await createAgendaItem(t, next.id);
    await staff.api
      .post(`/api/themes/${theme.id}/schedule`)
      .send({ agendaItemId: nextItem.id })
      .expect(200);
    expect((await status(theme.id)).status).toBe('scheduled');
    await staff.api
      .post(`/api/themes/${theme.id}/unschedule`)
      .send({ agendaItemId: nextItem.id })
      .expect(204);
    expect((await status(theme.id)).status).toBe('presented');
    // What was presented is history.
    const history = await staff.api
      .post(`/api/themes/${theme.id}/unschedule`)
      .send({ agendaItemId: item.id })
      .expect(409);
    expect(history.body.field).toBe('agendaItemId');
  });

  it('unscheduling a never-presented theme brings it back to proposed', async () => {
    const theme = await createTheme(staff);
    const item = await createAgendaItem(t, (await createMeeting(t)).id);
    await staff.api.post(`/api/themes/${theme.id}/schedule`).send({ agendaItemId: item.id });
    await staff.api
      .post(`/api/themes/${theme.id}/unschedule`)
      .send({ agendaItemId: item.id })
      .expect(204);
    expect((await status(theme.id)).status).toBe('proposed');
  });

  describe('when a meeting is cancelled', () => {
    const schedule = (themeId: number, agendaItemId: number) =>
      staff.api.post(`/api/themes/${themeId}/schedule`).send({ agendaItemId }).expect(200);
    const cancel = (meetingId: number) =>
      staff.api.post(`/api/meetings/${meetingId}/cancel`).send({ reason: 'Salle indisponible' });
    const themeAudit = (themeId: number) =>
      t.dataSource
        .getRepository(AuditEntry)
        .findBy({ entityType: 'theme', entityId: String(themeId), action: 'update' });

    it('gives its themes back the status they had before being scheduled, in the trail', async () => {
      const fresh = await createTheme(staff, { title: 'Mobilité' });
      const presented = await createTheme(staff, { title: 'Logement' });
      const elsewhere = await createTheme(staff, { title: 'Numérique' });
      // "Logement" was presented in March, then planned again for the cancelled meeting.
      const march = await createMeeting(t, { startsAt: '2026-03-12T09:00:00Z' });
      const marchItem = await createAgendaItem(t, march.id);
      await schedule(presented.id, marchItem.id);
      t.clock.set('2026-03-12T10:00:00Z');
      await staff.api
        .post(`/api/themes/${presented.id}/presented`)
        .send({ agendaItemId: marchItem.id })
        .expect(200);
      const june = await createMeeting(t, { startsAt: '2026-06-11T09:00:00Z' });
      const september = await createMeeting(t, { startsAt: '2026-09-10T09:00:00Z' });
      await schedule(fresh.id, (await createAgendaItem(t, june.id, 'Mobilité', 1)).id);
      await schedule(presented.id, (await createAgendaItem(t, june.id, 'Logement', 2)).id);
      await schedule(elsewhere.id, (await createAgendaItem(t, june.id, 'Numérique', 3)).id);
      await schedule(elsewhere.id, (await createAgendaItem(t, september.id)).id);
      for (const theme of [fresh, presented, elsewhere])
        expect((await status(theme.id)).status).toBe('scheduled');

      await cancel(june.id).expect(200);
      expect((await status(fresh.id)).status).toBe('proposed');
      expect((await status(presented.id)).status).toBe('presented');
      // Still planned for September: still scheduled, and nothing to write in the trail.
      expect((await status(elsewhere.id)).status).toBe('scheduled');
      expect(await themeAudit(fresh.id)).toEqual([
        expect.objectContaining({
          actorUserId: staff.user.id,
          changes: { status: { before: 'scheduled', after: 'proposed' } },
        }),
      ]);
      expect(await themeAudit(presented.id)).toEqual([
        expect.objectContaining({
          changes: { status: { before: 'scheduled', after: 'presented' } },
        }),
      ]);
      expect(await themeAudit(elsewhere.id)).toEqual([]);
      // September cancelled too: nothing plans it any more.
      await cancel(september.id).expect(200);
      expect((await status(elsewhere.id)).status).toBe('proposed');
    });

    it('changes nothing when the cancellation fails (one transaction)', async () => {
      const theme = await createTheme(staff, { title: 'Insertion' });
      const meeting = await createMeeting(t, { startsAt: '2026-10-08T09:00:00Z' });
      await schedule(theme.id, (await createAgendaItem(t, meeting.id)).id);
      const hooks = t.app.get(MeetingCancellationHooks);
      // A feature registered after themes fails: the whole cancellation is rolled back.
      hooks.register('failing-feature', () => Promise.reject(new Error('disk full')));
      try {
        await cancel(meeting.id).expect(500);
      } finally {
        hooks.register('failing-feature', () => Promise.resolve());
      }
      expect((await status(theme.id)).status).toBe('scheduled');
      expect(await themeAudit(theme.id)).toEqual([]);
      const row = await t.dataSource.getRepository(Meeting).findOneByOrFail({ id: meeting.id });
      expect(row.status).toBe('planned');
    });
  });

  it('shows in the stale list 12 months after its last presentation', async () => {
    const theme = await createTheme(staff, { title: 'Oublié' });
    const meeting = await createMeeting(t, { startsAt: '2026-02-20T09:00:00Z' });
    const item = await createAgendaItem(t, meeting.id);
    await staff.api.post(`/api/themes/${theme.id}/schedule`).send({ agendaItemId: item.id });
    await staff.api
      .post(`/api/themes/${theme.id}/presented`)
      .send({ agendaItemId: item.id })
      .expect(200);
    const stale = async () =>
      (await staff.api.get('/api/themes?view=stale&pageSize=100').expect(200)).body.items.map(
        (i: { id: number }) => i.id,
      );
    expect(await stale()).not.toContain(theme.id);
    t.clock.set('2027-02-21T09:00:00Z');
    expect(await stale()).toContain(theme.id);
  });

  it('refuses what breaks the rules, naming the field', async () => {
    const theme = await createTheme(staff);
    const other = await createTheme(staff);
    const meeting = await createMeeting(t);
    const item = await createAgendaItem(t, meeting.id);
    const schedule = (id: number, body: Record<string, unknown>) =>
      staff.api.post(`/api/themes/${id}/schedule`).send(body);

    let r = await schedule(theme.id, {}).expect(400);
    expect(fieldsOf(r.body)).toContain('agendaItemId');
    r = await schedule(theme.id, { agendaItemId: 999999 }).expect(422);
    expect(r.body.field).toBe('agendaItemId');
    r = await schedule(theme.id, { agendaItemId: item.id, speakerId: 999999 }).expect(422);
    expect(r.body.field).toBe('speakerId');
    await schedule(999999, { agendaItemId: item.id }).expect(404);

    await schedule(theme.id, { agendaItemId: item.id }).expect(200);
    r = await schedule(other.id, { agendaItemId: item.id }).expect(409);
    expect(r.body.field).toBe('agendaItemId');

    r = await staff.api
      .post(`/api/themes/${other.id}/presented`)
      .send({ agendaItemId: item.id })
      .expect(422);
    expect(r.body.field).toBe('agendaItemId');

    const archivedSpeaker = await createSpeaker(staff);
    await staff.api.post(`/api/speakers/${archivedSpeaker.id}/archive`).expect(200);
    r = await schedule(theme.id, { agendaItemId: item.id, speakerId: archivedSpeaker.id });
    expect(r.status).toBe(422);
    expect(r.body.field).toBe('speakerId');

    const cancelled = await createMeeting(t, { status: 'cancelled' });
    const cancelledItem = await createAgendaItem(t, cancelled.id);
    r = await schedule(other.id, { agendaItemId: cancelledItem.id }).expect(422);
    expect(r.body.field).toBe('agendaItemId');

    await staff.api.post(`/api/themes/${other.id}/archive`).expect(200);
    const free = await createAgendaItem(t, meeting.id, 'Libre', 2);
    r = await schedule(other.id, { agendaItemId: free.id }).expect(422);
    expect(r.body.field).toBe('status');
  });

  describe('speaker costs over a period', () => {
    it('totals fees and travel by theme, for meetings in the period', async () => {
      const mobility = await createTheme(staff, { title: 'Mobilité (coûts)' });
      const housing = await createTheme(staff, { title: 'Logement (coûts)' });
      const near = await createSpeaker(staff, { feeCents: 10000, ...PLACES.roubaix });
      const unknown = await createSpeaker(staff, { feeCents: 5000 });
      const book = async (
        themeId: number,
        speakerId: number,
        startsAt: string,
        cancelled = false,
      ) => {
        const meeting = await createMeeting(t, { startsAt, place: PLACES.lille });
        const item = await createAgendaItem(t, meeting.id);
        await staff.api
          .post(`/api/themes/${themeId}/schedule`)
          .send({ agendaItemId: item.id, speakerId })
          .expect(200);
        if (cancelled)
          await t.app
            .get(Transactions)
            .run((m) =>
              m.getRepository('Meeting').update({ id: meeting.id }, { status: 'cancelled' }),
            );
      };
      await book(mobility.id, near.id, '2030-01-10T09:00:00Z');
      await book(mobility.id, unknown.id, '2030-02-10T09:00:00Z');
      await book(housing.id, near.id, '2030-03-10T09:00:00Z');
      await book(housing.id, near.id, '2030-06-10T09:00:00Z'); // after the period
      await book(housing.id, near.id, '2030-02-11T09:00:00Z', true); // cancelled
      // 1 January 00:30 in Brussels is still 2029 in UTC: it belongs to 2030 here.
      await book(housing.id, unknown.id, '2029-12-31T23:30:00Z');

      const response = await staff.api
        .get('/api/stats/speaker-costs?from=2030-01-01&to=2030-03-31')
        .expect(200);
      const travel = Math.round(2 * greatCircleKm(PLACES.roubaix, PLACES.lille) * 40);
      const byTitle = Object.fromEntries(
        response.body.byTheme.map((line: { title: string }) => [line.title, line]),
      );
      expect(byTitle['Mobilité (coûts)']).toMatchObject({
        themeId: mobility.id,
        interventions: 2,
        feeCents: 15000,
        travelCents: travel,
        totalCents: 15000 + travel,
        unknownTravel: 1,
        feeFormatted: '150,00 €',
      });
      expect(byTitle['Logement (coûts)']).toMatchObject({
        interventions: 2,
        feeCents: 15000,
        travelCents: travel,
        unknownTravel: 1,
      });
      expect(response.body.total).toMatchObject({
        interventions: 4,
        feeCents: 30000,
        feeFormatted: '300,00 €',
        travelCents: 2 * travel,
        totalCents: 30000 + 2 * travel,
      });
    });

    it('answers bad periods with a 4xx naming the field', async () => {
      let r = await staff.api.get('/api/stats/speaker-costs?to=2030-01-01').expect(400);
      expect(fieldsOf(r.body)).toContain('from');
      r = await staff.api.get('/api/stats/speaker-costs?from=2030-02-30&to=2030-03-01').expect(400);
      expect(fieldsOf(r.body)).toContain('from');
      r = await staff.api.get('/api/stats/speaker-costs?from=2030-01-01&to=31/12/2030').expect(400);
      expect(fieldsOf(r.body)).toContain('to');
      r = await staff.api.get('/api/stats/speaker-costs?from=2030-03-01&to=2030-01-01').expect(422);
      expect(r.body.field).toBe('to');
      const empty = await staff.api
        .get('/api/stats/speaker-costs?from=1990-01-01&to=1990-12-31')
        .expect(200);
      expect(empty.body).toMatchObject({ byTheme: [], total: { interventions: 0, totalCents: 0 } });
    });
  });
});
