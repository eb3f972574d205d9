import ICAL from 'ical.js';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeeting, MEETING } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { signInWithForm, type BrowserSession } from './support/session';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

function calendarOf(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    location: event.location,
    attendees: vevent
      .getAllProperties('attendee')
      .map((a) => String(a.getFirstValue()).toLowerCase()),
  };
}

describe('mail to invited partners when a meeting changes time or place', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let mons: { id: number };
  let liege: { id: number };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ now: '2026-03-01T09:00:00Z', env: { SMTP_URL: smtp.url } });
    staff = await createStaff(t);
    mons = await createPartner(staff, { name: 'Mission locale de Mons' });
    await createContact(staff, mons.id, { fullName: 'Hélène Dupré', email: 'helene@mons.test' });
    await createContact(staff, mons.id, { fullName: 'Sans Adresse', email: null });
    liege = await createPartner(staff, { name: 'Forem Liège' });
    await createContact(staff, liege.id, { fullName: 'Zoé N’Diaye', email: 'zoe@liege.test' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  afterEach(() => t.clock.set('2026-03-01T09:00:00Z'));

  const updates = (meetingId: number) =>
    t.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { purpose: 'meeting-updated', groupRef: `meeting-updated:${meetingId}` } });
  const invitedMeeting = async (title: string) => {
    const meeting = await createMeeting(staff, { title });
    await staff.api
      .post(`/api/meetings/${meeting.id}/invitations`)
      .send({ partnerIds: [mons.id, liege.id] })
      .expect(201);
    return meeting;
  };
  const patch = (id: number, body: Record<string, unknown>) =>
    staff.api.patch(`/api/meetings/${id}`).send(body).expect(200);

  it('mails each invited contact the new time with a METHOD:REQUEST .ics, same UID, new SEQUENCE', async () => {
    const meeting = await invitedMeeting('Plateforme déplacée');
    await t.app.get(MailDispatcher).drainOnce();
    smtp.received.length = 0;

    const moved = await patch(meeting.id, {
      startsAt: '2026-03-19T13:00:00Z',
      endsAt: '2026-03-19T15:30:00Z',
    });
    const queued = await updates(meeting.id);
    expect(queued.map((m) => m.recipientEmail).sort()).toEqual([
      'helene@mons.test',
      'zoe@liege.test',
    ]);
    expect(queued.map((m) => m.idempotencyKey).sort()).toEqual(
      queued
        .map((m) => `meeting-updated:${meeting.id}:${m.contactId}:${moved.body.sequence}`)
        .sort(),
    );

    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(2);
    const [helene] = smtp.copiesFor('helene@mons.test');
    expect(helene.mail.subject).toBe('Modifiée : Plateforme déplacée');
    expect(helene.mail.text).toContain('Bonjour Hélène Dupré,');
    expect(helene.mail.text).toContain('jeudi 19 mars 2026');
    expect(helene.mail.text).toContain('Elle était prévue le jeudi 12 mars 2026');
    expect(helene.mail.html).toContain('La réunion « Plateforme déplacée » change');
    const [attachment] = helene.mail.attachments;
    expect(attachment.contentType).toBe('text/calendar');
    const ics = attachment.content.toString('utf8');
    expect(calendarOf(ics)).toEqual({
      method: 'REQUEST',
      uid: `meeting-${meeting.id}@maillage.test`,
      sequence: moved.body.sequence,
      start: '2026-03-19T13:00:00.000Z',
      end: '2026-03-19T15:30:00.000Z',
      location: `${MEETING.venueName}, ${MEETING.venueAddress}`,
      attendees: ['mailto:helene@mons.test'],
    });
    expect(moved.body.sequence).toBeGreaterThan(meeting.sequence);
    // The staff download carries the same entry.
    const download = await staff.api.get(`/api/meetings/${meeting.id}/ics`).expect(200);
    expect(calendarOf(download.text).sequence).toBe(moved.body.sequence);
  });

  it('mails a new place as another update; other fields, a past start or no invitation: none', async () => {
    const meeting = await invitedMeeting('Commission logement');
    await patch(meeting.id, { title: 'Commission logement (ordre du jour)', description: 'x' });
    expect(await updates(meeting.id)).toHaveLength(0);

    const elsewhere = await patch(meeting.id, { venueAddress: 'Place Léopold 1, 7000 Mons' });
    const queued = await updates(meeting.id);
    expect(queued).toHaveLength(2);
    const ics = calendarOf(queued[0].attachments[0].content);
    expect(ics.location).toBe(`${MEETING.venueName}, Place Léopold 1, 7000 Mons`);
    expect(ics.sequence).toBe(elsewhere.body.sequence);
    await patch(meeting.id, { onlineUrl: 'https://visio.example/commission' });
    expect(await updates(meeting.id)).toHaveLength(4);

    // Once the meeting has started, changing its end mails nobody.
    t.clock.set('2026-03-12T09:00:00Z');
    await patch(meeting.id, { endsAt: '2026-03-12T12:00:00Z' });
    expect(await updates(meeting.id)).toHaveLength(4);

    // A meeting with no one invited has no one to tell.
    const alone = await createMeeting(staff, { title: 'Réunion interne' });
    t.clock.set('2026-03-01T09:00:00Z');
    await patch(alone.id, { startsAt: '2026-03-12T09:00:00Z' });
    expect(await updates(alone.id)).toHaveLength(0);
  });

  it('sends only the latest of changes not yet mailed, and none once the meeting is cancelled', async () => {
    const meeting = await invitedMeeting('Forum de l’alternance');
    await patch(meeting.id, { startsAt: '2026-03-12T09:00:00Z' });
    const latest = await patch(meeting.id, { venueName: 'Hôtel de ville' });
    const queued = await updates(meeting.id);
    expect(queued).toHaveLength(4);
    const pending = queued.filter((m) => m.status === 'pending');
    expect(pending.map((m) => calendarOf(m.attachments[0].content).sequence)).toEqual([
      latest.body.sequence,
      latest.body.sequence,
    ]);
    expect(queued.filter((m) => m.status === 'cancelled').map((m) => m.lastError)).toEqual([
      'superseded by a later change',
      'superseded by a later change',
    ]);
    await staff.api
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'Salle indisponible' })
      .expect(200);
    expect((await updates(meeting.id)).filter((m) => m.status === 'pending')).toEqual([]);
  });

  describe('from the staff page', () => {
    let session: BrowserSession;
    beforeAll(async () => {
      session = await signInWithForm(t, staff.user.email, staff.password);
    });
    const edit = (id: number, form: Record<string, string>) =>
      session.agent
        .post(`/meetings/${id}/edit`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: session.csrfToken, ...form })
        .expect(303);
    const FORM = {
      title: 'Groupe de travail mobilité',
      kind: 'network-meeting',
      startDate: '2026-03-12',
      startTime: '09:30',
      endTime: '12:00',
      endDate: '',
      venueName: MEETING.venueName,
      venueAddress: MEETING.venueAddress,
      latitude: String(MEETING.latitude),
      longitude: String(MEETING.longitude),
      onlineUrl: '',
      description: '',
    };

    it('mails the new time, and nothing for a new title', async () => {
      const meeting = await invitedMeeting('Groupe de travail mobilité');
      await edit(meeting.id, { ...FORM, title: 'Groupe de travail « mobilité »' });
      expect(await updates(meeting.id)).toHaveLength(0);
      await edit(meeting.id, { ...FORM, startTime: '10:00' });
      const queued = await updates(meeting.id);
      expect(queued).toHaveLength(2);
      expect(calendarOf(queued[0].attachments[0].content).start).toBe('2026-03-12T09:00:00.000Z');
    });
  });
});
