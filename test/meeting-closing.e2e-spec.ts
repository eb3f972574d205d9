import { AuditEntry } from '../src/audit/audit-entry.entity';
import { MinutesDraft } from '../src/documents/minutes/minutes-draft.entity';
import { Meeting } from '../src/meetings/meeting.entity';
import { createMeeting, invite, seedPartners } from './support/meetings';
import { pagesOf, signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/** "Clôturer la réunion": attendance, then the minutes draft, then the closing itself. */
describe('closing a meeting', () => {
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

  const get = (url: string, status = 200) => pagesOf(session).get(url, status);
  const post = (url: string, form: Record<string, unknown>, status: number) =>
    pagesOf(session).post(url, form, status);
  const stored = (id: number) => t.dataSource.getRepository(Meeting).findOneByOrFail({ id });

  it('leads through attendance and the minutes draft, then stores who closed and when', async () => {
    const partners = await seedPartners(t, 2);
    const meeting = await createMeeting(staff, { title: 'Plateforme à clôturer' });
    await invite(
      staff,
      meeting.id,
      partners.map((p) => p.id),
    );

    // Before it starts: no call to action, and closing is refused in French.
    expect((await get(`/meetings/${meeting.id}`)).text).not.toContain('id="closing"');
    const early = await post(`/meetings/${meeting.id}/close`, {}, 422);
    expect(early.text).toContain('La réunion n’a pas encore commencé');
    expect((await stored(meeting.id)).closedAt).toBeNull();

    t.clock.set('2026-03-12T12:00:00Z');
    const list = await get('/meetings?when=past');
    expect(list.text).toContain('Réunions passées à clôturer : 1');
    expect(list.text).toContain(`href="/meetings/${meeting.id}#closing"`);
    const toClose = await get('/meetings?when=to-close');
    expect(toClose.text).toContain('Plateforme à clôturer');

    const hub = await get(`/meetings/${meeting.id}`);
    expect(hub.text).toContain('id="closing"');
    expect(hub.text).toContain(`href="/meetings/${meeting.id}/check-in">Enregistrer les présences`);
    expect(hub.text).toContain('Créer le brouillon du compte rendu');

    const noAttendance = await post(`/meetings/${meeting.id}/close`, {}, 422);
    expect(noAttendance.text).toContain('Enregistrez d’abord les présences');

    const [p0, p1] = partners.map((p) => p.id);
    await post(
      `/meetings/${meeting.id}/check-in`,
      { [`status_${p0}`]: 'present', [`status_${p1}`]: 'absent' },
      303,
    );
    expect((await get(`/meetings/${meeting.id}`)).text).toContain('Revoir les présences');
    const noMinutes = await post(`/meetings/${meeting.id}/close`, {}, 422);
    expect(noMinutes.text).toContain('Créez d’abord le brouillon du compte rendu');
    expect((await stored(meeting.id)).status).toBe('held');

    // The step's button creates the draft from the meeting record.
    const drafted = await post(`/meetings/${meeting.id}/minutes`, {}, 303);
    expect(drafted.headers.location).toBe(`/meetings/${meeting.id}/minutes?saved=1`);
    expect(await t.dataSource.getRepository(MinutesDraft).existsBy({ meetingId: meeting.id })).toBe(
      true,
    );
    expect((await get(`/meetings/${meeting.id}`)).text).toContain('Ouvrir le compte rendu');

    const closed = await post(`/meetings/${meeting.id}/close`, {}, 303);
    expect(closed.headers.location).toBe(`/meetings/${meeting.id}?closed=1#closing`);
    const row = await stored(meeting.id);
    expect(row.status).toBe('closed');
    expect(row.closedAt?.toISOString()).toBe('2026-03-12T12:00:00.000Z');
    expect(row.closedByUserId).toBe(staff.user.id);
    const audit = await t.dataSource
      .getRepository(AuditEntry)
      .findBy({ entityType: 'meeting', entityId: String(meeting.id) });
    const closing = audit.find((entry) => entry.changes.closedAt?.after);
    expect(closing?.actorUserId).toBe(staff.user.id);
    expect(closing?.changes.status).toEqual({ before: 'held', after: 'closed' });

    const after = await get(`/meetings/${meeting.id}?closed=1`);
    expect(after.text).toContain('La réunion est clôturée.');
    expect(after.text).toContain(
      `Réunion clôturée le jeudi 12 mars 2026 à 13 h 00</strong> par ${staff.user.displayName}.`,
    );
    expect(after.text).not.toContain('Créer le brouillon du compte rendu');

    const again = await post(`/meetings/${meeting.id}/close`, {}, 409);
    expect(again.text).toContain('La réunion est déjà clôturée.');
    expect((await get('/meetings?when=past')).text).not.toContain('Réunions passées à clôturer');
    expect((await get('/meetings?when=to-close')).text).not.toContain('Plateforme à clôturer');
  });

  it('refuses to close a cancelled meeting, which never shows as to close', async () => {
    const meeting = await createMeeting(staff, {
      title: 'Réunion annulée',
      startsAt: '2026-03-05T08:30:00Z',
      endsAt: '2026-03-05T10:00:00Z',
    });
    await staff.api
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'Salle indisponible' })
      .expect(200);
    t.clock.set('2026-03-06T09:00:00Z');
    const hub = await get(`/meetings/${meeting.id}`);
    expect(hub.text).not.toContain('id="closing"');
    const refused = await post(`/meetings/${meeting.id}/close`, {}, 422);
    expect(refused.text).toContain('Une réunion annulée ne peut pas être clôturée.');
    expect((await stored(meeting.id)).closedAt).toBeNull();
    expect((await get('/meetings?when=to-close')).text).not.toContain('Réunion annulée');
  });

  it('closes a meeting nobody was invited to once its minutes are drafted', async () => {
    const meeting = await createMeeting(staff, {
      title: 'Groupe de travail interne',
      startsAt: '2026-03-01T08:30:00Z',
      endsAt: '2026-03-01T10:00:00Z',
    });
    const hub = await get(`/meetings/${meeting.id}`);
    expect(hub.text).toContain('aucun partenaire invité, rien à enregistrer');
    await post(`/meetings/${meeting.id}/minutes`, {}, 303);
    await post(`/meetings/${meeting.id}/close`, {}, 303);
    expect((await stored(meeting.id)).status).toBe('closed');
  });

  it('answers 404 for an unknown meeting and needs the CSRF token', async () => {
    await post('/meetings/999999/close', {}, 404);
    await session.agent
      .post('/meetings/1/close')
      .type('form')
      .set('Accept', 'text/html')
      .send({})
      .expect(403);
  });
});
