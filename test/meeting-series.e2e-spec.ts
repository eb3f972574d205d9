import { Meeting } from '../src/meetings/meeting.entity';
import ICAL from 'ical.js';
import request from 'supertest';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createContact, createPartner } from './support/partners';
import { csrfFromHtml, signInWithForm } from './support/session';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

interface Occurrence {
  meetingId: number;
  occurrenceDate: string;
  startsAt: string;
  endsAt: string;
  status: string;
  moved: boolean;
}

/** The series as ical.js reads it: the rule, the EXDATEs, the overrides and the expanded starts. */
function readSeries(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevents = calendar.getAllSubcomponents('vevent');
  const master = vevents.find((v) => !v.hasProperty('recurrence-id'))!;
  const overrides = vevents.filter((v) => v.hasProperty('recurrence-id'));
  const event = new ICAL.Event(master);
  for (const v of overrides) event.relateException(new ICAL.Event(v));
  const starts: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    starts.push(event.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
  }
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    rrule: String(master.getFirstPropertyValue('rrule')),
    dtstart: master.getFirstProperty('dtstart')!.toICALString(),
    exdates: master.getAllProperties('exdate').map((p) => p.toICALString()),
    recurrenceIds: overrides.map((v) => v.getFirstProperty('recurrence-id')!.toICALString()),
    hasTimezone: calendar.getAllSubcomponents('vtimezone').length > 0,
    starts,
  };
}

