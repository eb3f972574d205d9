import request from 'supertest';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { MinutesReviewReminders } from '../src/documents/minutes/review/minutes-review-reminders';
import { createMeetingRecord } from './support/documents';
import { csrfFromHtml, pagesOf, signIn } from './support/session';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';
import { flatText, pdfFrom } from './support/pdf-response';

const HOSTILE = '<script>alert(1)</script> " onmouseover="x {{constructor}}';
const NOW = '2026-03-16T09:00:00Z';
const SUMMARY = 'Le forum a réuni 40 jeunes.\n\nTrois entreprises ont recruté sur place.';

type Agent = ReturnType<typeof request.agent>;

/**
 * The minutes' review round end to end: opening mails the contacts present (not the opted-out,
 * not the absent), the mailed link signs in to the portal's review page, proposals, decisions,
 * the deadline, the reminder (once, to those who did not open the draft) and publication.
 */
describe('minutes review round', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let meetingId: number;
  let helene: Agent;
  let ids: Record<string, number>;

  const api = (path = '') => `/api/meetings/${meetingId}/minutes/review${path}`;
  const drain = () => t.app.get(MailDispatcher).drainOnce();
  const outbox = () => t.dataSource.getRepository(OutboxMessage);

  /** Opens the link of the latest review mail to `email` in a new browser. */
  async function follow(email: string): Promise<Agent> {
    const [message] = await outbox().find({
      where: { recipientEmail: email },
      order: { id: 'DESC' },
      take: 1,
    });
    const url = /http:\/\/maillage\.test(\/portal\/link\/[A-Za-z0-9_-]+\?to=[^\s"]+)/.exec(
      message.text!,
    )?.[1];
    expect(url).toBeDefined();
    const agent = request.agent(t.http);
    await agent
      .get(url!)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', `/portal/reviews/${meetingId}`);
    return agent;
  }

  async function propose(agent: Agent, form: Record<string, string>, status: number) {
    const page = await agent.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html');
    return agent
      .post(`/portal/reviews/${meetingId}/proposals`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), ...form })
      .expect(status);
  }

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: NOW,
      env: { SMTP_URL: smtp.url, PORTAL_LINK_TTL_HOURS: '720' },
    });
    staff = await createStaff(t);
    const record = await createMeetingRecord(t, {
      title: 'Forum emploi de mars',
      startsAt: '2026-03-12T08:30:00Z',
      partners: [
        {
          name: 'Mission locale de Mons',
          attendance: 'present',
          contacts: [
            { name: 'Hélène Dupré', email: 'helene@mons.test', present: true },
            { name: 'Omar Refus', email: 'omar@mons.test', present: true, receivesMinutes: false },
            { name: 'Zoé Absente', email: 'zoe@mons.test' },
          ],
        },
        {
          name: 'Forem Liège',
          attendance: 'present',
          contacts: [{ name: 'Marc Lambert', email: 'marc@liege.test', present: true }],
        },
      ],
      agenda: [{ title: 'Bilan du forum', summary: SUMMARY }],
    });
    meetingId = record.meeting.id;
    ids = Object.fromEntries([...record.contacts].map(([name, c]) => [name, c.id]));
    await staff.api
      .patch(`/api/meetings/${meetingId}/minutes`)
      .send({ introduction: 'Bienvenue à tous.' })
      .expect(200);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('opens a round on the frozen paragraphs and mails the contacts present only', async () => {
    const past = await staff.api.post(api()).send({ deadline: '2026-03-15' }).expect(422);
    expect(past.body.message).toContain('date limite');
    await staff.api.post(api()).send({ deadline: '20-03-2026' }).expect(400);
    const opened = await staff.api.post(api()).send({ deadline: '2026-03-20' }).expect(201);
    expect(opened.body.paragraphs.map((p: { text: string }) => p.text)).toEqual([
      'Bienvenue à tous.',
      'Le forum a réuni 40 jeunes.',
      'Trois entreprises ont recruté sur place.',
    ]);
    expect(opened.body.readers.map((r: { name: string }) => r.name).sort()).toEqual([
      'Hélène Dupré',
      'Marc Lambert',
      'Omar Refus',
    ]);
    expect(opened.body.deadline).toBe('2026-03-20T23:00:00.000Z');
    await staff.api.post(api()).send({ deadline: '2026-03-21' }).expect(422);
    await drain();
    const [mail] = smtp.copiesFor('helene@mons.test');
    expect(mail.mail.subject).toBe('Compte rendu à relire — Forum emploi de mars');
    expect(mail.mail.text).toContain('jusqu’au vendredi 20 mars 2026 inclus');
    expect(smtp.copiesFor('marc@liege.test')).toHaveLength(1);
    expect(smtp.copiesFor('omar@mons.test')).toHaveLength(0);
    expect(smtp.copiesFor('zoe@mons.test')).toHaveLength(0);
  });

  it('signs the attendee in through the mailed link and records the reading', async () => {
    helene = await follow('helene@mons.test');
    const page = await helene.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Trois entreprises ont recruté sur place.');
    expect(page.text).toContain('jusqu’au vendredi 20 mars 2026 inclus');
    const home = await helene.get('/portal').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('Comptes rendus à relire');
    expect(home.text).toContain(`href="/portal/reviews/${meetingId}"`);
    const round = await staff.api.get(api()).expect(200);
    const reader = round.body.round.readers.find(
      (r: { name: string }) => r.name === 'Hélène Dupré',
    );
    expect(reader.openedAt).not.toBeNull();
    expect(round.body.round.openedCount).toBe(1);
  });

  it('answers 404 to a contact who was not at the meeting', async () => {
    await staff.api.post(`/api/contacts/${ids['Zoé Absente']}/portal-link`).expect(201);
    const [message] = await outbox().find({
      where: { recipientEmail: 'zoe@mons.test', purpose: 'portal-link' },
      take: 1,
    });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const zoe = request.agent(t.http);
    await zoe.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    await zoe.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html').expect(404);
    const home = await zoe.get('/portal').set('Accept', 'text/html').expect(200);
    await zoe
      .post(`/portal/reviews/${meetingId}/proposals`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(home.text), paragraph: '0', kind: 'comment', text: 'Intrus' })
      .expect(404);
  });

  it('takes comments and suggestions, refuses bad ones in French, escapes hostile text', async () => {
    await propose(helene, { paragraph: '0', kind: 'comment', text: `Trop court ${HOSTILE}` }, 303);
    await propose(
      helene,
      { paragraph: '2', kind: 'suggestion', text: 'Quatre entreprises ont recruté sur place.' },
      303,
    );
    const empty = await propose(helene, { paragraph: '1', kind: 'comment', text: '' }, 422);
    expect(empty.text).toContain('Écrivez votre commentaire');
    const unknown = await propose(helene, { paragraph: '99', kind: 'comment', text: 'x' }, 422);
    expect(unknown.text).toContain('Ce paragraphe n’existe pas');
    const long = await propose(
      helene,
      { paragraph: '1', kind: 'odd', text: 'x'.repeat(4001) },
      422,
    );
    expect(long.text).toContain('4 000 caractères au plus');
    const page = await helene.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text.match(/en attente/g)).toHaveLength(2);
    const session = await signIn(t, staff.user.email, staff.password);
    const staffPage = await pagesOf(session).get(`/meetings/${meetingId}/minutes/review`);
    expect(staffPage.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(staffPage.text).not.toContain('<script>alert(1)');
    expect(staffPage.text).toContain('2 propositions dont 2 en attente');
  });

  it('accepts and rejects with a reason shown to the author; accepting writes the draft', async () => {
    const { body } = await staff.api.get(api()).expect(200);
    const all = body.round.paragraphs.flatMap((p: { proposals: unknown[] }) => p.proposals);
    const comment = all.find((p: { kind: string }) => p.kind === 'comment');
    const suggestion = all.find((p: { kind: string }) => p.kind === 'suggestion');
    const decide = (id: number) => staff.api.post(api(`/proposals/${id}/decision`));
    const noReason = await decide(comment.id).send({ decision: 'rejected' }).expect(422);
    expect(noReason.body.message).toContain('motif');
    await decide(comment.id)
      .send({ decision: 'rejected', reason: 'L’introduction reste brève.' })
      .expect(200);
    await decide(suggestion.id).send({ decision: 'accepted' }).expect(200);
    await decide(suggestion.id).send({ decision: 'rejected', reason: 'x' }).expect(422);
    await staff.api
      .post(api('/proposals/999999/decision'))
      .send({ decision: 'accepted' })
      .expect(404);
    const draft = await staff.api.get(`/api/meetings/${meetingId}/minutes`).expect(200);
    expect(draft.body.draft.agenda[0].summary).toBe(
      'Le forum a réuni 40 jeunes.\n\nQuatre entreprises ont recruté sur place.',
    );
    const page = await helene.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html');
    expect(page.text).toContain('refusée');
    expect(page.text).toContain('L’introduction reste brève.');
    expect(page.text).toContain('acceptée');
    // The author's right of access lists the draft she opened and her proposals, decided.
    const exported = await staff.api
      .get(`/api/contacts/${ids['Hélène Dupré']}/personal-data`)
      .expect(200);
    expect(exported.body.reviews).toEqual([
      expect.objectContaining({
        meetingId,
        meetingTitle: 'Forum emploi de mars',
        action: 'opened',
      }),
      expect.objectContaining({
        action: 'comment',
        status: 'rejected',
        reason: 'L’introduction reste brève.',
      }),
      expect.objectContaining({
        action: 'suggestion',
        text: 'Quatre entreprises ont recruté sur place.',
        status: 'accepted',
      }),
    ]);
    const readable = await staff.api
      .get(
        `/partners/${exported.body.contact.partnerId}/contacts/${ids['Hélène Dupré']}/personal-data`,
      )
      .set('Accept', 'text/html')
      .expect(200);
    expect(readable.text).toContain('Relectures de comptes rendus');
    expect(readable.text).toContain('Proposition de texte');
  });

  it('reminds once, two days before the deadline, those who did not open the draft', async () => {
    const reminders = t.app.get(MinutesReviewReminders);
    t.clock.set('2026-03-18T12:00:00Z');
    expect(await reminders.runOnce()).toBe(0);
    t.clock.set('2026-03-19T12:00:00Z');
    expect(await reminders.runOnce()).toBe(1);
    expect(await reminders.runOnce()).toBe(0);
    await drain();
    const marc = smtp.copiesFor('marc@liege.test');
    expect(marc.map((m) => m.mail.subject)).toEqual([
      'Compte rendu à relire — Forum emploi de mars',
      'Rappel : compte rendu à relire — Forum emploi de mars',
    ]);
    expect(smtp.copiesFor('helene@mons.test')).toHaveLength(1);
    expect(smtp.copiesFor('omar@mons.test')).toHaveLength(0);
  });

  it('refuses proposals after the deadline with a French message', async () => {
    t.clock.set('2026-03-21T08:00:00Z');
    const late = await propose(helene, { paragraph: '1', kind: 'comment', text: 'Trop tard' }, 422);
    expect(late.text).toContain('La relecture est close');
  });

  it('publishes with who reviewed and what changed, on the staff and portal pages', async () => {
    const published = await staff.api
      .post(`/api/meetings/${meetingId}/minutes/publish`)
      .expect(201);
    expect(published.body.version).toBe(1);
    const html = await staff.api.get(`/api/meetings/${meetingId}/minutes/versions/1`).expect(200);
    expect(html.text).toContain('Relu par Hélène Dupré');
    expect(html.text).not.toMatch(/Relu par[^<]*Marc/);
    expect(html.text).toContain('Corrections issues de la relecture');
    expect(html.text).toContain('Quatre entreprises ont recruté sur place.');
    const { pdf } = await pdfFrom(
      staff.api.get(`/api/meetings/${meetingId}/minutes/versions/1/pdf`),
    );
    expect(flatText(pdf.text)).toContain('Relu par Hélène Dupré');
    expect(flatText(pdf.text)).toContain('Corrections issues de la relecture');
    expect(flatText(pdf.text)).toContain('Quatre entreprises ont recruté sur place.');
    const portal = await helene
      .get(`/portal/minutes/${meetingId}/1`)
      .set('Accept', 'text/html')
      .expect(200);
    expect(portal.text).toContain('Relu par Hélène Dupré');
    expect((await staff.api.get(api()).expect(200)).body.round).toBeNull();
    const after = await helene.get(`/portal/reviews/${meetingId}`).set('Accept', 'text/html');
    expect(after.text).toContain('le compte rendu a été publié');
  });

  it('lets staff close a new round early: no proposal after that', async () => {
    t.clock.set('2026-03-22T08:00:00Z');
    await staff.api.post(api()).send({ deadline: '2026-03-30' }).expect(201);
    await staff.api.post(api('/close')).expect(200);
    await staff.api.post(api('/close')).expect(422);
    await drain();
    const agent = await follow('helene@mons.test');
    const late = await propose(agent, { paragraph: '0', kind: 'comment', text: 'Encore' }, 422);
    expect(late.text).toContain('La relecture est close');
  });
});
