import request from 'supertest';
import { createMeeting, invite, meetingWithInvitees } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { pagesOf, signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

interface Invitation {
  partnerId: number;
  attendance: string | null;
  present: { contactId: number | null; fullName: string; replacesContactId: number | null }[];
}

describe('attendance from the signed sheet (/meetings/:id/sign-in)', () => {
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

  const get = (url: string, status?: number) => pagesOf(session).get(url, status);
  const post = (url: string, form: Record<string, unknown>, status: number) =>
    pagesOf(session).post(url, form, status);
  const invitations = async (meetingId: number) =>
    new Map(
      (
        (await staff.api.get(`/api/meetings/${meetingId}`).expect(200)).body as {
          invitations: Invitation[];
        }
      ).invitations.map((i) => [i.partnerId, i]),
    );

  /** Three invited partners: Arbre (two contacts), Bruyère (answered excused), Cèdre (none yet). */
  let networks = 0;
  async function network() {
    networks += 1;
    const arbre = await createPartner(staff, { name: `Arbre emploi ${networks}` });
    const bruyere = await createPartner(staff, { name: `Bruyère insertion ${networks}` });
    const cedre = await createPartner(staff, { name: `Cèdre formation ${networks}` });
    const zoe = await createContact(staff, arbre.id, { fullName: 'Zoé Adam' });
    const eric = await createContact(staff, arbre.id, { fullName: 'Éric Bernard' });
    const lea = await createContact(staff, bruyere.id, { fullName: 'Léa Caron' });
    const max = await createContact(staff, cedre.id, { fullName: 'Max Durand' });
    const meeting = await createMeeting(staff);
    const tokens = await invite(staff, meeting.id, [arbre.id, bruyere.id, cedre.id]);
    await request(t.http)
      .post(`/r/${tokens.get(bruyere.id)}`)
      .send({ answer: 'excused' })
      .expect(200);
    return { meeting, arbre, bruyere, cedre, zoe, eric, lea, max };
  }

  it('waits for the meeting to start: the screen says so and a post is refused in French', async () => {
    const { meeting, zoe } = await network();
    const page = await get(`/meetings/${meeting.id}/sign-in`);
    expect(page.text).toContain('La réunion n’a pas encore commencé');
    expect(page.text).not.toContain('name="present"');
    const refused = await post(
      `/meetings/${meeting.id}/sign-in`,
      { present: String(zoe.id), walkIns: '0' },
      422,
    );
    expect(refused.text).toContain('La présence s’enregistre une fois la réunion commencée.');
    expect((await invitations(meeting.id)).get(zoe.partnerId)?.attendance).toBeNull();
  });

  it('lists the sheet’s people in its order and numbers, records the ticked ones and the walk-ins', async () => {
    const { meeting, arbre, bruyere, cedre, zoe, eric, lea, max } = await network();
    t.clock.set('2026-03-12T10:00:00Z');
    const page = await get(`/meetings/${meeting.id}/sign-in`);
    // The PDF's order: organisation, then name with accents ignored (Éric before Zoé).
    const order = [eric, zoe, lea, max].map((c) => page.text.indexOf(`id="present-${c.id}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.text).toMatch(
      new RegExp(`<td>1</td>\\s*<td><input type="checkbox" id="present-${eric.id}"[^>]*autofocus`),
    );
    expect(page.text).toMatch(
      new RegExp(`<td>4</td>\\s*<td><input type="checkbox" id="present-${max.id}"`),
    );
    expect(page.text).toContain(`<label for="present-${zoe.id}">Zoé Adam</label>`);
    expect(page.text).toContain(`action="/meetings/${meeting.id}/sign-in-sheet.pdf"`);

    const saved = await post(
      `/meetings/${meeting.id}/sign-in`,
      {
        present: [String(zoe.id)],
        walkIns: '3',
        walkInName_0: 'Jeanne Nouvelle',
        walkInPartner_0: String(cedre.id),
        walkInName_1: '',
        walkInPartner_1: '',
      },
      303,
    );
    expect(saved.headers.location).toBe(`/meetings/${meeting.id}/sign-in?saved=1`);
    let recorded = await invitations(meeting.id);
    expect(recorded.get(arbre.id)).toMatchObject({
      attendance: 'present',
      present: [{ contactId: zoe.id, fullName: 'Zoé Adam' }],
    });
    // Nobody of Bruyère signed: it answered excused, so it stays excused.
    expect(recorded.get(bruyere.id)).toMatchObject({ attendance: 'excused', present: [] });
    expect(recorded.get(cedre.id)).toMatchObject({
      attendance: 'present',
      present: [{ contactId: null, fullName: 'Jeanne Nouvelle' }],
    });

    // Shown again: the ticks and the walk-in as recorded.
    const again = await get(`/meetings/${meeting.id}/sign-in?saved=1`);
    expect(again.text).toContain('Présences enregistrées : 2 présents, 1 excusé, 0 absent.');
    expect(again.text).toMatch(
      new RegExp(`id="present-${zoe.id}" name="present" value="${zoe.id}" checked`),
    );
    expect(again.text).toMatch(
      new RegExp(`id="present-${eric.id}" name="present" value="${eric.id}" autofocus>`),
    );
    expect(again.text).toContain('value="Jeanne Nouvelle"');

    // Ticking Éric instead and clearing the walk-in: Cèdre had nobody, it is absent.
    await post(
      `/meetings/${meeting.id}/sign-in`,
      {
        present: [String(eric.id)],
        walkIns: '1',
        walkInName_0: '',
        walkInPartner_0: String(cedre.id),
      },
      303,
    );
    recorded = await invitations(meeting.id);
    expect(recorded.get(arbre.id)?.present.map((p) => p.contactId)).toEqual([eric.id]);
    expect(recorded.get(bruyere.id)?.attendance).toBe('excused');
    expect(recorded.get(cedre.id)).toMatchObject({ attendance: 'absent', present: [] });
  });

  it('refuses a walk-in without an organisation, or an unknown one, naming the line, and keeps what was typed', async () => {
    const { meeting, zoe } = await network();
    t.clock.set('2026-03-12T10:00:00Z');
    const stranger = await createPartner(staff, { name: 'Pas invité' });
    for (const partner of ['', String(stranger.id), 'abc']) {
      const refused = await post(
        `/meetings/${meeting.id}/sign-in`,
        {
          present: String(zoe.id),
          walkIns: '2',
          walkInName_1: 'Paul Passant',
          walkInPartner_1: partner,
        },
        422,
      );
      expect(refused.text).toContain(
        'Ligne 2 des personnes non inscrites : indiquez le nom et choisissez l’organisation.',
      );
      expect(refused.text).toContain('value="Paul Passant"');
      expect(refused.text).toMatch(
        new RegExp(`id="present-${zoe.id}" name="present" value="${zoe.id}" checked`),
      );
    }
    const tooLong = await post(
      `/meetings/${meeting.id}/sign-in`,
      { walkIns: '1', walkInName_0: 'x'.repeat(161), walkInPartner_0: String(zoe.partnerId) },
      422,
    );
    expect(tooLong.text).toContain('role="alert"');
    expect((await invitations(meeting.id)).get(zoe.partnerId)?.attendance).toBeNull();
    // Without the form's token nothing is recorded.
    await session.agent
      .post(`/meetings/${meeting.id}/sign-in`)
      .type('form')
      .send({ present: String(zoe.id), walkIns: '0' })
      .expect(403);
    await get('/meetings/999999/sign-in', 404);
  });

  it('reads a constant number of SQL statements whatever the number of invitees', async () => {
    const counted = async (count: number) => {
      const { meetingId } = await meetingWithInvitees(t, staff, count);
      await get(`/meetings/${meetingId}/sign-in`);
      const before = t.queries.total;
      await get(`/meetings/${meetingId}/sign-in`);
      return t.queries.total - before;
    };
    const small = await counted(3);
    const large = await counted(60);
    expect(large).toBe(small);
  });

  it('is linked from the hub and the check-in screen, for signed-in staff only', async () => {
    const meeting = await createMeeting(staff);
    const hub = await get(`/meetings/${meeting.id}`);
    expect(hub.text).toContain(`href="/meetings/${meeting.id}/sign-in"`);
    const checkIn = await get(`/meetings/${meeting.id}/check-in`);
    expect(checkIn.text).toContain(`href="/meetings/${meeting.id}/sign-in"`);
    const anonymous = await request(t.http)
      .post(`/meetings/${meeting.id}/sign-in`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ walkIns: '0' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    expect((await invitations(meeting.id)).size).toBe(0);
  });
});
