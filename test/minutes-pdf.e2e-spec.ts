import request from 'supertest';
import { MinutesVersion } from '../src/documents/minutes/minutes-version.entity';
import { MailDispatcher } from '../src/mail/delivery/mail-dispatcher';
import { MailAttachmentFile } from '../src/mail/outbox/mail-attachment-file.entity';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { InvitationAttendee } from '../src/meetings/attendance/invitation-attendee.entity';
import { createMeetingRecord, MeetingRecord } from './support/documents';
import { readPdf, PdfReading } from './support/pdf';
import { flatText as flat, pdfFrom } from './support/pdf-response';
import { csrfFromHtml, pagesOf, signInWithForm } from './support/session';
import { TestSmtpServer } from './support/smtp';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const AGENCY = 'ADL de l’Œise';

function expectEveryPage(pdf: PdfReading): void {
  pdf.pages.forEach((page, i) => {
    expect(page).toContain(AGENCY);
    expect(page).toContain(`Page ${i + 1} / ${pdf.pageCount}`);
  });
}

describe('minutes as PDF, attached to the mail, linked from the pages', () => {
  let t: TestApp;
  let staff: Staff;
  let smtp: TestSmtpServer;
  let record: MeetingRecord;
  const versionUrl = (v: number | string, id: number = record.meeting.id) =>
    `/api/meetings/${id}/minutes/versions/${v}/pdf`;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({
      now: '2026-03-20T10:00:00Z',
      env: { SMTP_URL: smtp.url, AGENCY_NAME: AGENCY },
    });
    staff = await createStaff(t);
    record = await createMeetingRecord(t, {
      title: 'Réunion « Cœur de réseau » de mars',
      partners: [
        {
          name: 'Mission locale de Tourcoing',
          attendance: 'present',
          people: ['Éloïse Lœvenbrück', 'Zoé Lenoir'],
          replaces: 'Marc Petit',
          contacts: [{ name: 'Inès Müller', email: 'ines@ml.test' }],
        },
        { name: 'Agence locale', attendance: 'present', people: ['Julie Roux'] },
        { name: 'CPAS de Mouscron', attendance: 'excused' },
        { name: 'Forem Mouscron', attendance: 'absent' },
      ],
      agenda: [
        {
          title: 'Clauses sociales',
          theme: 'Marchés publics responsables',
          presenter: { partner: 'Forem Mouscron', name: 'Paul Martin' },
          summary: 'Bilan 2025 des heures d’insertion.',
          decisions: 'Groupe de travail créé.',
        },
        // Enough agenda to run over several pages.
        ...Array.from({ length: 14 }, (_, i) => ({
          title: `Point d’étape n° ${i + 2}`,
          summary:
            'Échanges nourris sur l’accompagnement des publics éloignés de l’emploi. '.repeat(8),
        })),
      ],
    });
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('prints a published version with everything the HTML minutes show, on every page the agency and page n / N', async () => {
    await staff.api
      .patch(`/api/meetings/${record.meeting.id}/minutes`)
      .send({ introduction: 'Bienvenue à la Maison de l’emploi.', conclusion: 'Merci à tous.' })
      .expect(200);
    await staff.api.post(`/api/meetings/${record.meeting.id}/minutes/publish`).expect(201);

    const { pdf, response } = await pdfFrom(staff.api.get(versionUrl(1)));
    expect(response.headers['content-disposition']).toMatch(/^inline/);
    expect(decodeURIComponent(response.headers['content-disposition'])).toContain(
      'Compte rendu — Réunion « Cœur de réseau » de mars — 2026-03-12 (v1).pdf',
    );
    expect(pdf.title).toBe('Compte rendu — Réunion « Cœur de réseau » de mars');
    expect(pdf.pageCount).toBeGreaterThan(1);
    expectEveryPage(pdf);
    const text = flat(pdf.text);
    expect(text).toContain('jeudi 12 mars 2026, 9 h 30 – 11 h 30');
    expect(text).toContain('Maison de l’emploi, Rue Haute 12, 7700 Mouscron');
    expect(text).toContain('Version 1 publiée le vendredi 20 mars 2026');
    expect(text).toContain(
      '3 personnes présentes — organisations : 2 présentes, 1 excusée, 1 absente.',
    );
    expect(text).toContain('Éloïse Lœvenbrück (remplace Marc Petit), Zoé Lenoir');
    expect(text).toContain('Julie Roux');
    expect(text).toMatch(/Excusés CPAS de Mouscron/);
    expect(text).toMatch(/Absents Forem Mouscron/);
    expect(text).toContain('1. Clauses sociales');
    expect(text).toContain('Thème : Marchés publics responsables');
    expect(text).toContain('Présenté par Paul Martin (Forem Mouscron)');
    expect(text).toContain('Groupe de travail créé.');
    expect(text).toContain('15. Point d’étape n° 15');
    expect(text.indexOf('1. Clauses sociales')).toBeLessThan(text.indexOf('2. Point d’étape'));
    expect(text).toContain('Bienvenue à la Maison de l’emploi.');
    expect(text).toContain('Merci à tous.');
  });

  it('prints what was published, not the record as it is today', async () => {
    await staff.api
      .patch(`/api/meetings/${record.meeting.id}/minutes`)
      .send({ introduction: 'Introduction corrigée après coup.' })
      .expect(200);
    await t.dataSource
      .getRepository(InvitationAttendee)
      .update({ fullName: 'Julie Roux' }, { fullName: 'Julie Roux-Dubois' });
    await staff.api.post(`/api/meetings/${record.meeting.id}/minutes/publish`).expect(201);

    const first = flat((await pdfFrom(staff.api.get(versionUrl(1)))).pdf.text);
    expect(first).toContain('Bienvenue à la Maison de l’emploi.');
    expect(first).not.toContain('Introduction corrigée');
    expect(first).not.toContain('Roux-Dubois');
    const second = flat((await pdfFrom(staff.api.get(versionUrl(2)))).pdf.text);
    expect(second).toContain('Introduction corrigée après coup.');
    expect(second).toContain('Julie Roux-Dubois');
    expect(second).toContain('Version 2 publiée');
  });

  it('prints a version published before the view model was kept from its stored text', async () => {
    await t.dataSource
      .getRepository(MinutesVersion)
      .update({ meetingId: record.meeting.id, version: 1 }, { snapshot: null });
    const { pdf } = await pdfFrom(staff.api.get(versionUrl(1)));
    expectEveryPage(pdf);
    const text = flat(pdf.text);
    expect(text).toContain('Compte rendu — Réunion « Cœur de réseau » de mars');
    expect(text).toContain('Éloïse Lœvenbrück (remplace Marc Petit)');
    expect(text).toContain('Bienvenue à la Maison de l’emploi.');
    expect(text).not.toContain('Roux-Dubois');
  });

  it('answers 404 for an unknown version or meeting, 400 for a malformed one, 401 without sign-in', async () => {
    const missing = await staff.api.get(versionUrl(9)).expect(404);
    expect(missing.body.message).toMatch(/introuvable/);
    await staff.api.get(versionUrl(1, 999_999)).expect(404);
    const malformed = await staff.api.get(versionUrl('abc')).expect(400);
    expect(JSON.stringify(malformed.body)).toContain('version');
    await request(t.http).get(versionUrl(1)).set('Accept', 'application/json').expect(401);
  });

  it('has a twin beside each HTML address (network and public link), and nothing for an unpublished one', async () => {
    const { pdf } = await pdfFrom(staff.api.get(`/minutes/${record.meeting.id}/2/pdf`));
    expect(flat(pdf.text)).toContain('Julie Roux-Dubois');
    await request(t.http).get(`/minutes/${record.meeting.id}/2/pdf`).expect(404);
    await staff.api.get(`/minutes/${record.meeting.id}/3/pdf`).expect(404);
    const shared = await staff.api
      .put(`/api/meetings/${record.meeting.id}/minutes/versions/2/visibility`)
      .send({ visibility: 'public' })
      .expect(200);
    const publicPdf = `${new URL(shared.body.publicLink as string).pathname}/pdf`;
    expect(flat((await pdfFrom(request(t.http).get(publicPdf))).pdf.text)).toContain(
      'Julie Roux-Dubois',
    );
    await staff.api
      .put(`/api/meetings/${record.meeting.id}/minutes/versions/2/visibility`)
      .send({ visibility: 'network' })
      .expect(200);
    await request(t.http).get(publicPdf).expect(404);
    const draftOnly = await createMeetingRecord(t, { title: 'Jamais publiée' });
    await staff.api.get(`/minutes/${draftOnly.meeting.id}/1`).expect(404);
    await staff.api.get(`/minutes/${draftOnly.meeting.id}/1/pdf`).expect(404);
  });

  it('links each version’s PDF from the staff minutes page and the archive', async () => {
    const session = await signInWithForm(t, staff.user.email, staff.password);
    const page = await pagesOf(session).get(`/meetings/${record.meeting.id}/minutes`);
    expect(page.text).toContain(`href="${versionUrl(1)}"`);
    expect(page.text).toContain(`href="${versionUrl(2)}"`);
    expect(page.text).toContain('Joindre le compte rendu en PDF');
    // The session cookie opens the API document, as the link needs.
    await pdfFrom(session.agent.get(versionUrl(2)));
    const archive = await session.agent.get('/minutes').set('Accept', 'text/html').expect(200);
    expect(archive.text).toContain(`href="/minutes/${record.meeting.id}/2/pdf"`);
  });

  it('links the PDF from the partner portal’s minutes, readable as the portal’s HTML minutes are', async () => {
    const contact = record.contacts.get('Inès Müller')!;
    await staff.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
    const message = await t.dataSource
      .getRepository(OutboxMessage)
      .findOneOrFail({ where: { purpose: 'portal-link', contactId: contact.id } });
    const token = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];
    const portal = request.agent(t.http);
    await portal.get(`/portal/link/${token}`).set('Accept', 'text/html').expect(303);
    const minutes = await portal.get('/portal/minutes').set('Accept', 'text/html').expect(200);
    const link = `/portal/minutes/${record.meeting.id}/2/pdf`;
    expect(minutes.text).toContain(`href="${link}"`);
    expect(minutes.text).toContain('aria-label="Version 2 en PDF"');
    await pdfFrom(portal.get(link));
    // The portal session opens no staff document.
    await portal.get(versionUrl(2)).set('Accept', 'application/json').expect(401);
    // Nothing unpublished is readable, signed in or not.
    await portal.get(`/portal/minutes/${record.meeting.id}/7/pdf`).expect(404);
    // The network address sends a partner to the portal's.
    await portal.get(`/minutes/${record.meeting.id}/2/pdf`).expect(303).expect('Location', link);
  });

  it('attaches the PDF to each "minutes published" mail when asked, one stored copy for the sending, kept for a retry', async () => {
    smtp.received.splice(0);
    await t.app.get(MailDispatcher).drainOnce(); // the earlier versions' mails, without PDF
    const earlier = smtp.received.filter((r) => r.mail.subject?.startsWith('Compte rendu'));
    expect(earlier).toHaveLength(2);
    for (const { mail } of earlier) expect(mail.attachments).toEqual([]);
    smtp.received.splice(0);

    const other = await createMeetingRecord(t, {
      title: 'Comité de pilotage d’été',
      startsAt: '2026-03-16T08:30:00Z',
      partners: [
        {
          name: 'Cap emploi',
          attendance: 'present',
          people: ['François Œillet'],
          contacts: [
            { name: 'Anaïs Bé', email: 'anais@cap.test' },
            { name: 'Hugo Lé', email: 'hugo@cap.test' },
            { name: 'Sans minutes', email: 'non@cap.test', receivesMinutes: false },
          ],
        },
      ],
    });
    await staff.api
      .post(`/api/meetings/${other.meeting.id}/minutes/publish`)
      .send({ attachPdf: 'yes' })
      .expect(400);
    await staff.api
      .post(`/api/meetings/${other.meeting.id}/minutes/publish`)
      .send({ attachPdf: true })
      .expect(201);
    const messages = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: `minutes:${other.meeting.id}:v1` });
    expect(messages).toHaveLength(2);
    const shared = new Set(messages.map((m) => m.sharedAttachmentId));
    expect(shared.size).toBe(1);
    expect([...shared][0]).not.toBeNull();
    expect(await t.dataSource.getRepository(MailAttachmentFile).count()).toBe(1);

    // The first message is refused for now: its retry still carries the file, read again from
    // the database (the state a dispatcher of another instance would read too).
    smtp.refuseNext.push({ code: 451, message: 'Greylisted, try again later' });
    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(2);
    expect(smtp.received).toHaveLength(1);
    t.clock.advanceMs(60_000);
    expect(await t.app.get(MailDispatcher).drainOnce()).toBe(1);
    const sent = await t.dataSource
      .getRepository(OutboxMessage)
      .findBy({ groupRef: `minutes:${other.meeting.id}:v1` });
    expect(sent.map((m) => [m.status, m.attempts]).sort()).toEqual([
      ['sent', 1],
      ['sent', 2],
    ]);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['anais@cap.test', 'hugo@cap.test']);
    for (const { mail } of smtp.received) {
      expect(mail.attachments).toHaveLength(1);
      const [attachment] = mail.attachments;
      expect(attachment.contentType).toBe('application/pdf');
      expect(attachment.filename).toBe(
        'Compte rendu — Comité de pilotage d’été — 2026-03-16 (v1).pdf',
      );
      const pdf = await readPdf(attachment.content);
      expect(flat(pdf.text)).toContain('Compte rendu — Comité de pilotage d’été');
      expect(flat(pdf.text)).toContain('François Œillet');
      expectEveryPage(pdf);
    }
  });

  it('publishes with the PDF attached from the staff form’s checkbox, and without it by default', async () => {
    const session = await signInWithForm(t, staff.user.email, staff.password);
    const pages = pagesOf(session);
    const meeting = await createMeetingRecord(t, {
      title: 'Atelier recrutement',
      partners: [
        {
          name: 'Pôle insertion',
          attendance: 'present',
          people: ['Cécile Dupré'],
          contacts: [{ name: 'Léa Noël', email: 'lea@pole.test' }],
        },
      ],
    });
    const url = `/meetings/${meeting.meeting.id}/minutes`;
    const page = await pages.get(url);
    expect(page.text).toMatch(/name="attachPdf" value="yes"(?! checked)/);
    await pages.post(`${url}/publish`, { confirm: 'yes' }, 303);
    // A correction (unchanged minutes are not published again), sent with the PDF this time.
    await staff.api.patch(`/api${url}`).send({ introduction: 'Version corrigée.' }).expect(200);
    await pages.post(`${url}/publish`, { confirm: 'yes', attachPdf: 'yes' }, 303);
    // The form sent again (a double click) answers with that version, publishing nothing.
    const again = await pages.post(`${url}/publish`, { confirm: 'yes', attachPdf: 'yes' }, 303);
    expect(again.headers.location).toBe(`${url}?published=2`);
    // A refused publication keeps the box as it was ticked.
    const refused = await session.agent
      .post(`${url}/publish`)
      .type('form')
      .set('Accept', 'text/html')
      .send({ _csrf: csrfFromHtml(page.text), attachPdf: 'yes' })
      .expect(422);
    expect(refused.text).toMatch(/name="attachPdf" value="yes" checked/);

    smtp.received.splice(0);
    await t.app.get(MailDispatcher).drainOnce();
    const received = smtp.received.filter((r) => r.to[0] === 'lea@pole.test');
    expect(received).toHaveLength(2);
    const attached = received.flatMap((r) => r.mail.attachments.map((a) => a.filename));
    expect(attached).toEqual(['Compte rendu — Atelier recrutement — 2026-03-12 (v2).pdf']);
  });
});
