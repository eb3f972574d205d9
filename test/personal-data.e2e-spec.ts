import request from 'supertest';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { createMeeting, invite } from './support/meetings';
import { createContact, createPartner, exportWorkbook, workbookText } from './support/partners';
import { flatText, pdfFrom } from './support/pdf-response';
import { createProject } from './support/projects';
import { csrfFromHtml, pagesOf, signIn, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * A person's rights (RGPD articles 15 and 17, issue #19): the export of everything held about a
 * contact, and the erasure after which their name and address appear nowhere.
 */
const NAME = 'Zoé Ñandú-Brontë';
const EMAIL = 'zoe.nandu@borinage.test';
const traces = [NAME, 'Ñandú', EMAIL, 'zoe.nandu'];

function expectNoTrace(where: string, text: string): void {
  // As a reader sees it: accents composed, any space a space, small letters.
  const readable = text
    .normalize('NFC')
    .replace(/[\u00a0\u202f]/g, ' ')
    .toLowerCase();
  for (const trace of traces)
    expect({
      where,
      found: readable.includes(trace.toLowerCase()) ? trace : null,
    }).toEqual({ where, found: null });
}

describe('a person’s data: access and erasure (RGPD)', () => {
  let t: TestApp;
  let staff: Staff;
  let admin: Staff;
  let session: BrowserSession;
  let partnerId: number;
  let zoeId: number;
  let karimId: number;
  let meetingId: number;
  let projectId: number;
  let portal: ReturnType<typeof request.agent>;
  /** The public links (paths) of the minutes and the newsletter, both made public. */
  let publicMinutes: string;
  let publicNewsletter: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: { ATTENDANCE_PROOF_YEARS: '0', BENCH_QUERY_COUNT: 'true' },
    });
    staff = await createStaff(t, 'coordinator');
    admin = await createStaff(t, 'admin');
    session = await signIn(t, staff.user.email, staff.password);
    t.clock.set('2026-03-02T09:00:00Z');
    partnerId = (await createPartner(staff, { name: 'Mission locale du Borinage' })).id;
    zoeId = (
      await createContact(staff, partnerId, {
        fullName: NAME,
        email: EMAIL,
        jobTitle: 'Conseillère emploi',
        phone: '065 12 34 56',
        newsletterConsent: true,
        receivesMinutes: true,
      })
    ).id;
    karimId = (
      await createContact(staff, partnerId, {
        fullName: 'Karim Haddad',
        email: 'karim.haddad@borinage.test',
        newsletterConsent: true,
      })
    ).id;
    await staff.api
      .patch(`/api/contacts/${zoeId}`)
      .send({ newsletterConsent: false, newsletterConsentSource: 'courriel du 3 mars' })
      .expect(200);
    await staff.api
      .patch(`/api/contacts/${zoeId}`)
      .send({ newsletterConsent: true, newsletterConsentSource: 'salon de l’emploi' })
      .expect(200);

    meetingId = (await createMeeting(staff, { title: 'Plateforme emploi de mars' })).id;
    const tokens = await invite(staff, meetingId, [partnerId]);
    await request(t.http)
      .post(`/r/${tokens.get(partnerId)}`)
      .type('form')
      .send({ answer: 'coming', contactIds: String(zoeId) })
      .expect(200);
    await staff.api
      .post(`/api/meetings/${meetingId}/agenda-items`)
      .send({ title: 'Tour de table', kind: 'round-of-news', presenterContactId: zoeId })
      .expect(201);
    projectId = (
      await createProject(staff, {
        title: 'Forum de l’alternance',
        leadPartnerId: partnerId,
        status: 'launched',
        cadenceDays: 30,
      })
    ).id;

    t.clock.set('2026-03-12T12:00:00Z');
    await staff.api
      .put(`/api/meetings/${meetingId}/attendance`)
      .send({ entries: [{ partnerId, status: 'present', contactIds: [zoeId, karimId] }] })
      .expect(200);
    t.clock.set('2026-03-20T10:00:00Z');
    await staff.api
      .patch(`/api/meetings/${meetingId}/minutes`)
      .send({
        // The name as people write it: capitals, surname in capitals or first, accents
        // decomposed (pasted from another program), a no-break space, the address in capitals.
        introduction:
          `Merci à ${NAME} pour l’accueil. ${NAME.toUpperCase()} ; Zoé ÑANDÚ-BRONTË ; ` +
          `ÑANDÚ-BRONTË Zoé ; ${NAME.normalize('NFD')} ; ${NAME.replace(' ', '\u00a0')} ; ` +
          `${EMAIL.toUpperCase()}.`,
      })
      .expect(200);
    const version = await staff.api
      .post(`/api/meetings/${meetingId}/minutes/publish`)
      .send({ visibility: 'public' })
      .expect(201);
    publicMinutes = new URL(version.body.publicLink as string).pathname;
    await t.app.get(MailDispatcher).drainOnce();

    t.clock.set('2026-04-01T08:00:00Z');
    const created = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-03-01', to: '2026-03-31' })
      .expect(201);
    await staff.api
      .patch(`/api/newsletters/${created.body.newsletter.id}`)
      .send({ editorial: `Bienvenue à ${NAME}, nouvelle conseillère.` })
      .expect(200);
    await staff.api
      .put(`/api/newsletters/${created.body.newsletter.id}/visibility`)
      .send({ visibility: 'public' })
      .expect(200);
    const issue = await staff.api
      .post(`/api/newsletters/${created.body.newsletter.id}/publish`)
      .expect(200);
    publicNewsletter = new URL(issue.body.publicLink as string).pathname;

    // Zoé signs in to the portal (the link's mail stays queued) and writes a follow-up.
    await staff.api.post(`/api/contacts/${zoeId}/portal-link`).expect(201);
    const [linkMail] = await t.dataSource.query(
      `SELECT text FROM mail_outbox WHERE purpose = 'portal-link' AND contact_id = ${zoeId}`,
    );
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(String(linkMail.text))![1];
    portal = request.agent(t.http);
    await portal.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    const projectPage = await portal
      .get(`/portal/projects/${projectId}`)
      .set('Accept', 'text/html')
      .expect(200);
    await portal
      .post(`/portal/projects/${projectId}/follow-ups`)
      .type('form')
      .send({
        _csrf: csrfFromHtml(projectPage.text),
        date: '2026-04-01',
        text: 'Douze jeunes inscrits au forum.',
      })
      .expect(303);
  });

  afterAll(() => t?.close());

  describe('right of access (article 15)', () => {
    it('exports every part held about the contact, and nothing of another contact', async () => {
      const { body } = await staff.api.get(`/api/contacts/${zoeId}/personal-data`).expect(200);
      expect(body.contact).toMatchObject({
        id: zoeId,
        fullName: NAME,
        email: EMAIL,
        partnerName: 'Mission locale du Borinage',
        erasedAt: null,
      });
      expect(body.consents.map((e: { source: string }) => e.source)).toEqual(
        expect.arrayContaining(['courriel du 3 mars', 'salon de l’emploi']),
      );
      expect(body.meetings).toEqual([
        expect.objectContaining({
          meetingId,
          partnerAnswer: 'coming',
          partnerAttendance: 'present',
          announced: true,
          present: true,
        }),
      ]);
      expect(body.agendaItems).toEqual([expect.objectContaining({ title: 'Tour de table' })]);
      expect(body.followUps).toEqual([
        expect.objectContaining({
          projectId,
          date: '2026-04-01',
          text: 'Douze jeunes inscrits au forum.',
        }),
      ]);
      const purposes = body.mails.map((m: { purpose: string }) => m.purpose);
      expect(purposes).toEqual(expect.arrayContaining(['invitation', 'minutes', 'portal-link']));
      expect(body.mails[0]).not.toHaveProperty('html');
      expect(body.portalLinks).toHaveLength(1);
      expect(body.portalLinks[0]).not.toHaveProperty('tokenHash');
      expect(body.audit.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['create', 'update', 'export']),
      );
      const text = JSON.stringify(body);
      expect(text).not.toContain('Karim');
      expect(text).not.toContain('karim.haddad');
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    });

    it('audits the export (who, whose, when) without copying the data', async () => {
      const trail = await staff.api.get(`/api/audit?entity=contact&id=${zoeId}`).expect(200);
      const exports = trail.body.items.filter((e: { action: string }) => e.action === 'export');
      expect(exports.length).toBeGreaterThanOrEqual(1);
      expect(exports[0]).toMatchObject({ actorLabel: staff.user.displayName, changes: {} });
    });

    it('runs as many SQL statements for a long history as for a short one', async () => {
      const count = async (id: number) => {
        const response = await staff.api
          .get(`/api/contacts/${id}/personal-data`)
          .set('x-count-sql', '1')
          .expect(200);
        return Number(response.headers['x-sql-queries']);
      };
      const zoe = await count(zoeId);
      expect(zoe).toBeGreaterThan(0);
      expect(await count(karimId)).toBe(zoe);
    });

    it('shows a readable page and a PDF, linked from the contact page', async () => {
      const pages = pagesOf(session);
      const contactPage = await pages.get(`/partners/${partnerId}/contacts/${zoeId}/edit`);
      expect(contactPage.text).toContain(`/partners/${partnerId}/contacts/${zoeId}/personal-data`);
      expect(contactPage.text).toContain(`/partners/${partnerId}/contacts/${zoeId}/erase`);
      const page = await pages.get(`/partners/${partnerId}/contacts/${zoeId}/personal-data`);
      expect(page.text).toContain('Données personnelles');
      expect(page.text).toContain('Consentements et leur historique');
      expect(page.text).toContain('Douze jeunes inscrits au forum.');
      expect(page.text).toContain('mercredi 1er avril 2026');
      expect(page.text).not.toContain('2026-04-01');
      expect(page.text).toContain('Plateforme emploi de mars');
      // Its trail in words: field labels and values, never the code's names, codes or UTC.
      expect(page.text).toContain(`Nom : — → ${NAME}`);
      expect(page.text).toMatch(/Accepte la lettre d’information : (—|Non) → Oui/);
      expect(page.text).not.toMatch(/fullName|newsletterConsent|\d{4}-\d\d-\d\dT/);
      const { pdf } = await pdfFrom(
        session.agent.get(`/partners/${partnerId}/contacts/${zoeId}/personal-data.pdf`),
      );
      const text = flatText(pdf.text);
      expect(text).toContain(NAME);
      expect(text).toContain('Consentements et leur historique');
      expect(text).toContain('salon de l’emploi');
      await pages.get(`/partners/${partnerId + 999}/contacts/${zoeId}/personal-data`, 404);
    });

    it('is for staff only', async () => {
      await request(t.http).get(`/api/contacts/${zoeId}/personal-data`).expect(401);
      const page = await request(t.http)
        .get(`/partners/${partnerId}/contacts/${zoeId}/personal-data`)
        .set('Accept', 'text/html');
      expect([302, 303]).toContain(page.status);
      await request(t.http).post(`/api/contacts/${zoeId}/erase`).expect(401);
      await staff.api.get('/api/contacts/999999/personal-data').expect(404);
    });
  });

  describe('right to erasure (article 17)', () => {
    let reportBefore: unknown;
    let attendeesBefore: number;

    const attendeeCount = async () => {
      const rows = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id
          WHERE i.meeting_id = ${meetingId} AND a.phase = 'attendance'`,
      );
      return Number(rows[0].n);
    };

    beforeAll(async () => {
      reportBefore = (await staff.api.get('/api/reports/activity?year=2026').expect(200)).body;
      attendeesBefore = await attendeeCount();
      const found = await staff.api.get(`/api/partners?q=${encodeURIComponent('Ñandú')}`);
      expect(found.body.items).toHaveLength(1);
      // Before: the published minutes, their PDF and the stored mails name her.
      const minutes = await staff.api.get(`/minutes/${meetingId}/1`).expect(200);
      expect(minutes.text).toContain(NAME);
      expect((await request(t.http).get(publicMinutes).expect(200)).text).toContain(NAME);
      const { pdf } = await pdfFrom(
        staff.api.get(`/api/meetings/${meetingId}/minutes/versions/1/pdf`),
      );
      expect(flatText(pdf.text)).toContain(NAME);
      for (const table of ['mail_bodies', 'mail_outbox']) {
        const bodies = await t.dataSource.query(`SELECT html FROM ${table}`);
        expect(JSON.stringify(bodies)).toContain(NAME);
      }
      const newsletter = await staff.api.get('/newsletters/1').expect(200);
      expect(newsletter.text).toContain(NAME);
      expect((await request(t.http).get(publicNewsletter).expect(200)).text).toContain(NAME);
      const pages = pagesOf(session);
      const confirm = await pages.get(`/partners/${partnerId}/contacts/${zoeId}/erase`);
      expect(confirm.text).toContain('Effacer définitivement');
      expect(confirm.text).toContain('Contact supprimé');
      await pages.post(`/partners/${partnerId}/contacts/${zoeId}/erase`, {}, 303);
    });

    it('anonymises the contact, kept with its partner', async () => {
      const { body } = await staff.api.get(`/api/contacts/${zoeId}`).expect(200);
      expect(body).toMatchObject({
        partnerId,
        fullName: 'Contact supprimé',
        email: null,
        jobTitle: null,
        phone: null,
        notes: null,
        newsletterConsent: false,
        receivesMinutes: false,
      });
    });

    it('refuses to take the person’s data back on the erased record (409), and shows no edit form', async () => {
      const refused = await staff.api
        .patch(`/api/contacts/${zoeId}`)
        .send({ fullName: 'Zoé Ñandú-Brontë' })
        .expect(409);
      expect(refused.body.code).toBe('errors.contact.erased');
      const page = await pagesOf(session).get(`/partners/${partnerId}/contacts/${zoeId}/edit`);
      expect(page.text).not.toContain(`action="/partners/${partnerId}/contacts/${zoeId}/edit"`);
      const forged = await pagesOf(session).post(
        `/partners/${partnerId}/contacts/${zoeId}/edit`,
        { fullName: 'Zoé Ñandú-Brontë' },
        409,
      );
      expect(forged.text).toContain('Ce contact a été effacé (RGPD)');
      const { body } = await staff.api.get(`/api/contacts/${zoeId}`).expect(200);
      expect(body.fullName).toBe('Contact supprimé');
    });

    it('leaves the name and address nowhere: pages, exports, documents, mails, audit', async () => {
      const pages = pagesOf(session);
      const seen: [string, string][] = [];
      const page = async (url: string) => seen.push([url, (await pages.get(url)).text]);
      await page(`/partners/${partnerId}/contacts/${zoeId}/edit`);
      await page(`/partners/${partnerId}`);
      await page(`/meetings/${meetingId}`);
      await page(`/meetings/${meetingId}/minutes`);
      await page(`/partners/${partnerId}/contacts/${zoeId}/personal-data`);
      seen.push(['minutes', (await staff.api.get(`/minutes/${meetingId}/1`).expect(200)).text]);
      seen.push(['public minutes', (await request(t.http).get(publicMinutes).expect(200)).text]);
      seen.push(['newsletter', (await staff.api.get('/newsletters/1').expect(200)).text]);
      seen.push([
        'public newsletter',
        (await request(t.http).get(publicNewsletter).expect(200)).text,
      ]);
      seen.push([
        'public minutes pdf',
        flatText((await pdfFrom(request(t.http).get(`${publicMinutes}/pdf`))).pdf.text),
      ]);
      const found = await staff.api.get(`/api/partners?q=${encodeURIComponent('Ñandú')}`);
      expect(found.status).toBe(200);
      expect(found.body.items).toEqual([]);
      const csv = await staff.api.get('/api/partners/export.csv').expect(200);
      seen.push(['partners.csv', csv.text]);
      seen.push(['partners.xlsx', workbookText(await exportWorkbook(staff))]);
      const audit = await staff.api.get(`/api/audit?entity=contact&id=${zoeId}`).expect(200);
      seen.push(['api/audit', JSON.stringify(audit.body)]);
      const auditCsv = await admin.api.get('/admin/audit.csv').expect(200);
      seen.push(['audit.csv', auditCsv.text]);
      const exported = await staff.api.get(`/api/contacts/${zoeId}/personal-data`).expect(200);
      seen.push(['personal-data', JSON.stringify(exported.body)]);
      for (const [url, text] of [
        ['minutes.pdf', `/api/meetings/${meetingId}/minutes/versions/1/pdf`],
        ['attestations.pdf', `/api/meetings/${meetingId}/attestations.pdf`],
        ['sign-in-sheet.pdf', `/api/meetings/${meetingId}/sign-in-sheet.pdf`],
        ['personal-data.pdf', `/partners/${partnerId}/contacts/${zoeId}/personal-data.pdf`],
      ]) {
        const agent = text.startsWith('/api') ? staff.api.get(text) : session.agent.get(text);
        const { pdf } = await pdfFrom(agent);
        seen.push([url, flatText(pdf.text)]);
      }
      for (const table of ['mail_outbox', 'mail_bodies', 'consent_events', 'audit_entries']) {
        const rows = await t.dataSource.query(`SELECT * FROM ${table}`);
        seen.push([table, JSON.stringify(rows)]);
      }
      for (const [where, text] of seen) expectNoTrace(where, text);
      // The documents still say someone was there.
      expect(seen.find(([url]) => url === 'minutes')![1]).toContain('Contact supprimé');
    });

    it('cancels the mail still queued for them: the dispatcher never sends it', async () => {
      const queued = await t.dataSource.query(
        `SELECT status FROM mail_outbox WHERE contact_id = ${zoeId} AND purpose IN ('portal-link', 'newsletter')`,
      );
      expect(queued.length).toBeGreaterThanOrEqual(2);
      await t.app.get(MailDispatcher).drainOnce();
      const after = await t.dataSource.query(
        `SELECT status, sent_at FROM mail_outbox WHERE contact_id = ${zoeId} AND purpose IN ('portal-link', 'newsletter')`,
      );
      for (const row of after) expect(row).toMatchObject({ status: 'cancelled', sent_at: null });
      const karim = await t.dataSource.query(
        `SELECT status FROM mail_outbox WHERE contact_id = ${karimId} AND purpose = 'newsletter'`,
      );
      expect(karim).toEqual([{ status: 'sent' }]);
    });

    it('ends their portal session: the link is dead', async () => {
      await portal.get('/portal').set('Accept', 'text/html').expect(303);
    });

    it('records one erase entry naming the staff member, without the erased data', async () => {
      const audit = await staff.api.get(`/api/audit?entity=contact&id=${zoeId}`).expect(200);
      const erase = audit.body.items.filter((e: { action: string }) => e.action === 'erase');
      expect(erase).toEqual([
        expect.objectContaining({ actorLabel: staff.user.displayName, changes: {} }),
      ]);
      const screen = await pagesOf(await signIn(t, admin.user.email, admin.password)).get(
        `/admin/audit?entity=contact&id=${zoeId}`,
      );
      expect(screen.text).toContain('Effacement (RGPD)');
    });

    it('keeps the counts: attendance of the meeting, the activity report', async () => {
      expect(await attendeeCount()).toBe(attendeesBefore);
      const report = await staff.api.get('/api/reports/activity?year=2026').expect(200);
      expect(report.body).toEqual(reportBefore);
    });

    it('answers 409 for an erased contact, 404 for an unknown one', async () => {
      const again = await staff.api.post(`/api/contacts/${zoeId}/erase`).expect(409);
      expect(again.body.message).toContain('déjà été effacé');
      await staff.api.post('/api/contacts/999999/erase').expect(404);
    });
  });
});

describe('erasure refused while the attendance proof is kept (ATTENDANCE_PROOF_YEARS)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(() => t?.close());

  it('refuses (422, in French) to erase a contact present at a meeting held within 10 years', async () => {
    const staff = await createStaff(t, 'coordinator');
    const partnerId = (await createPartner(staff)).id;
    const contact = await createContact(staff, partnerId, { fullName: 'Anaïs Présente' });
    const other = await createContact(staff, partnerId, { fullName: 'Bruno Absent' });
    const meeting = await createMeeting(staff);
    await invite(staff, meeting.id, [partnerId]);
    t.clock.set('2026-03-12T12:00:00Z');
    await staff.api
      .put(`/api/meetings/${meeting.id}/attendance`)
      .send({ entries: [{ partnerId, status: 'present', contactIds: [contact.id] }] })
      .expect(200);
    const refused = await staff.api.post(`/api/contacts/${contact.id}/erase`).expect(422);
    expect(refused.body.message).toContain('Effacement refusé');
    expect(refused.body.message).toContain('10 ans');
    const session = await signIn(t, staff.user.email, staff.password);
    const page = await pagesOf(session).post(
      `/partners/${partnerId}/contacts/${contact.id}/erase`,
      {},
      422,
    );
    expect(page.text).toContain('Effacement refusé');
    const kept = await staff.api.get(`/api/contacts/${contact.id}`).expect(200);
    expect(kept.body.fullName).toBe('Anaïs Présente');
    // Someone never recorded present may be erased.
    await staff.api.post(`/api/contacts/${other.id}/erase`).expect(204);
  });
});
