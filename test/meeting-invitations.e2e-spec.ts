import request from 'supertest';
import { sha256 } from '../src/common/secrets';
import { Invitation } from '../src/meetings/invitations/invitation.entity';
import { InvitationAttendee } from '../src/meetings/attendance/invitation-attendee.entity';
import { InvitationsService } from '../src/meetings/invitations/invitations.service';
import { PartnerHistoryRegistry } from '../src/partners/partner-history.registry';
import { Transactions } from '../src/database/transactions';
import { createMeeting, invite, seedPartners, SeededPartner, tokenOf } from './support/meetings';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

interface InvitationItem {
  id: number;
  partnerId: number;
  invited: boolean;
  answer: string | null;
  attendance: string | null;
  expected: {
    contactId: number | null;
    fullName: string;
    replacesContactId: number | null;
    replacesName: string | null;
  }[];
  present: { contactId: number | null; fullName: string; replacesName: string | null }[];
}

describe('invitations, answers and attendance', () => {
  let t: TestApp;
  let staff: Staff;
  const BEFORE = '2026-03-02T09:00:00Z';
  beforeAll(async () => {
    t = await createTestApp({ now: BEFORE });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.set(BEFORE));

  const answer = (token: string, body: Record<string, unknown>) =>
    request(t.http).post(`/r/${token}`).type('form').send(body);
  const invitationsOf = async (meetingId: number) =>
    (await staff.api.get(`/api/meetings/${meetingId}/invitations`).expect(200)).body as {
      counts: Record<string, number>;
      items: InvitationItem[];
    };

  describe('inviting', () => {
    it('invites all active partners, some kinds, or a selection, never twice', async () => {
      const active = await seedPartners(t, 3, { kind: 'mission-locale' });
      const other = await seedPartners(t, 2, { kind: 'company' });
      const inactive = await seedPartners(t, 1, { active: false });
      const byKind = await createMeeting(staff);
      const first = await staff.api
        .post(`/api/meetings/${byKind.id}/invitations`)
        .send({ kinds: ['mission-locale'] })
        .expect(201);
      expect(first.body).toMatchObject({ created: 3, alreadyInvited: 0 });
      expect(first.body.links.map((l: { partnerId: number }) => l.partnerId).sort()).toEqual(
        active.map((p) => p.id).sort(),
      );
      const again = await staff.api
        .post(`/api/meetings/${byKind.id}/invitations`)
        .send({ partnerIds: [active[0].id, other[0].id] })
        .expect(201);
      expect(again.body).toMatchObject({ created: 1, alreadyInvited: 1 });
      expect((await invitationsOf(byKind.id)).items).toHaveLength(4);

      const all = await createMeeting(staff);
      const everyone = await staff.api
        .post(`/api/meetings/${all.id}/invitations`)
        .send({ all: true })
        .expect(201);
      const invited = everyone.body.links.map((l: { partnerId: number }) => l.partnerId);
      expect(invited).toEqual(expect.arrayContaining([...active, ...other].map((p) => p.id)));
      expect(invited).not.toContain(inactive[0].id);
      const twice = await staff.api
        .post(`/api/meetings/${all.id}/invitations`)
        .send({ all: true })
        .expect(201);
      expect(twice.body).toMatchObject({ created: 0, links: [] });
    });

    it('refuses bad requests, naming the field', async () => {
      const meeting = await createMeeting(staff);
      const [inactive] = await seedPartners(t, 1, { active: false });
      const url = `/api/meetings/${meeting.id}/invitations`;
      expect((await staff.api.post(url).send({}).expect(422)).body.field).toBe('partnerIds');
      expect(
        (
          await staff.api
            .post(url)
            .send({ all: true, kinds: ['company'] })
            .expect(422)
        ).body.field,
      ).toBe('partnerIds');
      expect(
        (
          await staff.api
            .post(url)
            .send({ partnerIds: [999999] })
            .expect(422)
        ).body.field,
      ).toBe('partnerIds');
      expect(
        (
          await staff.api
            .post(url)
            .send({ partnerIds: [inactive.id] })
            .expect(422)
        ).body.field,
      ).toBe('partnerIds');
      const bad = await staff.api
        .post(url)
        .send({ kinds: ['pirates'], all: false })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'all',
        'kinds',
      ]);
      await staff.api.post('/api/meetings/999999/invitations').send({ all: true }).expect(404);
      const huge = await staff.api
        .post(url)
        .send({ partnerIds: [99999999999] })
        .expect(400);
      expect(huge.body.errors[0].field).toBe('partnerIds');
    });

    it('sends no invitations to a cancelled meeting', async () => {
      const [partner] = await seedPartners(t, 1);
      const meeting = await createMeeting(staff);
      await staff.api
        .post(`/api/meetings/${meeting.id}/cancel`)
        .send({ reason: 'Grève' })
        .expect(200);
      const refused = await staff.api
        .post(`/api/meetings/${meeting.id}/invitations`)
        .send({ partnerIds: [partner.id] })
        .expect(422);
      expect(refused.body.field).toBe('status');
      expect((await invitationsOf(meeting.id)).items).toHaveLength(0);
    });

    it('registers the partner history check: an invited partner has "meetings" history', async () => {
      const [invited, stranger] = await seedPartners(t, 2);
      const meeting = await createMeeting(staff);
      await invite(staff, meeting.id, [invited.id]);
      const registry = t.app.get(PartnerHistoryRegistry);
      const history = await t.app
        .get(Transactions)
        .run(async (manager) => [
          await registry.historyOf(manager, invited.id),
          await registry.historyOf(manager, stranger.id),
        ]);
      expect(history).toEqual([['meetings'], []]);
      const refused = await staff.api.delete(`/api/partners/${invited.id}`).expect(409);
      expect(refused.body.message).toContain('(réunions)');
      await staff.api.delete(`/api/partners/${stranger.id}`).expect(204);
    });
  });

  describe('answer links', () => {
    let partners: SeededPartner[];
    let meetingId: number;
    let tokens: Map<number, string>;
    beforeAll(async () => {
      partners = await seedPartners(t, 3, { contacts: 3 });
      meetingId = (await createMeeting(staff)).id;
      tokens = await invite(
        staff,
        meetingId,
        partners.map((p) => p.id),
      );
    });

    it('are unguessable (256 random bits) and stored only as a hash', async () => {
      const token = tokens.get(partners[0].id)!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set(tokens.values()).size).toBe(3);
      const rows = await t.dataSource.getRepository(Invitation).findBy({ meetingId });
      const hashes = rows.map((r) => r.tokenHash);
      expect(hashes).toContain(sha256(token));
      expect(hashes).not.toContain(token);
      await request(t.http)
        .get(`/r/${token.slice(0, -2)}xx`)
        .expect(404);
      await request(t.http).get('/r/short').expect(404);
    });

    it('show a French page in the network time zone, without signing in', async () => {
      const partner = partners[0];
      const page = await request(t.http)
        .get(`/r/${tokens.get(partner.id)}`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.headers['content-type']).toMatch(/html/);
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toContain('jeudi 12 mars 2026, 9 h 30');
      expect(page.text).toContain('jusqu’à 12 h 00');
      expect(page.text).toContain(partner.name);
      expect(page.text).toContain('Nous viendrons');
      expect(page.text).toContain(`value="${partner.contactIds[0]}"`);
      // No session (and no cookie) for a partner: the link is the authorisation.
      expect(page.headers['set-cookie']).toBeUndefined();
    });

    it('store the answer with who comes and "X replaces Y"; answering again updates it', async () => {
      const partner = partners[0];
      const token = tokens.get(partner.id)!;
      const saved = await answer(token, {
        answer: 'coming',
        contactIds: [String(partner.contactIds[0]), String(partner.contactIds[1])],
        guestName: 'Julie Martin',
        replacesContactId: String(partner.contactIds[2]),
        note: 'Nous serons trois',
      })
        .set('Accept', 'text/html')
        .expect(200);
      expect(saved.text).toContain('votre réponse est enregistrée');
      expect(saved.headers['set-cookie']).toBeUndefined();
      let item = (await invitationsOf(meetingId)).items.find((i) => i.partnerId === partner.id)!;
      expect(item.answer).toBe('coming');
      expect(item.expected).toEqual([
        expect.objectContaining({ contactId: partner.contactIds[0] }),
        expect.objectContaining({ contactId: partner.contactIds[1] }),
        {
          contactId: null,
          fullName: 'Julie Martin',
          replacesContactId: partner.contactIds[2],
          replacesName: `Contact 3 de ${partner.name}`,
        },
      ]);

      await answer(token, { answer: 'coming', contactIds: String(partner.contactIds[1]) }).expect(
        200,
      );
      await answer(token, { answer: 'excused', contactIds: String(partner.contactIds[1]) }).expect(
        200,
      );
      const invitations = await invitationsOf(meetingId);
      item = invitations.items.find((i) => i.partnerId === partner.id)!;
      expect(item.answer).toBe('excused');
      expect(item.expected).toEqual([]);
      expect(invitations.items.filter((i) => i.partnerId === partner.id)).toHaveLength(1);
      expect(invitations.counts).toMatchObject({ invited: 3, excused: 1, noAnswer: 2 });
      const page = await request(t.http).get(`/r/${token}`).set('Accept', 'text/html').expect(200);
      expect(page.text).toMatch(/value="excused" required checked/);
    });

    it('refuse contacts of another partner and bad input, naming the field', async () => {
      const [a, b] = partners;
      const token = tokens.get(a.id)!;
      // Broken rules: the form again (422) with the message in French.
      const foreign = await answer(token, { answer: 'coming', contactIds: String(b.contactIds[0]) })
        .set('Accept', 'text/html')
        .expect(422);
      expect(foreign.text).toContain('n’est pas une personne de contact de votre structure');
      expect(foreign.text).toContain('<form method="post"');
      const replaces = await answer(token, {
        answer: 'coming',
        guestName: 'X',
        replacesContactId: String(b.contactIds[0]),
      }).expect(422);
      expect(replaces.text).toContain('La personne remplacée');
      const noName = await answer(token, {
        answer: 'coming',
        replacesContactId: String(a.contactIds[0]),
      }).expect(422);
      expect(noName.text).toContain('Indiquez le nom');
      const stored = (await invitationsOf(meetingId)).items.find((i) => i.partnerId === a.id)!;
      expect(stored.expected.map((e) => e.contactId)).not.toContain(b.contactIds[0]);
      const bad = await answer(token, { answer: 'maybe', contactIds: 'abc' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'answer',
        'contactIds',
      ]);
      // A browser gets the form again (422), in French, naming the field, with what was typed.
      const html = await answer(token, {
        answer: 'maybe',
        guestName: 'Julie Martin',
        note: 'Nous arriverons en retard',
        replacesContactId: 'abc',
      })
        .set('Accept', 'text/html')
        .expect(422);
      expect(html.text).toContain('Votre réponse : choisissez « Nous viendrons »');
      expect(html.text).toContain('« … qui remplace » : choisissez une personne de la liste.');
      expect(html.text).not.toMatch(/must be|should not/);
      expect(html.text).toContain('value="Julie Martin"');
      expect(html.text).toContain('>Nous arriverons en retard</textarea>');
      expect(html.text).toContain('<form method="post"');
      // A broken rule keeps what was typed too.
      const kept = await answer(token, {
        answer: 'coming',
        note: 'Avec deux collègues',
        contactIds: String(b.contactIds[0]),
      })
        .set('Accept', 'text/html')
        .expect(422);
      expect(kept.text).toContain('>Avec deux collègues</textarea>');
      expect(kept.text).toMatch(/value="coming" required checked/);
    });

    it('neither list nor accept an erased contact of the partner', async () => {
      const [a] = partners;
      const token = tokens.get(a.id)!;
      const erased = a.contactIds[2];
      await staff.api.post(`/api/contacts/${erased}/erase`).expect(204);
      const page = await request(t.http).get(`/r/${token}`).expect(200);
      expect(page.text).not.toContain(`value="${erased}"`);
      expect(page.text).toContain(`value="${a.contactIds[0]}"`);
      const refused = await answer(token, { answer: 'coming', contactIds: String(erased) })
        .set('Accept', 'text/html')
        .expect(422);
      expect(refused.text).toContain('n’est pas une personne de contact de votre structure');
    });

    it('can be issued again for the mail: the old link stops working', async () => {
      const partner = partners[2];
      const invitation = (await invitationsOf(meetingId)).items.find(
        (i) => i.partnerId === partner.id,
      )!;
      const reissued = await staff.api
        .post(`/api/meetings/${meetingId}/invitations/${invitation.id}/answer-link`)
        .expect(201);
      expect(reissued.body.url).toMatch(/^http:\/\/maillage\.test\/r\/[A-Za-z0-9_-]{43}$/);
      await request(t.http)
        .get(`/r/${tokens.get(partner.id)}`)
        .expect(404);
      await request(t.http)
        .get(`/r/${tokenOf(reissued.body.url)}`)
        .expect(200);
      const url = await t.app
        .get(Transactions)
        .run((manager) => t.app.get(InvitationsService).issueAnswerLink(manager, invitation.id));
      await request(t.http)
        .get(`/r/${tokenOf(reissued.body.url)}`)
        .expect(404);
      await request(t.http)
        .get(`/r/${tokenOf(url)}`)
        .expect(200);
      tokens.set(partner.id, tokenOf(url));
    });

    it('stop working once the meeting has started (410), and answers stay as they were', async () => {
      const partner = partners[1];
      const token = tokens.get(partner.id)!;
      await answer(token, { answer: 'coming' }).expect(200);
      t.clock.set('2026-03-12T08:30:00Z');
      const page = await request(t.http).get(`/r/${token}`).set('Accept', 'text/html').expect(410);
      expect(page.text).toContain('La réunion a commencé');
      await answer(token, { answer: 'not-coming' }).expect(410);
      const item = (await invitationsOf(meetingId)).items.find((i) => i.partnerId === partner.id)!;
      expect(item.answer).toBe('coming');
    });

    it('say so when the meeting is cancelled (410)', async () => {
      const [partner] = await seedPartners(t, 1);
      const meeting = await createMeeting(staff);
      const token = (await invite(staff, meeting.id, [partner.id])).get(partner.id)!;
      await staff.api.post(`/api/meetings/${meeting.id}/cancel`).send({ reason: 'Salle inondée' });
      const page = await request(t.http).get(`/r/${token}`).set('Accept', 'text/html').expect(410);
      expect(page.text).toContain('Cette réunion est annulée');
      expect(page.text).toContain('Salle inondée');
      await answer(token, { answer: 'coming' }).expect(410);
    });
  });

  describe('at the same moment', () => {
    it('100 partners answering at once all succeed and every answer is stored', async () => {
      const partners = await seedPartners(t, 100, { contacts: 1 });
      const meeting = await createMeeting(staff);
      const tokens = await invite(
        staff,
        meeting.id,
        partners.map((p) => p.id),
      );
      const responses = await Promise.all(
        partners.map((p) =>
          answer(tokens.get(p.id)!, { answer: 'coming', contactIds: String(p.contactIds[0]) }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(partners.map(() => 200));
      const { counts, items } = await invitationsOf(meeting.id);
      expect(counts).toMatchObject({ invited: 100, coming: 100, noAnswer: 0, expectedPeople: 100 });
      expect(items.every((i) => i.expected.length === 1)).toBe(true);
    }, 60_000);

    it('the same link answered 10 times at once keeps one answer, never duplicated', async () => {
      const [partner] = await seedPartners(t, 1, { contacts: 2 });
      const meeting = await createMeeting(staff);
      const token = (await invite(staff, meeting.id, [partner.id])).get(partner.id)!;
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          answer(token, {
            answer: 'coming',
            contactIds: partner.contactIds.map(String),
            guestName: `Invité ${i}`,
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      const rows = await t.dataSource
        .getRepository(InvitationAttendee)
        .createQueryBuilder('a')
        .innerJoin('a.invitation', 'i')
        .where('i.meetingId = :id', { id: meeting.id })
        .getMany();
      expect(rows).toHaveLength(3);
    }, 60_000);
  });

  describe('attendance', () => {
    let partners: SeededPartner[];
    let walkIn: SeededPartner;
    let meetingId: number;
    beforeAll(async () => {
      partners = await seedPartners(t, 3);
      [walkIn] = await seedPartners(t, 1);
      meetingId = (await createMeeting(staff)).id;
      await invite(
        staff,
        meetingId,
        partners.map((p) => p.id),
      );
    });

    const entries = () => [
      {
        partnerId: partners[0].id,
        status: 'present',
        contactIds: [partners[0].contactIds[0]],
        guests: [{ fullName: 'Paul Remplaçant', replacesContactId: partners[0].contactIds[1] }],
      },
      { partnerId: partners[1].id, status: 'excused' },
      { partnerId: partners[2].id, status: 'absent' },
      { partnerId: walkIn.id, status: 'present', contactIds: walkIn.contactIds },
    ];

    it('is refused before the meeting starts', async () => {
      const refused = await staff.api
        .put(`/api/meetings/${meetingId}/attendance`)
        .send({ entries: entries() })
        .expect(422);
      expect(refused.body.field).toBe('startsAt');
    });

    it('records many partners at once, adds uninvited partners as present, and marks the meeting held', async () => {
      t.clock.set('2026-03-12T11:30:00Z');
      const response = await staff.api
        .put(`/api/meetings/${meetingId}/attendance`)
        .send({ entries: entries() })
        .expect(200);
      expect(response.body.counts).toMatchObject({
        invited: 3,
        present: 2,
        attendanceExcused: 1,
        absent: 1,
        uninvitedPresent: 1,
      });
      const first = (response.body.items as InvitationItem[]).find(
        (i) => i.partnerId === partners[0].id,
      )!;
      expect(first.present).toEqual([
        expect.objectContaining({ contactId: partners[0].contactIds[0] }),
        expect.objectContaining({
          fullName: 'Paul Remplaçant',
          replacesName: `Contact 2 de ${partners[0].name}`,
        }),
      ]);
      const uninvited = (response.body.items as InvitationItem[]).find(
        (i) => i.partnerId === walkIn.id,
      )!;
      expect(uninvited).toMatchObject({ invited: false, attendance: 'present' });
      expect(uninvited.present).toHaveLength(2);
      const detail = await staff.api.get(`/api/meetings/${meetingId}`).expect(200);
      expect(detail.body.meeting.status).toBe('held');

      // Again, changed: updates, never duplicates.
      const again = await staff.api
        .put(`/api/meetings/${meetingId}/attendance`)
        .send({
          entries: [
            {
              partnerId: partners[0].id,
              status: 'present',
              contactIds: [partners[0].contactIds[1]],
            },
            { partnerId: partners[2].id, status: 'present' },
          ],
        })
        .expect(200);
      const items = again.body.items as InvitationItem[];
      expect(items).toHaveLength(4);
      expect(items.find((i) => i.partnerId === partners[0].id)!.present).toEqual([
        expect.objectContaining({ contactId: partners[0].contactIds[1] }),
      ]);
      expect(again.body.counts).toMatchObject({ present: 3, absent: 0 });
    });

    it('takes the same few SQL statements for 2 partners or 30 (the benchmark counts them)', async () => {
      const statementsFor = async (count: number) => {
        const seeded = await seedPartners(t, count, { contacts: 2 });
        const id = (await createMeeting(staff)).id;
        await invite(
          staff,
          id,
          seeded.map((p) => p.id),
        );
        t.clock.set('2026-03-12T11:30:00Z');
        const body = {
          entries: seeded.map((p, k) => ({
            partnerId: p.id,
            status: k % 2 ? 'absent' : 'present',
            ...(k % 2 ? {} : { contactIds: p.contactIds }),
          })),
        };
        await staff.api.put(`/api/meetings/${id}/attendance`).send(body).expect(200);
        const before = t.queries.total;
        const again = await staff.api.put(`/api/meetings/${id}/attendance`).send(body).expect(200);
        t.clock.set(BEFORE);
        expect(again.body.counts).toMatchObject({ present: Math.ceil(count / 2) });
        return t.queries.total - before;
      };
      // Token check; BEGIN, meeting, partners + invitations + contacts, UPDATE invitations,
      // DELETE + INSERT people, audit, COMMIT; then invitations joined to people for the answer.
      expect(await statementsFor(2)).toBe(10);
      expect(await statementsFor(30)).toBe(10);
    });

    it('refuses bad entries, naming the field', async () => {
      t.clock.set('2026-03-12T11:30:00Z');
      const url = `/api/meetings/${meetingId}/attendance`;
      const [stranger] = await seedPartners(t, 1);
      const cases: [unknown[], string][] = [
        [[{ partnerId: stranger.id, status: 'absent' }], 'entries.0.status'],
        [
          [
            {
              partnerId: partners[0].id,
              status: 'present',
              contactIds: [partners[1].contactIds[0]],
            },
          ],
          'entries.0.contactIds.0',
        ],
        [
          [
            { partnerId: partners[1].id, status: 'excused' },
            { partnerId: partners[1].id, status: 'absent' },
          ],
          'entries.1.partnerId',
        ],
        [[{ partnerId: 999999, status: 'present' }], 'entries.0.partnerId'],
        [
          [
            {
              partnerId: partners[1].id,
              status: 'absent',
              contactIds: [partners[1].contactIds[0]],
            },
          ],
          'entries.0.contactIds',
        ],
      ];
      for (const [body, field] of cases) {
        const response = await staff.api.put(url).send({ entries: body }).expect(422);
        expect(response.body.field).toBe(field);
      }
      const bad = await staff.api
        .put(url)
        .send({ entries: [{ partnerId: 'x', status: 'late' }] })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'entries.0.partnerId',
        'entries.0.status',
      ]);
      await staff.api.put(url).send({ entries: [] }).expect(400);
      const huge = await staff.api
        .put(url)
        .send({ entries: [{ partnerId: 99999999999, status: 'present', contactIds: [-1] }] })
        .expect(400);
      expect(huge.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'entries.0.contactIds',
        'entries.0.partnerId',
      ]);
    });
  });
});