describe('meeting series (monthly n-th weekday, weekly, DST, moved and cancelled occurrences)', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let mons: { id: number };
  let liege: { id: number };
  let namur: { id: number };
  let helene: { id: number };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: '2026-12-01T09:00:00Z',
      env: { SMTP_URL: smtp.url, TIME_ZONE: 'Europe/Paris' },
    });
    staff = await createStaff(t);
    mons = await createPartner(staff, { name: 'Mission locale de Mons' });
    helene = await createContact(staff, mons.id, {
      fullName: 'Hélène Dupré',
      email: 'helene@mons.test',
    });
    liege = await createPartner(staff, { name: 'Forem Liège' });
    await createContact(staff, liege.id, { fullName: 'Zoé N’Diaye', email: 'zoe@liege.test' });
    namur = await createPartner(staff, { name: 'CPAS de Namur' });
    await createContact(staff, namur.id, { fullName: 'Paul Martin', email: 'paul@namur.test' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const SERIES = {
    title: 'Plateforme emploi mensuelle',
    kind: 'network-meeting',
    venueName: 'Maison de l’emploi',
    frequency: 'monthly',
    weekdays: ['TU'],
    nth: 2,
    firstDay: '2027-01-01',
    startTime: '10:00',
    endTime: '12:00',
    count: 6,
  };
  const outbox = (purpose: string) =>
    t.dataSource.getRepository(OutboxMessage).find({ where: { purpose }, order: { id: 'ASC' } });

  let monthly: { id: number; occurrences: Occurrence[] };
  let liegeLink: string;

  it('creates a monthly series on the 2nd Tuesday: 10:00 Paris before and after the March DST change', async () => {
    const created = await staff.api.post('/api/meeting-series').send(SERIES).expect(201);
    monthly = created.body;
    expect(monthly.occurrences.map((o) => [o.occurrenceDate, o.startsAt])).toEqual([
      ['2027-01-12', '2027-01-12T09:00:00.000Z'],
      ['2027-02-09', '2027-02-09T09:00:00.000Z'],
      ['2027-03-09', '2027-03-09T09:00:00.000Z'],
      // Summer time from 28 March 2027: the same 10:00 in Paris is 08:00 UTC.
      ['2027-04-13', '2027-04-13T08:00:00.000Z'],
      ['2027-05-11', '2027-05-11T08:00:00.000Z'],
      ['2027-06-08', '2027-06-08T08:00:00.000Z'],
    ]);
    const audit = await staff.api
      .get(`/api/audit?entity=meeting-series&id=${monthly.id}`)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['create']);
    // Each occurrence is an ordinary meeting.
    const first = await staff.api.get(`/api/meetings/${monthly.occurrences[0].meetingId}`);
    expect(first.body.meeting).toMatchObject({ title: SERIES.title, status: 'planned' });
  });

  it('invites partners to every coming occurrence with ONE mail each, carrying the series', async () => {
    await t.app.get(MailDispatcher).drainOnce();
    smtp.received.length = 0;
    const invited = await staff.api
      .post(`/api/meeting-series/${monthly.id}/invitations`)
      .send({ partnerIds: [mons.id, liege.id] })
      .expect(201);
    expect(invited.body).toMatchObject({ occurrences: 6, created: 12 });
    liegeLink = (invited.body.links as Array<{ partnerId: number; url: string }>).find(
      (l) => l.partnerId === liege.id,
    )!.url;
    expect((await outbox('invitation')).map((m) => m.recipientEmail).sort()).toEqual([
      'helene@mons.test',
      'zoe@liege.test',
    ]);
    await t.app.get(MailDispatcher).drainOnce();
    const ics = smtp.copiesFor('helene@mons.test')[0].mail.attachments[0].content.toString('utf8');
    const read = readSeries(ics);
    expect(read.rrule).toBe('FREQ=MONTHLY;COUNT=6;BYDAY=TU;BYSETPOS=2');
    expect(read.dtstart).toBe('DTSTART;TZID=Europe/Paris:20270112T100000');
    expect(read.hasTimezone).toBe(true);
    expect(read.starts).toEqual(monthly.occurrences.map((o) => o.startsAt));
  });

  it('moving one occurrence mails only its invitees, with the series UID and its RECURRENCE-ID', async () => {
    const [, feb, mar] = monthly.occurrences;
    // Namur is invited to March only.
    await staff.api
      .post(`/api/meetings/${mar.meetingId}/invitations`)
      .send({ partnerIds: [namur.id] })
      .expect(201);
    await staff.api
      .patch(`/api/meetings/${feb.meetingId}`)
      .send({ startsAt: '2027-02-10T13:00:00Z', endsAt: '2027-02-10T15:00:00Z' })
      .expect(200);
    const updates = await outbox('meeting-updated');
    expect(updates.map((m) => m.recipientEmail).sort()).toEqual([
      'helene@mons.test',
      'zoe@liege.test',
    ]);
    const request = new ICAL.Component(ICAL.parse(updates[0].attachments[0].content));
    const vevent = request.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toBe(`series-${monthly.id}@maillage.test`);
    expect(vevent.getFirstProperty('recurrence-id')!.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Paris:20270209T100000',
    );
    const detail = await staff.api.get(`/api/meeting-series/${monthly.id}`).expect(200);
    expect(detail.body.occurrences[1]).toMatchObject({ moved: true, occurrenceDate: '2027-02-09' });
  });

  it('cancelling one occurrence makes it an EXDATE; the .ics keeps the moved one as an override', async () => {
    const apr = monthly.occurrences[3];
    await staff.api
      .post(`/api/meetings/${apr.meetingId}/cancel`)
      .send({ reason: 'Vacances de Pâques' })
      .expect(200);
    const cancels = await outbox('meeting-cancelled');
    expect(cancels.map((m) => m.recipientEmail).sort()).toEqual([
      'helene@mons.test',
      'zoe@liege.test',
    ]);
    const cancel = new ICAL.Component(ICAL.parse(cancels[0].attachments[0].content));
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(
      cancel.getFirstSubcomponent('vevent')!.getFirstProperty('recurrence-id')!.toICALString(),
    ).toBe('RECURRENCE-ID;TZID=Europe/Paris:20270413T100000');

    const download = await staff.api.get(`/api/meetings/${apr.meetingId}/ics`).expect(200);
    expect(download.headers['content-type']).toMatch(/^text\/calendar/);
    const read = readSeries(download.text);
    expect(read.uid).toBe(`series-${monthly.id}@maillage.test`);
    expect(read.exdates).toEqual(['EXDATE;TZID=Europe/Paris:20270413T100000']);
    expect(read.recurrenceIds).toEqual(['RECURRENCE-ID;TZID=Europe/Paris:20270209T100000']);
    expect(read.starts).toEqual([
      '2027-01-12T09:00:00.000Z',
      '2027-02-10T13:00:00.000Z',
      '2027-03-09T09:00:00.000Z',
      '2027-05-11T08:00:00.000Z',
      '2027-06-08T08:00:00.000Z',
    ]);
  });

  it("a partner's feed shows the series with only the occurrences it is invited to", async () => {
    const feed = await staff.api.post(`/api/partners/${namur.id}/calendar-feed`).expect(201);
    const ics = await request(t.http)
      .get(new URL(feed.body.url as string).pathname)
      .expect(200);
    const read = readSeries(ics.text);
    expect(read.uid).toBe(`series-${monthly.id}@maillage.test`);
    expect(read.starts).toEqual(['2027-03-09T09:00:00.000Z']);
  });

  it('editing the series changes only the coming occurrences, neither past, moved nor cancelled', async () => {
    t.clock.set('2027-03-01T09:00:00Z');
    try {
      const before = (await outbox('meeting-updated')).length;
      const edited = await staff.api
        .patch(`/api/meeting-series/${monthly.id}`)
        .send({ startTime: '14:00', endTime: '16:00', venueName: 'Hôtel de ville' })
        .expect(200);
      const starts = (edited.body.occurrences as Occurrence[]).map((o) => [o.startsAt, o.status]);
      expect(starts).toEqual([
        ['2027-01-12T09:00:00.000Z', 'planned'], // past: unchanged
        ['2027-02-10T13:00:00.000Z', 'planned'], // moved on its own: unchanged
        ['2027-03-09T13:00:00.000Z', 'planned'], // 14:00 Paris in winter
        ['2027-04-13T08:00:00.000Z', 'cancelled'],
        ['2027-05-11T12:00:00.000Z', 'planned'], // 14:00 Paris in summer
        ['2027-06-08T12:00:00.000Z', 'planned'],
      ]);
      // One mail per contact for the whole change, not one per occurrence.
      const mails = (await outbox('meeting-updated')).slice(before);
      expect(mails.map((m) => m.recipientEmail).sort()).toEqual([
        'helene@mons.test',
        'paul@namur.test',
        'zoe@liege.test',
      ]);
      const read = readSeries(
        (await staff.api.get(`/api/meeting-series/${monthly.id}/ics`).expect(200)).text,
      );
      expect(read.dtstart).toBe('DTSTART;TZID=Europe/Paris:20270112T140000');
      expect(read.starts).toEqual([
        '2027-01-12T09:00:00.000Z',
        '2027-02-10T13:00:00.000Z',
        '2027-03-09T13:00:00.000Z',
        '2027-05-11T12:00:00.000Z',
        '2027-06-08T12:00:00.000Z',
      ]);
      // A new start alone keeps the two hours.
      const later = await staff.api
        .patch(`/api/meeting-series/${monthly.id}`)
        .send({ startTime: '14:30' })
        .expect(200);
      expect(later.body).toMatchObject({ startTime: '14:30', endTime: '16:30' });
      // Namur's mail shows it only the March occurrence it is invited to.
      const paul = mails.find((m) => m.recipientEmail === 'paul@namur.test')!;
      expect(readSeries(paul.attachments[0].content).starts).toEqual(['2027-03-09T13:00:00.000Z']);
    } finally {
      t.clock.set('2026-12-01T09:00:00Z');
    }
  });

  it('answers for the whole series, and counts occurrences in participation statistics', async () => {
    const answered = await staff.api
      .post(`/api/meeting-series/${monthly.id}/partners/${mons.id}/answer`)
      .send({ answer: 'excused' })
      .expect(200);
    expect(answered.body).toEqual({ answered: 5 });
    const march = await staff.api.get(`/api/meetings/${monthly.occurrences[2].meetingId}`);
    const answer = march.body.invitations.find(
      (i: { partnerId: number }) => i.partnerId === mons.id,
    );
    expect(answer.answer).toBe('excused');

    // Liège answers through its link (the first occurrence's), for the whole series.
    const page = await request(t.http).get(new URL(liegeLink).pathname).expect(200);
    expect(page.text).toContain('Même réponse pour toutes les réunions à venir de la série');
    await request(t.http)
      .post(new URL(liegeLink).pathname)
      .type('form')
      .send({ answer: 'not-coming', wholeSeries: '1' })
      .expect(200);
    const june = await staff.api.get(`/api/meetings/${monthly.occurrences[5].meetingId}`);
    const liegeJune = june.body.invitations.find(
      (i: { partnerId: number }) => i.partnerId === liege.id,
    );
    expect(liegeJune.answer).toBe('not-coming');

    t.clock.set('2027-02-20T09:00:00Z');
    try {
      for (const occurrence of monthly.occurrences.slice(0, 2)) {
        await staff.api
          .put(`/api/meetings/${occurrence.meetingId}/attendance`)
          .send({
            entries: [
              { partnerId: mons.id, status: 'present' },
              { partnerId: liege.id, status: 'absent' },
            ],
          })
          .expect(200);
      }
      const stats = await staff.api
        .get('/api/stats/participation?from=2027-01-01T00:00:00Z&to=2027-07-01T00:00:00Z')
        .expect(200);
      const row = (id: number) =>
        (stats.body.items as Array<{ partnerId: number }>).find((r) => r.partnerId === id);
      expect(row(mons.id)).toMatchObject({ invited: 2, present: 2 });
      expect(row(liege.id)).toMatchObject({ invited: 2, absent: 2 });
    } finally {
      t.clock.set('2026-12-01T09:00:00Z');
    }
  });

  it('lets a contact answer for the whole series from the portal', async () => {
    await staff.api.post(`/api/contacts/${helene.id}/portal-link`).expect(201);
    const [message] = await t.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { purpose: 'portal-link' }, order: { id: 'DESC' }, take: 1 });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const agent = request.agent(t.http);
    await agent.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    const home = await agent.get('/portal').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Même réponse pour toutes les réunions à venir de la série');
    const march = monthly.occurrences[2].meetingId;
    const invitationId = (await staff.api.get(`/api/meetings/${march}`)).body.invitations.find(
      (i: { partnerId: number }) => i.partnerId === mons.id,
    ).id as number;
    await agent
      .post(`/portal/invitations/${invitationId}/answer`)
      .type('form')
      .send({ _csrf: csrfFromHtml(home.text), answer: 'coming', wholeSeries: '1' })
      .expect(303);
    for (const occurrence of [monthly.occurrences[2], monthly.occurrences[5]]) {
      const detail = await staff.api.get(`/api/meetings/${occurrence.meetingId}`);
      const mine = detail.body.invitations.find(
        (i: { partnerId: number }) => i.partnerId === mons.id,
      );
      expect(mine.answer).toBe('coming');
    }
    // The past January one (held) keeps its attendance and answer.
    const january = await staff.api.get(`/api/meetings/${monthly.occurrences[0].meetingId}`);
    expect(
      january.body.invitations.find((i: { partnerId: number }) => i.partnerId === mons.id).answer,
    ).toBe('excused');
  });

  it('repeats weekly with a day left out (EXDATE) and a calendar ical.js expands to the same days', async () => {
    const created = await staff.api
      .post('/api/meeting-series')
      .send({
        ...SERIES,
        title: 'Permanence hebdomadaire',
        frequency: 'weekly',
        weekdays: ['MO', 'TH'],
        nth: null,
        count: null,
        firstDay: '2027-03-22',
        until: '2027-04-05',
        skippedDays: ['2027-03-29'],
        startTime: '09:30',
        endTime: '11:00',
      })
      .expect(201);
    const occurrences = created.body.occurrences as Occurrence[];
    expect(occurrences.map((o) => o.startsAt)).toEqual([
      '2027-03-22T08:30:00.000Z',
      '2027-03-25T08:30:00.000Z',
      '2027-04-01T07:30:00.000Z',
      '2027-04-05T07:30:00.000Z',
    ]);
    const text = (await staff.api.get(`/api/meeting-series/${created.body.id}/ics`).expect(200))
      .text;
    expect(text).toContain('RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=MO,TH;WKST=MO');
    const read = readSeries(text);
    expect(read.exdates).toEqual(['EXDATE;TZID=Europe/Paris:20270329T093000']);
    expect(read.starts).toEqual(occurrences.map((o) => o.startsAt));
  });

  it('refuses hostile rules with a 4xx naming the field, and writes nothing', async () => {
    const post = (body: Record<string, unknown>) =>
      staff.api.post('/api/meeting-series').send({ ...SERIES, ...body });
    const before = (await staff.api.get('/api/meetings?pageSize=1').expect(200)).body.total;
    const fieldOf = (r: { body: { field?: string; errors?: Array<{ field: string }> } }) =>
      r.body.field ?? r.body.errors?.map((e) => e.field).join(',');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ frequency: 'daily' }, 400, 'frequency'],
      [{ nth: 5 }, 400, 'nth'],
      [{ weekdays: ['XX'] }, 400, 'weekdays'],
      [{ count: 100000 }, 400, 'count'],
      [{ startTime: '25:00' }, 400, 'startTime'],
      [{ firstDay: '2027-02-30' }, 400, 'firstDay'],
      [{ interval: -3 }, 400, 'interval'],
      [{ count: null, until: '2035-01-01' }, 422, 'until'],
      [{ until: '2027-06-01' }, 422, 'until'],
      [{ skippedDays: ['2027-01-13'] }, 422, 'skippedDays'],
      [{ firstDay: '2026-11-01' }, 422, 'firstDay'],
      [{ endTime: '09:00' }, 422, 'endTime'],
      [{ weekdays: ['TU', 'WE'] }, 422, 'nth'],
      // The last Sunday of March 2027 has no 02:30 (clocks go forward): refused, not moved.
      [
        {
          ...{ frequency: 'weekly', nth: null, weekdays: ['SU'], firstDay: '2027-03-21' },
          ...{ startTime: '02:30', endTime: '04:00', count: 2 },
        },
        422,
        'startTime',
      ],
    ];
    for (const [body, status, field] of cases) {
      const response = await post(body);
      expect([JSON.stringify(body), response.status, fieldOf(response)]).toEqual([
        JSON.stringify(body),
        status,
        field,
      ]);
    }
    await staff.api.get('/api/meeting-series/999999').expect(404);

    // On the page: the form again (422), the French message beside the field, as typed.
    const session = await signInWithForm(t, staff.user.email, staff.password);
    const form = {
      _csrf: session.csrfToken,
      title: 'Série refusée',
      kind: 'network-meeting',
      startDate: '2027-01-12',
      startTime: '10:00',
      endTime: '12:00',
      repeat: 'monthly',
      end: 'count',
    };
    const pageCases: Array<[Record<string, string>, string]> = [
      [{ count: '1000' }, 'Le nombre de réunions est un nombre entier entre 1 et 100.'],
      [{ count: '6', skippedDays: '13/01/2027' }, 'Le 13/01/2027 n’est pas un jour de la série'],
      [{ end: 'until', until: '2031-01-01' }, 'Une série s’étend sur 731 jours au plus'],
      [{ repeat: 'yearly', count: '3' }, 'Choisissez une fréquence de la liste.'],
      [{ count: '3', endDate: '2027-01-13' }, 'commence et finit le même jour'],
      [{ count: '3', endDate: '2026-02-30' }, 'commence et finit le même jour'],
      [{ count: '3', latitude: 'zzz' }, 'latitude'],
      [{ count: '3', latitude: '95' }, 'latitude'],
    ];
    for (const [fields, message] of pageCases) {
      const page = await session.agent
        .post('/meetings')
        .type('form')
        .set('Accept', 'text/html')
        .send({ ...form, ...fields })
        .expect(422);
      expect(page.text).toContain(message);
      expect(page.text).toContain('value="Série refusée"');
    }
    expect((await staff.api.get('/api/meetings?pageSize=1').expect(200)).body.total).toBe(before);
    // The place's coordinates reach every occurrence.
    const placed = await session.agent
      .post('/meetings')
      .type('form')
      .set('Accept', 'text/html')
      .send({ ...form, title: 'Série située', count: '2', latitude: '45,5', longitude: '4.8' })
      .expect(303);
    const seriesId = Number(/\/meetings\/series\/(\d+)/.exec(placed.headers.location)?.[1]);
    const placedMeetings = await t.dataSource.getRepository(Meeting).findBy({ seriesId });
    expect(placedMeetings.map((m) => [m.latitude, m.longitude])).toEqual([
      [45.5, 4.8],
      [45.5, 4.8],
    ]);
    // The hub of an occurrence names its series.
    const hub = await session.agent
      .get(`/meetings/${monthly.occurrences[2].meetingId}`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(hub.text).toContain('Réunion 3 sur 6 de la série');
    expect(hub.text).toContain(`href="/meetings/series/${monthly.id}"`);
  });
});
