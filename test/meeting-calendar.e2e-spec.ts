import ICAL from 'ical.js';
import request from 'supertest';
import { createMeeting, invite, seedPartners } from './support/meetings';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

function parse(text: string): { calendar: ICAL.Component; event: ICAL.Component } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { calendar, event };
}

describe('calendar files', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({
      env: { ORGANIZER_NAME: 'ADL de Mons', ORGANIZER_EMAIL: 'adl@mons.example' },
    });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  const ics = async (id: number) => {
    const response = await staff.api.get(`/api/meetings/${id}/ics`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    return response.text;
  };

  it('is downloaded under a name made of its local day and title', async () => {
    const meeting = await createMeeting(staff, {
      title: 'Comité Emploi & Insertion — Mons',
      startsAt: '2026-12-09T23:30:00Z',
      endsAt: '2026-12-10T01:00:00Z',
    });
    const response = await staff.api.get(`/api/meetings/${meeting.id}/ics`).expect(200);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="2026-12-10-comite-emploi-insertion-mons.ics"',
    );
  });

  it('describes the meeting: UID, SEQUENCE, time zone, ORGANIZER, LOCATION, URL', async () => {
    const meeting = await createMeeting(staff, { onlineUrl: 'https://visio.example/abc' });
    const text = await ics(meeting.id);
    const { calendar, event } = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const timezone = calendar.getFirstSubcomponent('vtimezone');
    expect(timezone?.getFirstPropertyValue('tzid')).toBe('Europe/Brussels');
    expect(event.getFirstPropertyValue('uid')).toBe(`meeting-${meeting.id}@maillage.test`);
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('summary')).toBe('Plateforme emploi de mars');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const start = event.getFirstProperty('dtstart')!;
    expect(start.getParameter('tzid')).toBe('Europe/Brussels');
    expect(String(start.getFirstValue())).toBe('2026-03-12T09:30:00');
    expect(String(event.getFirstPropertyValue('dtend'))).toBe('2026-03-12T12:00:00');
    // DTSTAMP stays in UTC.
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    const event2 = new ICAL.Event(event);
    expect(event2.startDate.toJSDate().toISOString()).toBe('2026-03-12T08:30:00.000Z');
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:adl@mons.example');
    expect(organizer.getParameter('cn')).toBe('ADL de Mons');
    expect(event.getFirstPropertyValue('location')).toBe(
      'Maison de l’emploi, Rue de la Station 12, 7000 Mons',
    );
    expect(event.getFirstPropertyValue('geo')).toEqual([50.4541, 3.9523]);
    // The partners' way in: the portal (the staff page would only ask them to sign in).
    expect(event.getFirstPropertyValue('url')).toBe('http://maillage.test/portal');
    expect(String(event.getFirstPropertyValue('description'))).toContain(
      'https://visio.example/abc',
    );
  });

  it('keeps its UID, grows its SEQUENCE with every change, and follows summer time', async () => {
    const meeting = await createMeeting(staff);
    const before = parse(await ics(meeting.id)).event;
    await staff.api
      .patch(`/api/meetings/${meeting.id}`)
      .send({ startsAt: '2026-07-02T07:00:00Z', endsAt: '2026-07-02T09:00:00Z' })
      .expect(200);
    await staff.api.patch(`/api/meetings/${meeting.id}`).send({ title: 'Juillet' }).expect(200);
    const after = parse(await ics(meeting.id)).event;
    expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
    expect(after.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(after.getFirstPropertyValue('dtstart'))).toBe('2026-07-02T09:00:00');
  });

  it('says CANCEL when the meeting is cancelled', async () => {
    const meeting = await createMeeting(staff);
    await staff.api
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'Grève' })
      .expect(200);
    const { calendar, event } = parse(await ics(meeting.id));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('gives each partner a secret feed of its meetings, rotated and revoked', async () => {
    const [partner, other] = await seedPartners(t, 2);
    const mine = await createMeeting(staff, { title: 'Mienne' });
    const cancelled = await createMeeting(staff, { title: 'Annulée' });
    const notMine = await createMeeting(staff, { title: 'Pas la mienne' });
    await invite(staff, mine.id, [partner.id]);
    await invite(staff, cancelled.id, [partner.id]);
    await invite(staff, notMine.id, [other.id]);
    await staff.api.post(`/api/meetings/${cancelled.id}/cancel`).send({ reason: 'x' }).expect(200);

    const created = await staff.api.post(`/api/partners/${partner.id}/calendar-feed`).expect(201);
    const url = created.body.url as string;
    expect(url).toMatch(/^http:\/\/maillage\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(url).pathname;
    const feed = await request(t.http).get(path).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = calendar.getAllSubcomponents('vevent');
    const byTitle = Object.fromEntries(
      events.map((e) => [e.getFirstPropertyValue('summary'), e.getFirstPropertyValue('status')]),
    );
    expect(byTitle).toEqual({ Mienne: 'CONFIRMED', Annulée: 'CANCELLED' });

    const rotated = await staff.api.post(`/api/partners/${partner.id}/calendar-feed`).expect(201);
    await request(t.http).get(path).expect(410);
    const newPath = new URL(rotated.body.url as string).pathname;
    await request(t.http).get(newPath).expect(200);
    await staff.api.delete(`/api/partners/${partner.id}/calendar-feed`).expect(204);
    await request(t.http).get(newPath).expect(410);
    await staff.api.delete(`/api/partners/${partner.id}/calendar-feed`).expect(404);
    const unknown = await request(t.http)
      .get('/calendar/not-a-real-token-at-all-0000.ics')
      .expect(404)
      .expect('Content-Type', /^application\/json/);
    expect(unknown.headers['cache-control']).toBe('no-store');
    await staff.api.post('/api/partners/999999/calendar-feed').expect(404);
    await request(t.http).post(`/api/partners/${partner.id}/calendar-feed`).expect(401);
  });
});
