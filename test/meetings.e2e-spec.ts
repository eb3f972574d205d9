import request from 'supertest';
import type { MeetingDetail } from '../src/meetings/meetings.service';
import { createStaff, Staff } from './support/staff';
import { createMeeting, invite, MEETING, seedPartners } from './support/meetings';
import { createTestApp, TestApp } from './support/test-app';

describe('meetings', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  describe('scheduling', () => {
    it('creates a meeting, stored in UTC, planned, sequence 0', async () => {
      const response = await staff.api
        .post('/api/meetings')
        .send({ ...MEETING, startsAt: '2026-03-12T09:30:00+01:00' })
        .expect(201);
      expect(response.body).toMatchObject({
        title: MEETING.title,
        kind: 'network-meeting',
        startsAt: '2026-03-12T08:30:00.000Z',
        endsAt: '2026-03-12T11:00:00.000Z',
        status: 'planned',
        sequence: 0,
        latitude: 50.4541,
      });
    });

    it('refuses an end before the start, naming the field', async () => {
      const response = await staff.api
        .post('/api/meetings')
        .send({ ...MEETING, endsAt: '2026-03-12T08:00:00Z' })
        .expect(422);
      expect(response.body.field).toBe('endsAt');
      const meeting = await createMeeting(staff);
      const patched = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ startsAt: '2026-03-12T12:00:00Z' })
        .expect(422);
      expect(patched.body.field).toBe('startsAt');
    });

    it('answers 400 naming each bad field', async () => {
      const response = await staff.api
        .post('/api/meetings')
        .send({
          title: '',
          kind: 'party',
          startsAt: '2026-03-12 08:30',
          endsAt: 'soon',
          latitude: 200,
          onlineUrl: 'not a url',
          extra: 1,
        })
        .expect(400);
      const fields = (response.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(
        // A latitude without its longitude names the longitude too (they go together).
        ['endsAt', 'extra', 'kind', 'latitude', 'longitude', 'onlineUrl', 'startsAt', 'title'],
      );
      await staff.api.get('/api/meetings/abc').expect(400);
      const huge = await staff.api.get('/api/meetings/99999999999').expect(400);
      expect(huge.body.errors[0].field).toBe('id');
      await staff.api.get('/api/meetings/0').expect(400);
      await staff.api.get('/api/meetings/99999').expect(404);
      await staff.api.get('/api/meetings?status=maybe').expect(400);
    });

    it('needs a signed-in user', async () => {
      await request(t.http).get('/api/meetings').expect(401);
    });

    it('grows the sequence with every change and moves planned → held → closed', async () => {
      const meeting = await createMeeting(staff);
      const a = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ venueName: 'Salle B' })
        .expect(200);
      expect(a.body.sequence).toBe(1);
      const unchanged = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ venueName: 'Salle B' })
        .expect(200);
      expect(unchanged.body.sequence).toBe(1);
      const early = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ status: 'held' })
        .expect(422);
      expect(early.body.field).toBe('status');
      await staff.api.patch(`/api/meetings/${meeting.id}`).send({ status: 'closed' }).expect(422);
      t.clock.set('2026-03-12T09:00:00Z');
      try {
        const held = await staff.api
          .patch(`/api/meetings/${meeting.id}`)
          .send({ status: 'held' })
          .expect(200);
        expect(held.body).toMatchObject({ status: 'held', sequence: 2 });
        const closed = await staff.api
          .patch(`/api/meetings/${meeting.id}`)
          .send({ status: 'closed' })
          .expect(200);
        expect(closed.body).toMatchObject({ status: 'closed', sequence: 3 });
      } finally {
        t.clock.set('2026-03-02T09:00:00Z');
      }
    });

    it('takes latitude and longitude together or neither, as partners and speakers do', async () => {
      const half = await staff.api
        .post('/api/meetings')
        .send({ ...MEETING, latitude: null, longitude: 2.39 })
        .expect(400);
      expect(half.body.errors[0].field).toBe('latitude');
      const meeting = await createMeeting(staff, { latitude: 48.79, longitude: 2.39 });
      const cleared = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ latitude: null })
        .expect(422);
      expect(cleared.body).toMatchObject({ code: 'errors.input.coordinatesPaired' });
      await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ latitude: null, longitude: null })
        .expect(200);
    });

    it('cancels with a reason; a cancelled meeting is neither changed nor cancelled again', async () => {
      const meeting = await createMeeting(staff);
      const missing = await staff.api
        .post(`/api/meetings/${meeting.id}/cancel`)
        .send({})
        .expect(400);
      expect(missing.body.errors[0].field).toBe('reason');
      const cancelled = await staff.api
        .post(`/api/meetings/${meeting.id}/cancel`)
        .send({ reason: 'Salle indisponible' })
        .expect(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Salle indisponible',
        sequence: 1,
      });
      await staff.api
        .post(`/api/meetings/${meeting.id}/cancel`)
        .send({ reason: 'encore' })
        .expect(422);
      const patch = await staff.api
        .patch(`/api/meetings/${meeting.id}`)
        .send({ title: 'Autre' })
        .expect(422);
      expect(patch.body.field).toBe('status');
    });
  });

  describe('listing', () => {
    it('pages and filters by status, period and upcoming', async () => {
      const april = await createMeeting(staff, {
        title: 'Avril',
        startsAt: '2026-04-02T08:00:00Z',
        endsAt: '2026-04-02T10:00:00Z',
      });
      const february = await createMeeting(staff, {
        title: 'Février',
        startsAt: '2026-02-02T08:00:00Z',
        endsAt: '2026-02-02T10:00:00Z',
      });
      const inApril = await staff.api
        .get('/api/meetings?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z')
        .expect(200);
      expect(inApril.body.items.map((m: { id: number }) => m.id)).toEqual([april.id]);
      const upcoming = await staff.api.get('/api/meetings?upcoming=true&pageSize=100').expect(200);
      const ids = upcoming.body.items.map((m: { id: number }) => m.id);
      expect(ids).toContain(april.id);
      expect(ids).not.toContain(february.id);
      expect(upcoming.body.items.every((m: { status: string }) => m.status !== 'cancelled')).toBe(
        true,
      );
      const starts = upcoming.body.items.map((m: { startsAt: string }) => m.startsAt);
      expect([...starts].sort()).toEqual(starts);
      const past = await staff.api.get('/api/meetings?upcoming=false').expect(200);
      expect(past.body.items.map((m: { id: number }) => m.id)).toEqual([february.id]);
      const cancelled = await staff.api.get('/api/meetings?status=cancelled').expect(200);
      expect(cancelled.body.total).toBeGreaterThanOrEqual(1);
      const page = await staff.api.get('/api/meetings?pageSize=2&page=2').expect(200);
      expect(page.body).toMatchObject({ page: 2, pageSize: 2 });
      expect(page.body.items).toHaveLength(2);
    });
  });

  describe('GET /api/meetings/:id', () => {
    async function queriesFor(
      partnerCount: number,
    ): Promise<{ queries: number; body: MeetingDetail }> {
      const partners = await seedPartners(t, partnerCount, { contacts: 1 });
      const meeting = await createMeeting(staff);
      const tokens = await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      for (const partner of partners.slice(0, 3)) {
        await request(t.http)
          .post(`/r/${tokens.get(partner.id)}`)
          .type('form')
          .send({ answer: 'coming', contactIds: String(partner.contactIds[0]) })
          .expect(200);
      }
      await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({
          title: 'Tour de table',
          kind: 'round-of-news',
          presenterContactId: partners[0].contactIds[0],
        })
        .expect(201);
      const before = t.queries.total;
      const response = await staff.api.get(`/api/meetings/${meeting.id}`).expect(200);
      return { queries: t.queries.total - before, body: response.body };
    }

    it('returns the meeting, invitations, attendance and agenda in a constant number of queries', async () => {
      const small = await queriesFor(5);
      const large = await queriesFor(200);
      expect(small.body.invitations).toHaveLength(5);
      expect(large.body.invitations).toHaveLength(200);
      expect(large.body.counts).toMatchObject({
        invited: 200,
        coming: 3,
        noAnswer: 197,
        expectedPeople: 3,
      });
      expect(large.body.invitations.find((i) => i.answer === 'coming')).toMatchObject({
        partnerName: expect.stringMatching(/^Partenaire/),
        expected: [expect.objectContaining({ fullName: expect.stringMatching(/^Contact 1 de/) })],
      });
      expect(large.body.agenda[0]).toMatchObject({
        title: 'Tour de table',
        presenterName: expect.stringMatching(/^Contact 1/),
        presenterPartnerName: expect.stringMatching(/^Partenaire/),
      });
      expect(large.queries).toBe(small.queries);
      // The token check, then the meeting, its invitations with their attendees, its agenda.
      expect(small.queries).toBe(4);
    });
  });

  describe('agenda', () => {
    it('adds, moves, reorders, changes and removes items, kept numbered 1..n', async () => {
      const [partner] = await seedPartners(t, 1);
      const meeting = await createMeeting(staff);
      const url = `/api/meetings/${meeting.id}/agenda-items`;
      const a = (
        await staff.api
          .post(url)
          .send({ title: 'Accueil', kind: 'other', plannedMinutes: 10 })
          .expect(201)
      ).body;
      const b = (
        await staff.api.post(url).send({ title: 'Actualités', kind: 'round-of-news' }).expect(201)
      ).body;
      const c = (
        await staff.api
          .post(url)
          .send({
            title: 'Présentation',
            kind: 'presentation',
            presenterContactId: partner.contactIds[0],
            position: 1,
          })
          .expect(201)
      ).body;
      const order = async () =>
        (await staff.api.get(url).expect(200)).body.map((i: { id: number; position: number }) => [
          i.id,
          i.position,
        ]);
      expect(await order()).toEqual([
        [c.id, 1],
        [a.id, 2],
        [b.id, 3],
      ]);
      await staff.api
        .patch(`/api/agenda-items/${c.id}`)
        .send({ position: 3, summary: 'Fait', decisions: 'Suivi en mai' })
        .expect(200);
      expect(await order()).toEqual([
        [a.id, 1],
        [b.id, 2],
        [c.id, 3],
      ]);
      await staff.api
        .put(`${url}/order`)
        .send({ ids: [b.id, c.id, a.id] })
        .expect(200);
      expect(await order()).toEqual([
        [b.id, 1],
        [c.id, 2],
        [a.id, 3],
      ]);
      const bad = await staff.api
        .put(`${url}/order`)
        .send({ ids: [b.id, c.id] })
        .expect(422);
      expect(bad.body.field).toBe('ids');
      await staff.api.delete(`/api/agenda-items/${b.id}`).expect(204);
      expect(await order()).toEqual([
        [c.id, 1],
        [a.id, 2],
      ]);
      const items = (await staff.api.get(url).expect(200)).body;
      expect(items[0]).toMatchObject({
        summary: 'Fait',
        decisions: 'Suivi en mai',
        presenterContactId: partner.contactIds[0],
      });
      await staff.api
        .patch(`/api/agenda-items/${c.id}`)
        .send({ presenterContactId: null })
        .expect(200);
      expect((await staff.api.get(url)).body[0].presenterContactId).toBeNull();
    });

    it('refuses a presenter who is not a contact, and bad input, naming the field', async () => {
      const meeting = await createMeeting(staff);
      const url = `/api/meetings/${meeting.id}/agenda-items`;
      const unknown = await staff.api
        .post(url)
        .send({ title: 'X', kind: 'other', presenterContactId: 999999 })
        .expect(422);
      expect(unknown.body.field).toBe('presenterContactId');
      const bad = await staff.api
        .post(url)
        .send({ title: 'X', kind: 'talk', plannedMinutes: 0 })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'kind',
        'plannedMinutes',
      ]);
      const item = (await staff.api.post(url).send({ title: 'X', kind: 'other' }).expect(201)).body;
      const nullTitle = await staff.api
        .patch(`/api/agenda-items/${item.id}`)
        .send({ title: null })
        .expect(400);
      expect(nullTitle.body.errors[0].field).toBe('title');
      await staff.api.patch('/api/agenda-items/999999').send({ title: 'Y' }).expect(404);
    });
  });

  describe('staff page', () => {
    it('shows the meeting in French, in the network time zone, with user text escaped', async () => {
      const meeting = await createMeeting(staff, { title: 'Réunion <script>alert(1)</script>' });
      await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title: 'Tour de table', kind: 'round-of-news', plannedMinutes: 30 })
        .expect(201);
      const page = await staff.api
        .get(`/meetings/${meeting.id}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.text).toContain('jeudi 12 mars 2026, 9 h 30');
      expect(page.text).toContain('Tour de table');
      expect(page.text).toContain('Réunion de réseau');
      expect(page.text).not.toContain('<script>alert(1)</script>');
      expect(page.text).toContain('&lt;script&gt;');
      await request(t.http).get(`/meetings/${meeting.id}`).expect(401);
    });
  });
});
