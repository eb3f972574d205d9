import request from 'supertest';
import { IsNull } from 'typeorm';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { Invitation } from '../src/meetings/invitations/invitation.entity';
import { InvitationAttendee } from '../src/meetings/attendance/invitation-attendee.entity';
import { PortalLink } from '../src/portal/links/portal-link.entity';
import { sha256 } from '../src/common/secrets';
import { FollowUp } from '../src/projects/follow-ups/follow-up.entity';
import { createMeetingRecord } from './support/documents';
import { createMeeting, invite } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { createProject } from './support/projects';
import { askForPortalLink, csrfFromHtml, signIn } from './support/session';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const HOSTILE = '<script>alert(1)</script> " onmouseover="x {{constructor}}';
const NOW = '2026-03-02T09:00:00Z';

type Agent = ReturnType<typeof request.agent>;

let ipCounter = 0;
/** Each caller its own client address (TRUST_PROXY), so throttling tests do not meet. */
function nextIp(): string {
  ipCounter += 1;
  return `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

describe('partner portal', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let staff: Staff;
  let mons: { id: number; name: string };
  let liege: { id: number; name: string };
  let helene: { id: number; email: string };
  let zoe: { id: number; email: string };
  let archivedContact: { id: number; email: string };
  let ownProject: { id: number };
  let joinedProject: { id: number };
  let otherProject: { id: number };
  let meetingId: number;

  const outbox = () => t.dataSource.getRepository(OutboxMessage);
  const followUps = () => t.dataSource.getRepository(FollowUp);

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: NOW,
      env: {
        SMTP_URL: smtp.url,
        TRUST_PROXY: 'true',
        PORTAL_REQUESTS_PER_EMAIL: '3',
        PORTAL_REQUESTS_PER_ADDRESS: '6',
      },
    });
    staff = await createStaff(t);
    mons = await createPartner(staff, { name: 'Mission locale de Mons' });
    liege = await createPartner(staff, { name: 'Forem Liège' });
    helene = (await createContact(staff, mons.id, {
      fullName: 'Hélène Dupré',
      email: 'Helene@Mons.test',
    })) as unknown as typeof helene;
    zoe = (await createContact(staff, liege.id, {
      fullName: 'Zoé N’Diaye',
      email: 'zoe@liege.test',
    })) as unknown as typeof zoe;
    const archived = await createPartner(staff, { name: 'Ancienne structure' });
    archivedContact = (await createContact(staff, archived.id, {
      fullName: 'Paul Ancien',
      email: 'paul@ancien.test',
    })) as unknown as typeof archivedContact;
    await staff.api.post(`/api/partners/${archived.id}/archive`).expect((r) => {
      if (r.status >= 300) throw new Error(`archive: ${r.status} ${JSON.stringify(r.body)}`);
    });

    ownProject = await createProject(staff, {
      title: 'Garage solidaire de Mons',
      leadPartnerId: mons.id,
    });
    joinedProject = await createProject(staff, {
      title: 'Job dating commun',
      leadPartnerId: liege.id,
      participants: [{ partnerId: mons.id, role: 'partenaire' }],
    });
    otherProject = await createProject(staff, {
      title: 'Projet confidentiel de Liège',
      description: 'Budget secret de Liège',
      leadPartnerId: liege.id,
    });
    meetingId = (await createMeeting(staff, { title: 'Plateforme emploi de mars' })).id;
    await invite(staff, meetingId, [mons.id, liege.id]);

    const published = await createMeetingRecord(t, {
      title: 'Réunion publiée de février',
      startsAt: '2026-02-10T08:30:00Z',
    });
    await staff.api.post(`/api/meetings/${published.meeting.id}/minutes/publish`).expect(201);
    const draft = await createMeetingRecord(t, {
      title: 'Réunion brouillon de février',
      startsAt: '2026-02-20T08:30:00Z',
    });
    await staff.api
      .patch(`/api/meetings/${draft.meeting.id}/minutes`)
      .send({ introduction: 'Texte du brouillon' })
      .expect(200);
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  afterEach(() => t.clock.set(NOW));

  /** GET the sign-in form (a session with its CSRF token), then POST the email. */
  function askForLink(email: string, ip = nextIp(), agent: Agent = request.agent(t.http)) {
    return askForPortalLink(agent, email, ip);
  }

  /** The token of the newest portal-link message to this address. */
  async function latestToken(email: string): Promise<string> {
    const [message] = await outbox().find({
      where: { purpose: 'portal-link', recipientEmail: email },
      order: { id: 'DESC' },
      take: 1,
    });
    const match = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!);
    if (!match) throw new Error('No portal link in the message');
    return match[1];
  }

  /** Staff send the contact a link; the contact opens it: a signed-in portal agent. */
  async function portalSession(contact: { id: number; email: string }) {
    await staff.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
    const token = await latestToken(contact.email);
    const agent = request.agent(t.http);
    await agent
      .get(`/portal/link/${token}`)
      .set('Accept', 'text/html')
      .expect(303)
      .expect('Location', '/portal');
    const home = await agent.get('/portal').set('Accept', 'text/html').expect(200);
    return { agent, csrfToken: csrfFromHtml(home.text), token, home };
  }

  describe('asking for a sign-in link', () => {
    it('gives the same answer for a known and an unknown email; only the known one gets a mail', async () => {
      const before = await outbox().count({ where: { purpose: 'portal-link' } });
      const known = await askForLink('  HELENE@mons.test ');
      const unknown = await askForLink('personne@nulle-part.test');
      const archived = await askForLink(archivedContact.email);
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(archived.status).toBe(200);
      expect(known.text).toBe(unknown.text);
      expect(archived.text).toBe(unknown.text);
      expect(known.text).toContain('Si cette adresse est connue, un lien vous a été envoyé.');

      const messages = await outbox().find({
        where: { purpose: 'portal-link' },
        order: { id: 'ASC' },
      });
      expect(messages.slice(before).map((m) => m.recipientEmail)).toEqual(['Helene@Mons.test']);
      const links = await t.dataSource
        .getRepository(PortalLink)
        .find({ where: { contactId: helene.id } });
      expect(links).toHaveLength(1);
      expect(links[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(links[0].expiresAt.toISOString()).toBe('2026-03-05T09:00:00.000Z'); // 72 hours
      expect(messages.at(-1)!.text).not.toContain(links[0].tokenHash);
    });

    it('refuses a request without the CSRF token (403) and sends nothing', async () => {
      const before = await outbox().count();
      await request(t.http)
        .post('/portal/sign-in')
        .type('form')
        .set('Accept', 'text/html')
        .send({ email: zoe.email })
        .expect(403);
      expect(await outbox().count()).toBe(before);
    });

    it('answers 422 for an address that is not one', async () => {
      const response = await askForLink('pas une adresse');
      expect(response.status).toBe(422);
      expect(response.text).toContain('Indiquez une adresse e-mail valide.');
    });

    it('throttles per email (known or not) with 429 and Retry-After', async () => {
      for (const email of ['zoe@liege.test', 'inconnu@liege.test']) {
        for (let i = 0; i < 3; i += 1) expect((await askForLink(email)).status).toBe(200);
        const refused = await askForLink(email.toUpperCase());
        expect(refused.status).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(refused.text).toContain('Trop de demandes');
      }
      expect(
        await outbox().count({
          where: { purpose: 'portal-link', recipientEmail: 'zoe@liege.test' },
        }),
      ).toBe(3);
    });

    it('throttles per client address whatever the email', async () => {
      const ip = nextIp();
      for (let i = 0; i < 6; i += 1)
        expect((await askForLink(`adresse${i}@ip.test`, ip)).status).toBe(200);
      expect((await askForLink('adresse-7@ip.test', ip)).status).toBe(429);
      expect((await askForLink('adresse-7@ip.test', nextIp())).status).toBe(200);
    });

    it('sends a French multipart mail with the link, which signs the contact in', async () => {
      const email = 'loic@mons.test';
      await createContact(staff, mons.id, { fullName: 'Loïc Vermeulen', email });
      expect((await askForLink(email)).status).toBe(200);
      await t.app.get(MailDispatcher).drainOnce();
      const [received] = smtp.copiesFor(email);
      expect(received.mail.subject).toBe(
        'Votre lien de connexion à l’espace partenaires (Mission locale de Mons)',
      );
      const url = /http:\/\/maillage\.test\/portal\/link\/[A-Za-z0-9_-]{43}/.exec(
        received.mail.text ?? '',
      )?.[0];
      expect(url).toBeDefined();
      expect(received.mail.text).toContain('Bonjour Loïc Vermeulen,');
      expect(received.mail.text).toContain('jeudi 5 mars 2026');
      expect(received.mail.html).toContain(`href="${url}"`);
      const agent = request.agent(t.http);
      await agent
        .get(new URL(url!).pathname)
        .set('Accept', 'text/html')
        .expect(303)
        .expect('Location', '/portal');
      const home = await agent.get('/portal').set('Accept', 'text/html').expect(200);
      expect(home.text).toContain('Loïc Vermeulen · Mission locale de Mons');
    });
  });

  describe('signing in with a link', () => {
    it('opens a portal session under a new session id and records the first use', async () => {
      const agent = request.agent(t.http);
      const form = await agent.get('/portal/sign-in').set('Accept', 'text/html').expect(200);
      const cookieBefore = String(form.headers['set-cookie']);
      await staff.api.post(`/api/contacts/${helene.id}/portal-link`).expect(201);
      const token = await latestToken(helene.email);
      const opened = await agent.get(`/portal/link/${token}`).set('Accept', 'text/html');
      expect(opened.status).toBe(303);
      expect(opened.headers['cache-control']).toBe('no-store');
      expect(String(opened.headers['set-cookie'])).not.toBe(cookieBefore);
      const home = await agent.get('/portal').set('Accept', 'text/html').expect(200);
      expect(home.text).toContain('Hélène Dupré · Mission locale de Mons');
      expect(home.text).toContain('Plateforme emploi de mars');
      expect(home.text).toContain('Se déconnecter');
      const link = await t.dataSource
        .getRepository(PortalLink)
        .findOneByOrFail({ tokenHash: sha256(token) });
      expect(link.usedAt?.toISOString()).toBe(new Date(NOW).toISOString());
    });

    it('asks a signed-in staff member before a partner link replaces their session', async () => {
      const session = await signIn(t, staff.user.email, staff.password);
      await staff.api.post(`/api/contacts/${helene.id}/portal-link`).expect(201);
      const token = await latestToken(helene.email);
      const asked = await session.agent.get(`/portal/link/${token}`).set('Accept', 'text/html');
      expect(asked.status).toBe(200);
      expect(asked.text).toContain('Vous êtes connecté(e) à l’espace de l’équipe');
      expect(asked.text).toContain(`action="/portal/link/${token}"`);
      // Nothing changed yet: the staff session stands, the link is unused.
      await session.agent.get('/partners').set('Accept', 'text/html').expect(200);
      const unused = await t.dataSource
        .getRepository(PortalLink)
        .findOneByOrFail({ tokenHash: sha256(token) });
      expect(unused.usedAt).toBeNull();
      // Choosing to go on opens the partner's portal, and the staff session is gone.
      await session.agent
        .post(`/portal/link/${token}`)
        .type('form')
        .send({ _csrf: csrfFromHtml(asked.text) })
        .expect(303)
        .expect('Location', '/portal');
      const home = await session.agent.get('/portal').set('Accept', 'text/html').expect(200);
      expect(home.text).toContain('Hélène Dupré');
      const staffPage = await session.agent.get('/partners').set('Accept', 'text/html');
      expect(staffPage.status).not.toBe(200);
    });

    it('answers 410 in French for an unknown link, offering a new one', async () => {
      const response = await request(t.http)
        .get(`/portal/link/${'x'.repeat(43)}`)
        .set('Accept', 'text/html')
        .expect(410);
      expect(response.text).toContain('Ce lien ne fonctionne plus');
      expect(response.text).toContain('action="/portal/sign-in"');
    });

    it('refuses an expired link (410) and ends the session when the link expires', async () => {
      const { agent, token } = await portalSession(helene);
      t.clock.advanceMs(72 * 3_600_000 + 1000);
      await agent
        .get('/portal')
        .set('Accept', 'text/html')
        .expect(303)
        .expect('Location', '/portal/sign-in?ended=1');
      const again = await request(t.http)
        .get(`/portal/link/${token}`)
        .set('Accept', 'text/html')
        .expect(410);
      expect(again.text).toContain('a expiré');
    });

    it('a revoked link ends its session at once and cannot sign in again', async () => {
      const { agent, token } = await portalSession(helene);
      await staff.api.post(`/api/contacts/${helene.id}/portal-links/revoke`).expect(200);
      await agent
        .get('/portal/projects')
        .set('Accept', 'text/html')
        .expect(303)
        .expect('Location', '/portal/sign-in?ended=1');
      await agent.get('/portal').set('Accept', 'text/html').expect(303);
      await request(t.http).get(`/portal/link/${token}`).set('Accept', 'text/html').expect(410);
      const live = await t.dataSource
        .getRepository(PortalLink)
        .count({ where: { contactId: helene.id, revokedAt: IsNull() } });
      expect(live).toBe(0);
    });

    it('one link revoked with DELETE /api/portal-links/:id ends its session', async () => {
      const { agent } = await portalSession(zoe);
      const links = await staff.api.get(`/api/contacts/${zoe.id}/portal-links`).expect(200);
      const newest = (links.body as { id: number }[])[0];
      await staff.api.delete(`/api/portal-links/${newest.id}`).expect(200);
      await agent.get('/portal').set('Accept', 'text/html').expect(303);
      await agent.get('/portal').set('Accept', 'application/json').expect(401);
    });

    it('signing out ends the session (POST with the CSRF token)', async () => {
      const { agent, csrfToken } = await portalSession(helene);
      await agent.post('/portal/sign-out').type('form').send({}).expect(403);
      await agent
        .post('/portal/sign-out')
        .type('form')
        .send({ _csrf: csrfToken })
        .expect(303)
        .expect('Location', '/portal/sign-in');
      await agent.get('/portal').set('Accept', 'text/html').expect(303);
    });

    it('portal pages need a portal session: anonymous visitors go to the portal sign-in', async () => {
      await request(t.http)
        .get('/portal/projects')
        .set('Accept', 'text/html')
        .expect(303)
        .expect('Location', '/portal/sign-in');
      const staffAgent = request.agent(t.http);
      await staffAgent
        .get('/portal')
        .set('Authorization', `Bearer ${staff.token}`)
        .set('Accept', 'text/html')
        .expect(303);
    });
  });

  describe('what a portal session can reach', () => {
    it('cannot open staff pages or the staff API', async () => {
      const { agent, csrfToken } = await portalSession(helene);
      for (const path of [
        '/',
        '/partners',
        `/meetings/${meetingId}`,
        '/outbox',
        '/desk/newsletters',
        '/projects',
        '/admin/users',
      ]) {
        const response = await agent.get(path).set('Accept', 'text/html');
        expect([303, 404]).toContain(response.status);
        if (response.status === 303) expect(response.headers.location).toMatch(/^\/login/);
        expect(response.text).not.toContain('Forem Liège');
      }
      for (const path of [
        '/api/partners',
        `/api/partners/${liege.id}`,
        `/api/projects/${otherProject.id}`,
        '/api/outbox',
        `/api/meetings/${meetingId}/invitations`,
        `/api/contacts/${zoe.id}/portal-links`,
      ]) {
        const response = await agent.get(path);
        expect(response.status).toBe(401);
        expect(response.text).not.toContain('Liège');
      }
      await agent
        .post(`/api/contacts/${zoe.id}/portal-link`)
        .set('x-csrf-token', csrfToken)
        .send({})
        .expect(401);
      await agent
        .post(`/api/projects/${otherProject.id}/follow-ups`)
        .set('x-csrf-token', csrfToken)
        .send({ text: 'Intrusion' })
        .expect(401);
      expect(await followUps().count({ where: { text: 'Intrusion' } })).toBe(0);
    });

    it("lists the projects its partner leads or joins, never another partner's", async () => {
      const { agent } = await portalSession(helene);
      const list = await agent.get('/portal/projects').set('Accept', 'text/html').expect(200);
      expect(list.text).toContain('Garage solidaire de Mons');
      expect(list.text).toContain('Job dating commun');
      expect(list.text).not.toContain('Projet confidentiel de Liège');
      const other = await agent
        .get(`/portal/projects/${otherProject.id}`)
        .set('Accept', 'text/html')
        .expect(404);
      expect(other.text).not.toContain('Budget secret');
      await agent.get('/portal/projects/999999').set('Accept', 'text/html').expect(404);
    });

    it("cannot post a follow-up to another partner's project (404, nothing saved)", async () => {
      const { agent, csrfToken } = await portalSession(helene);
      await agent
        .post(`/portal/projects/${otherProject.id}/follow-ups`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, text: 'Intrusion dans Liège' })
        .expect(404);
      expect(await followUps().count({ where: { projectId: otherProject.id } })).toBe(0);
    });

    it('adds a follow-up to its own project and to a project it joins, as the contact', async () => {
      const { agent, csrfToken } = await portalSession(helene);
      await agent
        .post(`/portal/projects/${ownProject.id}/follow-ups`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, text: HOSTILE, nextStep: 'Visite du garage' })
        .expect(303)
        .expect('Location', `/portal/projects/${ownProject.id}?saved=1`);
      const [saved] = await followUps().find({ where: { projectId: ownProject.id } });
      expect(saved).toMatchObject({
        authorContactId: helene.id,
        authorUserId: null,
        text: HOSTILE,
        nextStep: 'Visite du garage',
        statusTo: null,
      });
      const page = await agent
        .get(`/portal/projects/${ownProject.id}?saved=1`)
        .set('Accept', 'text/html')
        .expect(200);
      expect(page.text).toContain('Le suivi a été enregistré');
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page.text).not.toContain('<script>alert(1)');

      await agent
        .post(`/portal/projects/${joinedProject.id}/follow-ups`)
        .type('form')
        .send({ _csrf: csrfToken, text: 'Nous serons là' })
        .expect(303);
      expect(await followUps().count({ where: { projectId: joinedProject.id } })).toBe(1);
    });

    it('refuses an invalid follow-up (422, values kept) or one without CSRF (403); nothing saved', async () => {
      const { agent, csrfToken } = await portalSession(helene);
      const before = await followUps().count({ where: { projectId: ownProject.id } });
      const invalid = await agent
        .post(`/portal/projects/${ownProject.id}/follow-ups`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, text: '', nextStep: 'Étape gardée', date: '2030-01-01' })
        .expect(422);
      expect(invalid.text).toContain('Décrivez le suivi');
      expect(invalid.text).toContain('value="Étape gardée"');
      const future = await agent
        .post(`/portal/projects/${ownProject.id}/follow-ups`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, text: 'Dans le futur', date: '2030-01-01' })
        .expect(422);
      expect(future.text).toContain('pas dans le futur');
      await agent
        .post(`/portal/projects/${ownProject.id}/follow-ups`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ text: 'Sans jeton' })
        .expect(403);
      expect(await followUps().count({ where: { projectId: ownProject.id } })).toBe(before);
    });

    it("answers its partner's invitation, never another partner's", async () => {
      const { agent, csrfToken, home } = await portalSession(helene);
      const invitations = t.dataSource.getRepository(Invitation);
      const own = await invitations.findOneByOrFail({ meetingId, partnerId: mons.id });
      const other = await invitations.findOneByOrFail({ meetingId, partnerId: liege.id });
      expect(home.text).toContain(`action="/portal/invitations/${own.id}/answer"`);
      expect(home.text).not.toContain(`/portal/invitations/${other.id}/answer`);

      await agent
        .post(`/portal/invitations/${own.id}/answer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, answer: 'coming', note: 'Avec plaisir' })
        .expect(303)
        .expect('Location', '/portal?answered=1');
      expect(await invitations.findOneByOrFail({ id: own.id })).toMatchObject({
        answer: 'coming',
        answerNote: 'Avec plaisir',
      });
      const attendees = await t.dataSource
        .getRepository(InvitationAttendee)
        .find({ where: { invitationId: own.id, phase: 'answer' } });
      expect(attendees.map((a) => a.contactId)).toEqual([helene.id]);

      await agent
        .post(`/portal/invitations/${other.id}/answer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, answer: 'not-coming' })
        .expect(404);
      expect((await invitations.findOneByOrFail({ id: other.id })).answer).toBeNull();

      const invalid = await agent
        .post(`/portal/invitations/${own.id}/answer`)
        .type('form')
        .set('Accept', 'text/html')
        .send({ _csrf: csrfToken, answer: 'peut-être', note: 'Nous verrons selon le planning' })
        .expect(422);
      expect(invalid.text).toContain('Choisissez une réponse.');
      // What was typed stays in the form (not the stored answer).
      expect(invalid.text).toContain('>Nous verrons selon le planning</textarea>');
      expect(invalid.text).not.toMatch(/value="coming"[^>]* checked/);
      await agent
        .post(`/portal/invitations/${own.id}/answer`)
        .type('form')
        .send({ answer: 'excused' })
        .expect(403);
      expect((await invitations.findOneByOrFail({ id: own.id })).answer).toBe('coming');
    });

    it('reads published minutes and newsletters, never drafts', async () => {
      const draftIssue = await staff.api
        .post('/api/newsletters')
        .send({ from: '2026-01-01', to: '2026-01-31', editorial: 'Brouillon de janvier' })
        .expect(201);
      const issue = await staff.api
        .post('/api/newsletters')
        .send({ from: '2026-02-01', to: '2026-02-28' })
        .expect(201);
      const published = await staff.api
        .post(`/api/newsletters/${issue.body.newsletter.id}/publish`)
        .expect((r) => {
          if (r.status >= 300) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
        });
      const publishedNumber = published.body.number as number;
      const publishedTitle = published.body.title as string;
      const draftTitle = draftIssue.body.newsletter.title as string;
      expect(draftTitle).not.toBe(publishedTitle);
      const { agent } = await portalSession(helene);
      const minutes = await agent.get('/portal/minutes').set('Accept', 'text/html').expect(200);
      expect(minutes.text).toContain('Réunion publiée de février');
      expect(minutes.text).not.toContain('Réunion brouillon de février');
      const newsletters = await agent
        .get('/portal/newsletters')
        .set('Accept', 'text/html')
        .expect(200);
      expect(newsletters.text).toContain('Lettres d’information');
      const issuePage = `/portal/newsletters/${publishedNumber}`;
      expect(newsletters.text).toContain(`href="${issuePage}"`);
      expect((await agent.get(issuePage).expect(200)).text).toContain(publishedTitle);
      expect(newsletters.text).toContain(publishedTitle);
      expect(newsletters.text).not.toContain(draftTitle);
    });
  });

  describe('staff side', () => {
    it('sending and revoking links needs a staff member', async () => {
      await request(t.http).post(`/api/contacts/${helene.id}/portal-link`).expect(401);
      await request(t.http).post(`/api/contacts/${helene.id}/portal-links/revoke`).expect(401);
      await request(t.http).delete('/api/portal-links/1').expect(401);
      await staff.api.post('/api/contacts/999999/portal-link').expect(404);
      await staff.api.post(`/api/contacts/${archivedContact.id}/portal-link`).expect(422);
    });
  });
});
