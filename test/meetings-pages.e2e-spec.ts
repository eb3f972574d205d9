import request from 'supertest';
import { Meeting } from '../src/meetings/meeting.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeeting, invite, seedPartners, tokenOf } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

interface Invitation {
  partnerId: number;
  answer: string | null;
  attendance: string | null;
  present: { contactId: number | null; fullName: string }[];
}

describe('meetings staff pages', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T09:00:00Z'));

  const get = (url: string, status = 200) =>
    session.agent.get(url).set('Accept', 'text/html').expect(status);
  const post = (url: string, form: Record<string, unknown>, status: number) =>
    session.agent
      .post(url)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: session.csrfToken, ...form })
      .expect(status);
  const meetingCount = () => t.dataSource.getRepository(Meeting).count();
  const detail = async (id: number) =>
    (await staff.api.get(`/api/meetings/${id}`).expect(200)).body as {
      meeting: { title: string; startsAt: string; endsAt: string; status: string };
      invitations: Invitation[];
      agenda: { id: number; title: string; position: number }[];
    };

  const VALID = {
    title: 'Plateforme emploi d’avril',
    kind: 'working-group',
    startDate: '2026-04-09',
    startTime: '09:30',
    endTime: '12:00',
    endDate: '',
    venueName: 'Maison de l’emploi',
    venueAddress: 'Rue de la Station 12, 7000 Mons',
    latitude: '50,4541',
    longitude: '3.9523',
    onlineUrl: '',
    description: '',
  };

  describe('list and calendar', () => {
    it('lists upcoming meetings with their answer counts, and past ones on demand', async () => {
      const partners = await seedPartners(t, 4);
      const meeting = await createMeeting(staff, { title: 'Liste <b>à venir</b>' });
      const tokens = await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      await request(t.http)
        .post(`/r/${tokens.get(partners[0].id)}`)
        .send({ answer: 'coming' });
      await request(t.http)
        .post(`/r/${tokens.get(partners[1].id)}`)
        .send({ answer: 'excused' });
      await request(t.http)
        .post(`/r/${tokens.get(partners[2].id)}`)
        .send({ answer: 'not-coming' });
      const past = await createMeeting(staff, {
        title: 'Réunion passée',
        startsAt: '2026-02-10T08:30:00Z',
        endsAt: '2026-02-10T10:00:00Z',
      });

      const page = await get('/meetings');
      expect(page.text).toContain('Liste &lt;b&gt;à venir&lt;/b&gt;');
      expect(page.text).not.toContain('<b>à venir</b>');
      expect(page.text).toContain('jeudi 12 mars 2026, 9 h 30');
      expect(page.text).not.toContain('Réunion passée');
      const row = page.text.slice(page.text.indexOf(`/meetings/${meeting.id}"`));
      const cells = [...row.matchAll(/<td>(\d+)<\/td>/g)].slice(0, 4).map((m) => m[1]);
      expect(cells).toEqual(['1', '1', '1', '1']);

      const pastPage = await get('/meetings?when=past');
      expect(pastPage.text).toContain(`/meetings/${past.id}"`);
      expect(pastPage.text).not.toContain(`/meetings/${meeting.id}"`);
      const filtered = await get('/meetings?when=all&from=2026-02-01&to=2026-02-28&status=');
      expect(filtered.text).toContain('Réunion passée');
      expect(filtered.text).not.toContain('Liste &lt;b&gt;');
      await get('/meetings?when=soon', 400);
    });

    it('shows a month as an accessible table in the network time zone', async () => {
      // 23:30 UTC on 31 March is 1 April in Brussels.
      const late = await createMeeting(staff, {
        title: 'Réunion tardive',
        startsAt: '2026-03-31T22:30:00Z',
        endsAt: '2026-03-31T23:30:00Z',
      });
      const page = await get('/meetings/calendar?month=2026-04');
      expect(page.text).toContain('avril 2026');
      expect(page.text).toContain('1 réunion ce mois-ci');
      expect(page.text).toMatch(/<th scope="col"><abbr title="lundi">lun<\/abbr><\/th>/);
      expect(page.text).toContain('<th scope="row">14</th>');
      const cell = page.text.slice(page.text.indexOf('mercredi 1er avril 2026'));
      expect(cell.slice(0, 400)).toContain(`/meetings/${late.id}`);
      expect(cell.slice(0, 400)).toContain('0 h 30');
      const march = await get('/meetings/calendar?month=2026-03');
      expect(march.text).toContain('jeudi 12 mars 2026');
      await get('/meetings/calendar?month=2026-13', 400);
      // Today's month by default.
      expect((await get('/meetings/calendar')).text).toContain('mars 2026');
    });
  });

  describe('schedule, edit, cancel', () => {
    it('schedules a meeting from local date and time inputs', async () => {
      expect((await get('/meetings/new')).text).toContain('name="startDate"');
      const response = await post('/meetings', VALID, 303);
      const id = Number(/^\/meetings\/(\d+)\?created=1$/.exec(response.headers.location)?.[1]);
      expect(id).toBeGreaterThan(0);
      const saved = await detail(id);
      expect(saved.meeting.startsAt).toBe('2026-04-09T07:30:00.000Z'); // summer time
      expect(saved.meeting.endsAt).toBe('2026-04-09T10:00:00.000Z');
      const hub = await get(response.headers.location);
      expect(hub.text).toContain('role="status"');
      expect(hub.text).toContain('jeudi 9 avril 2026, 9 h 30');
    });

    it('refuses bad dates with 422, the messages and the values typed, saving nothing', async () => {
      const before = await meetingCount();
      const backwards = await post('/meetings', { ...VALID, endTime: '08:00' }, 422);
      expect(backwards.text).toContain('La réunion doit se terminer après son début.');
      expect(backwards.text).toContain('value="Plateforme emploi d’avril"');
      const impossible = await post('/meetings', { ...VALID, startDate: '2026-02-30' }, 422);
      expect(impossible.text).toContain('Indiquez une date et une heure de début valides.');
      expect(impossible.text).toContain('aria-invalid="true" aria-describedby="m-start-error"');
      const empty = await post('/meetings', { ...VALID, title: '  ', latitude: 'nord' }, 422);
      expect(empty.text).toContain('Indiquez un titre');
      expect(empty.text).toContain('La latitude est un nombre');
      // 02:30 on the day clocks go forward never happens: refused, not moved to 03:30.
      const skipped = await post(
        '/meetings',
        { ...VALID, startDate: '2027-03-28', startTime: '02:30', endTime: '04:00' },
        422,
      );
      expect(skipped.text).toContain('Indiquez une date et une heure de début valides.');
      expect(await meetingCount()).toBe(before);
    });

    it('edits a meeting, showing its local times in the form', async () => {
      const meeting = await createMeeting(staff);
      const form = await get(`/meetings/${meeting.id}/edit`);
      expect(form.text).toContain('value="2026-03-12"');
      expect(form.text).toContain('value="09:30"');
      expect(form.text).toContain('value="12:00"');
      await post(
        `/meetings/${meeting.id}/edit`,
        { ...VALID, title: 'Titre changé', startDate: '2026-03-12', endTime: '11:00' },
        303,
      );
      const saved = await detail(meeting.id);
      expect(saved.meeting.title).toBe('Titre changé');
      expect(saved.meeting.endsAt).toBe('2026-03-12T10:00:00.000Z');
      const bad = await post(`/meetings/${meeting.id}/edit`, { ...VALID, kind: 'party' }, 422);
      expect(bad.text).toContain('Choisissez un type de réunion.');
    });

    it('cancels with a reason and queues the cancellation mails', async () => {
      const partner = await createPartner(staff);
      await createContact(staff, partner.id, { email: 'annulation@partner.test' });
      const meeting = await createMeeting(staff);
      await invite(staff, meeting.id, [partner.id]);
      const missing = await post(`/meetings/${meeting.id}/cancel`, { reason: ' ' }, 422);
      expect(missing.text).toContain('Indiquez le motif de l’annulation.');
      expect((await detail(meeting.id)).meeting.status).toBe('planned');
      const done = await post(`/meetings/${meeting.id}/cancel`, { reason: 'Salle <inondée>' }, 303);
      expect(done.headers.location).toBe(`/meetings/${meeting.id}?cancelled=1`);
      expect((await detail(meeting.id)).meeting.status).toBe('cancelled');
      const mails = await t.dataSource.getRepository(OutboxMessage).find();
      const cancellation = mails.filter((m) =>
        m.idempotencyKey.startsWith(`meeting-cancelled:${meeting.id}:`),
      );
      expect(cancellation).toHaveLength(1);
      const hub = await get(`/meetings/${meeting.id}`);
      expect(hub.text).toContain('Salle &lt;inondée&gt;');
      expect(hub.text).not.toContain(`action="/meetings/${meeting.id}/cancel"`);
      const again = await post(`/meetings/${meeting.id}/cancel`, { reason: 'Encore' }, 422);
      expect(again.text).toContain('La réunion est déjà annulée.');
    });
  });

  describe('hub', () => {
    it('shows answers per partner, counts, agenda and the links of the meeting', async () => {
      const partners = await seedPartners(t, 2, { contacts: 2 });
      const meeting = await createMeeting(staff);
      const tokens = await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      await request(t.http)
        .post(`/r/${tokens.get(partners[0].id)}`)
        .send({
          answer: 'coming',
          contactIds: [partners[0].contactIds[0]],
          note: 'Nous serons <deux>',
        })
        .expect(200);
      await staff.api
        .post(`/api/meetings/${meeting.id}/agenda-items`)
        .send({ title: 'Tour de table', kind: 'round-of-news', plannedMinutes: 30 })
        .expect(201);
      const hub = await get(`/meetings/${meeting.id}`);
      expect(hub.text).toContain('<h1>Plateforme emploi de mars</h1>');
      expect(hub.text).toContain(`<th scope="row">${partners[0].name}</th>`);
      expect(hub.text).toContain('Nous viendrons');
      expect(hub.text).toContain(`1 : Contact 1 de ${partners[0].name}`);
      expect(hub.text).toContain('Nous serons &lt;deux&gt;');
      expect(hub.text).toContain('1 vient');
      expect(hub.text).toContain('1 sans réponse');
      expect(hub.text).toContain('Tour de table');
      for (const link of ['edit', 'invite', 'check-in', 'agenda', 'minutes', 'speakers']) {
        expect(hub.text).toContain(`href="/meetings/${meeting.id}/${link}"`);
      }
      expect(hub.text).toContain('Compte rendu');

      // A new answer link replaces the old one.
      const invitationId = (
        (await staff.api.get(`/api/meetings/${meeting.id}/invitations`).expect(200)).body as {
          items: { id: number; partnerId: number }[];
        }
      ).items.find((i) => i.partnerId === partners[1].id)!.id;
      expect(hub.text).toContain(`/meetings/${meeting.id}/invitations/${invitationId}/answer-link`);
      const reissued = await post(
        `/meetings/${meeting.id}/invitations/${invitationId}/answer-link`,
        {},
        200,
      );
      const url = /href="(http:\/\/maillage\.test\/r\/[^"]+)"/.exec(reissued.text)?.[1] ?? '';
      await request(t.http)
        .get(`/r/${tokenOf(url)}`)
        .expect(200);
      await request(t.http)
        .get(`/r/${tokens.get(partners[1].id)}`)
        .expect(404);
      expect(hub.text).toContain('Trouver un intervenant');
    });

    it('answers 404 with an HTML page for an unknown meeting, 400 for a bad id', async () => {
      const missing = await get('/meetings/999999', 404);
      expect(missing.headers['content-type']).toMatch(/html/);
      await get('/meetings/999999/check-in', 404);
      await get('/meetings/999999/agenda', 404);
      await get('/meetings/999999/invite', 404);
      await get('/meetings/999999/edit', 404);
      await post('/meetings/999999/cancel', { reason: 'x' }, 404);
      await get('/meetings/abc', 400);
    });

    it('needs a session, and the CSRF token for every form', async () => {
      await request(t.http).get('/meetings').set('Accept', 'text/html').expect(303);
      const before = await meetingCount();
      await session.agent.post('/meetings').type('form').send(VALID).expect(403);
      const meeting = await createMeeting(staff);
      await session.agent
        .post(`/meetings/${meeting.id}/cancel`)
        .type('form')
        .send({ reason: 'Sans jeton' })
        .expect(403);
      await session.agent
        .post(`/meetings/${meeting.id}/agenda`)
        .type('form')
        .send({ title: 'X', kind: 'other' })
        .expect(403);
      expect(await meetingCount()).toBe(before + 1);
      expect((await detail(meeting.id)).meeting.status).toBe('planned');
    });
  });

  describe('invite', () => {
    it('lists partners by kind, invites the ticked ones and shows their answer links', async () => {
      const [mire] = await seedPartners(t, 1, { kind: 'mire' });
      const plies = await seedPartners(t, 2, { kind: 'plie' });
      const meeting = await createMeeting(staff);
      const page = await get(`/meetings/${meeting.id}/invite?kind=plie`);
      expect(page.text).toContain(plies[0].name);
      expect(page.text).not.toContain(mire.name);
      expect(page.text).toContain(`value="${plies[0].id}" checked`);

      const none = await post(`/meetings/${meeting.id}/invite`, { mode: 'partners' }, 422);
      expect(none.text).toContain('Cochez au moins un partenaire.');

      const result = await post(
        `/meetings/${meeting.id}/invite`,
        { mode: 'partners', partnerIds: plies.map((p) => String(p.id)) },
        200,
      );
      expect(result.text).toContain('2 nouvelles invitations, aucun partenaire déjà invité');
      const links = [...result.text.matchAll(/href="(http:\/\/maillage\.test\/r\/[^"]+)"/g)];
      expect(links).toHaveLength(2);
      // The link works for the partner.
      await request(t.http)
        .get(`/r/${tokenOf(links[0][1])}`)
        .expect(200);
      const invited = (await detail(meeting.id)).invitations.map((i) => i.partnerId).sort();
      expect(invited).toEqual(plies.map((p) => p.id).sort());

      const again = await get(`/meetings/${meeting.id}/invite?kind=plie`);
      expect(again.text).toContain('Déjà invité');

      const byKind = await post(
        `/meetings/${meeting.id}/invite`,
        { mode: 'kinds', kinds: ['mire', 'plie'] },
        200,
      );
      expect(byKind.text).toContain('1 nouvelle invitation, 2 partenaires déjà invités');
      const noKind = await post(`/meetings/${meeting.id}/invite`, { mode: 'kinds' }, 422);
      expect(noKind.text).toContain('Choisissez au moins un type de partenaire.');
    });

    it('refuses to invite once the meeting has started', async () => {
      const [partner] = await seedPartners(t, 1);
      const meeting = await createMeeting(staff);
      t.clock.set('2026-03-12T09:00:00Z');
      const page = await get(`/meetings/${meeting.id}/invite`);
      expect(page.text).toContain('Cette réunion a commencé : elle n’accepte plus d’invitations.');
      const refused = await post(
        `/meetings/${meeting.id}/invite`,
        { mode: 'partners', partnerIds: String(partner.id) },
        422,
      );
      expect(refused.text).toContain('La réunion a déjà commencé.');
    });
  });

  describe('check-in', () => {
    it('presets from the answers and saves everyone’s attendance in one post', async () => {
      const partners = await seedPartners(t, 3, { contacts: 2 });
      const meeting = await createMeeting(staff);
      const tokens = await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      await request(t.http)
        .post(`/r/${tokens.get(partners[0].id)}`)
        .send({ answer: 'coming', contactIds: partners[0].contactIds })
        .expect(200);
      await request(t.http)
        .post(`/r/${tokens.get(partners[1].id)}`)
        .send({ answer: 'excused' })
        .expect(200);

      const early = await get(`/meetings/${meeting.id}/check-in`);
      expect(early.text).toContain('n’a pas encore commencé');
      const refused = await post(
        `/meetings/${meeting.id}/check-in`,
        { [`status_${partners[0].id}`]: 'present' },
        422,
      );
      expect(refused.text).toContain('La présence s’enregistre une fois la réunion commencée.');

      t.clock.set('2026-03-12T08:45:00Z');
      const page = await get(`/meetings/${meeting.id}/check-in`);
      const [p0, p1, p2] = partners.map((p) => p.id);
      expect(page.text).toMatch(new RegExp(`name="status_${p0}" value="present" checked`));
      expect(page.text).toMatch(new RegExp(`name="status_${p1}" value="excused" checked`));
      expect(page.text).not.toMatch(new RegExp(`name="status_${p2}" value="\\w+" checked`));
      expect(page.text).toContain(`Contact 2 de ${partners[0].name}`);

      const none = await post(`/meetings/${meeting.id}/check-in`, {}, 422);
      expect(none.text).toContain('Choisissez présent, excusé ou absent');

      const saved = await post(
        `/meetings/${meeting.id}/check-in`,
        {
          [`status_${p0}`]: 'present',
          [`people_${p0}`]: `c${partners[0].contactIds[0]}`, // only the first announced contact came
          [`guest_${p0}`]: 'Nadia <Stagiaire>',
          [`status_${p1}`]: 'excused',
          [`status_${p2}`]: 'absent',
          [`guest_${p2}`]: 'ignored: not present',
        },
        303,
      );
      expect(saved.headers.location).toBe(`/meetings/${meeting.id}/check-in?saved=1`);
      const invitations = (await detail(meeting.id)).invitations;
      const by = new Map(invitations.map((i) => [i.partnerId, i]));
      expect(by.get(p0)?.attendance).toBe('present');
      expect(by.get(p0)?.present.map((p) => p.fullName)).toEqual([
        `Contact 1 de ${partners[0].name}`,
        'Nadia <Stagiaire>',
      ]);
      expect(by.get(p1)?.attendance).toBe('excused');
      expect(by.get(p2)?.attendance).toBe('absent');
      expect((await detail(meeting.id)).meeting.status).toBe('held');

      const after = await get(`/meetings/${meeting.id}/check-in?saved=1`);
      expect(after.text).toContain('1 présent, 1 excusé, 1 absent');
      expect(after.text).toContain('Nadia &lt;Stagiaire&gt;');
      // What was recorded is what the screen shows again.
      const [c1, c2] = partners[0].contactIds;
      expect(after.text).toContain(`name="people_${p0}" value="c${c1}" checked`);
      expect(after.text).toContain(`name="people_${p0}" value="c${c2}">`);
      expect(after.text).toContain(`name="people_${p0}" value="gNadia &lt;Stagiaire&gt;" checked`);
    });

    it('saves the check-in of a meeting of 600 partners (1,200 fields), and names a form of too many fields', async () => {
      const partners = await seedPartners(t, 600, { contacts: 1 });
      const meeting = await createMeeting(staff);
      await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      t.clock.set('2026-03-12T08:45:00Z');
      const form: Record<string, string> = {};
      for (const partner of partners) {
        form[`status_${partner.id}`] = 'present';
        form[`people_${partner.id}`] = `c${partner.contactIds[0]}`;
      }
      await post(`/meetings/${meeting.id}/check-in`, form, 303);
      const invitations = (await detail(meeting.id)).invitations;
      expect(invitations.filter((i) => i.attendance === 'present')).toHaveLength(600);

      const flood = Array.from({ length: 100_001 }, (_, i) => `f${i}=`).join('&');
      const refused = await session.agent
        .post(`/meetings/${meeting.id}/check-in`)
        .type('form')
        .set('Accept', 'text/html')
        .send(`_csrf=${encodeURIComponent(session.csrfToken)}&${flood}`)
        .expect(413);
      expect(refused.text).toContain('compte trop de champs (plus de 100');
    });
  });

  describe('agenda editor', () => {
    it('adds, edits, moves and removes items', async () => {
      const [partner] = await seedPartners(t, 1, { contacts: 1 });
      const meeting = await createMeeting(staff);
      const url = `/meetings/${meeting.id}/agenda`;
      expect((await get(url)).text).toContain(`Contact 1 de ${partner.name}`);
      await post(url, { title: 'Accueil', kind: 'other', plannedMinutes: '10' }, 303);
      await post(
        url,
        {
          title: 'Présentation <MIRE>',
          kind: 'presentation',
          presenterContactId: String(partner.contactIds[0]),
          plannedMinutes: '',
        },
        303,
      );
      await post(url, { title: 'Divers', kind: 'discussion' }, 303);
      const bad = await post(url, { title: '', kind: 'other', plannedMinutes: '0' }, 422);
      expect(bad.text).toContain('La durée est un nombre de minutes');
      let agenda = (await detail(meeting.id)).agenda;
      expect(agenda.map((i) => i.title)).toEqual(['Accueil', 'Présentation <MIRE>', 'Divers']);
      const page = await get(url);
      expect(page.text).toContain('Présentation &lt;MIRE&gt;');
      expect(page.text).toContain(`Présenté par Contact 1 de ${partner.name}`);

      const [first, second, third] = agenda;
      await post(`${url}/${third.id}/move`, { direction: 'up' }, 303);
      await post(`${url}/${first.id}/move`, { direction: 'down' }, 303);
      agenda = (await detail(meeting.id)).agenda;
      expect(agenda.map((i) => i.id)).toEqual([third.id, first.id, second.id]);

      const editForm = await get(`${url}?edit=${second.id}`);
      expect(editForm.text).toContain(`action="${url}/${second.id}"`);
      expect(editForm.text).toContain(`value="${partner.contactIds[0]}" selected`);
      await post(
        `${url}/${second.id}`,
        {
          title: 'Présentation MIRE',
          kind: 'presentation',
          presenterContactId: '',
          plannedMinutes: '20',
        },
        303,
      );
      await post(`${url}/${first.id}/remove`, {}, 303);
      agenda = (await detail(meeting.id)).agenda;
      expect(agenda.map((i) => [i.title, i.position])).toEqual([
        ['Divers', 1],
        ['Présentation MIRE', 2],
      ]);
      // An item of another meeting is not found through this one.
      const other = await createMeeting(staff);
      await post(`/meetings/${other.id}/agenda/${second.id}/remove`, {}, 404);
      await get(`/meetings/${other.id}/agenda?edit=${second.id}`, 404);
    });
  });

  describe('query counts', () => {
    async function counted(url: string): Promise<number> {
      await get(url);
      const before = t.queries.total;
      await get(url);
      return t.queries.total - before;
    }

    it('the hub and the check-in screen do not grow with the invited partners', async () => {
      const measure = async (count: number) => {
        const partners = await seedPartners(t, count, { contacts: 2 });
        const meeting = await createMeeting(staff);
        const tokens = await invite(
          staff,
          meeting.id,
          partners.map((p) => p.id),
        );
        for (const p of partners.slice(0, 3)) {
          await request(t.http)
            .post(`/r/${tokens.get(p.id)}`)
            .send({ answer: 'coming', contactIds: p.contactIds })
            .expect(200);
        }
        await staff.api
          .post(`/api/meetings/${meeting.id}/agenda-items`)
          .send({ title: 'Point', kind: 'other', presenterContactId: partners[0].contactIds[0] })
          .expect(201);
        return {
          hub: await counted(`/meetings/${meeting.id}`),
          checkIn: await counted(`/meetings/${meeting.id}/check-in`),
          agenda: await counted(`/meetings/${meeting.id}/agenda`),
        };
      };
      const small = await measure(5);
      const large = await measure(50);
      expect(large).toEqual(small);
      expect(small.hub).toBeLessThanOrEqual(10);
    });

    it('the list does not grow with the meetings on the page', async () => {
      // Meetings of their own year, so that the page only holds them.
      const list = (size: number) =>
        `/meetings?when=all&from=2027-01-01&to=2027-12-31&pageSize=${size}`;
      const partners = await seedPartners(t, 3);
      const add = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const meeting = await createMeeting(staff, {
            startsAt: '2027-01-12T08:30:00Z',
            endsAt: '2027-01-12T10:00:00Z',
          });
          await invite(
            staff,
            meeting.id,
            partners.map((p) => p.id),
          );
        }
      };
      // Full pages both times (TypeORM skips the count query when the first page is not full).
      await add(5);
      const small = await counted(list(5));
      const smallCalendar = await counted('/meetings/calendar?month=2027-01');
      await add(15);
      const page = await get(list(20));
      expect(page.text.match(/<td>3<\/td>/g)).toHaveLength(20); // 3 without answer each
      expect(await counted(list(20))).toBe(small);
      expect(await counted('/meetings/calendar?month=2027-01')).toBe(smallCalendar);
    });
  });

  it('speaks English with LOCALE=en', async () => {
    const english = await createTestApp({ env: { LOCALE: 'en' } });
    try {
      const admin = await createStaff(english, 'admin');
      const [partner] = await seedPartners(english, 1);
      const meeting = await createMeeting(admin);
      await invite(admin, meeting.id, [partner.id]);
      const html = async (url: string) =>
        (await admin.api.get(url).set('Accept', 'text/html').expect(200)).text;
      expect(await html('/meetings')).toContain('Schedule a meeting');
      expect(await html('/meetings/calendar?month=2026-03')).toContain('Meetings — March 2026');
      expect(await html(`/meetings/${meeting.id}`)).toContain('Check attendance in');
      expect(await html(`/meetings/${meeting.id}/check-in`)).toContain('Save all attendance');
      expect(await html(`/meetings/${meeting.id}/agenda`)).toContain('Add an item');
      expect(await html(`/meetings/${meeting.id}/invite`)).toContain('Already invited');
    } finally {
      await english.close();
    }
  });
});
