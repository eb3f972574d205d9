import request from 'supertest';
import { binary, readPdf, readPdfLayout } from './support/pdf';
import { createMeeting, invite, meetingWithInvitees, seedPartners } from './support/meetings';
import { createContact, createPartner } from './support/partners';
import { signInWithForm, type BrowserSession } from './support/session';
import { createStaff, type Staff } from './support/staff';
import { createTestApp, type TestApp } from './support/test-app';

/** supertest's typing names superagent's Response; Node hands the parser the response stream. */
const bytes = binary as unknown as Parameters<request.Test['parse']>[0];

const AGENCY = 'Maison de l’emploi de Mons-Borinage';

describe('sign-in sheet (feuille d’émargement)', () => {
  let t: TestApp;
  let staff: Staff;
  let session: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp({ env: { AGENCY_NAME: AGENCY } });
    staff = await createStaff(t, 'coordinator');
    session = await signInWithForm(t, staff.user.email, staff.password);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set('2026-03-02T09:00:00Z'));

  const sheetOf = (meetingId: number, query = '') =>
    staff.api
      .get(`/api/meetings/${meetingId}/sign-in-sheet.pdf${query}`)
      .buffer(true)
      .parse(bytes)
      .expect(200)
      .expect('Content-Type', 'application/pdf');

  it('lists the contacts of the invited partners by organisation then name, accents and case ignored', async () => {
    const ecole = await createPartner(staff, { name: 'École de la deuxième chance' });
    const agence = await createPartner(staff, { name: 'agence locale pour l’emploi' });
    const zebre = await createPartner(staff, { name: 'Zèbre Formation' });
    const archived = await createPartner(staff, { name: 'Ancien partenaire' });
    const notInvited = await createPartner(staff, { name: 'Absent du courrier' });
    await createContact(staff, ecole.id, { fullName: 'Émile Zola', jobTitle: 'Directeur' });
    await createContact(staff, ecole.id, { fullName: 'élodie Martin', jobTitle: 'Conseillère' });
    await createContact(staff, ecole.id, { fullName: 'Bruno Œuvray', email: null });
    await createContact(staff, agence.id, {
      fullName: 'Zoé Lambert',
      jobTitle: 'Chargée de mission',
    });
    await createContact(staff, zebre.id, { fullName: 'Ana Ñúñez' });
    await createContact(staff, archived.id, { fullName: 'Personne Archivée' });
    await createContact(staff, notInvited.id, { fullName: 'Personne Pas Invitée' });
    const meeting = await createMeeting(staff, { title: 'Plateforme « Cœur de réseau »' });
    await invite(staff, meeting.id, [ecole.id, agence.id, zebre.id, archived.id]);
    await staff.api.post(`/api/partners/${archived.id}/archive`).expect(200);

    const response = await sheetOf(meeting.id);
    expect(response.headers['content-disposition']).toMatch(/^inline; filename=/);
    // Dated: every occurrence of a series has a sheet of its own name.
    expect(decodeURIComponent(response.headers['content-disposition'])).toContain(
      "filename*=UTF-8''Feuille d’émargement — Plateforme « Cœur de réseau » — 2026-03-12.pdf",
    );
    const pdf = await readPdf(response.body as Buffer);
    expect(pdf.title).toBe('Feuille d’émargement — Plateforme « Cœur de réseau »');
    expect(pdf.text).toContain('Réunion de réseau');
    expect(pdf.text).toContain('jeudi 12 mars 2026, de 9 h 30 à 12 h 00');
    expect(pdf.text).toContain('Maison de l’emploi, Rue de la Station 12, 7000 Mons');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(
      'Émargement — Plateforme « Cœur de réseau » — jeudi 12 mars 2026',
    );
    const order = ['Zoé Lambert', 'Bruno Œuvray', 'élodie Martin', 'Émile Zola', 'Ana Ñúñez'].map(
      (name) => pdf.text.replace(/\s+/g, ' ').indexOf(name),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain('Chargée de mission');
    expect(pdf.text).toContain('Conseillère');
    expect(pdf.text).not.toContain('Personne Archivée');
    expect(pdf.text).not.toContain('Personne Pas Invitée');
    // Five people numbered 1 to 5, then eight blank lines numbered 6 to 13.
    const numbers = [...pdf.text.matchAll(/^([1-9]\d*)(?: |$)/gm)].map((m) => Number(m[1]));
    expect(numbers).toContain(13);
    expect(numbers).not.toContain(14);
  });

  it('leaves out erased contacts, and says an online meeting is online', async () => {
    const partner = await createPartner(staff, { name: 'CCAS de Wattrelos' });
    await createContact(staff, partner.id, { fullName: 'Léa Restée' });
    const gone = await createContact(staff, partner.id, { fullName: 'Yves Effacé' });
    await staff.api.post(`/api/contacts/${gone.id}/erase`).expect(204);
    const meeting = await createMeeting(staff, {
      title: 'Visio du réseau',
      venueName: null,
      venueAddress: null,
      onlineUrl: 'https://visio.example/reseau',
    });
    await invite(staff, meeting.id, [partner.id]);
    const pdf = await readPdf((await sheetOf(meeting.id)).body as Buffer);
    expect(pdf.text).toContain('Léa Restée');
    expect(pdf.text).not.toContain('Yves Effacé');
    expect(pdf.text).not.toContain('Contact supprimé');
    expect(pdf.text).toContain('En ligne');
    expect(pdf.text).not.toContain('Lieu non précisé');
  });

  it('keeps every column on the page with long words, and leaves out what the font cannot print', async () => {
    const partner = await createPartner(staff, { name: 'Mission locale 🤝 de la Seine-Amont' });
    await createContact(staff, partner.id, {
      fullName: 'Hubert Wolfeschlegelsteinhausenbergerdorff',
      jobTitle: 'Conseiller en accompagnement',
    });
    await createContact(staff, partner.id, {
      fullName: 'jean.dupont.conseiller@missionlocale-seineamont.fr',
    });
    const meeting = await createMeeting(staff, { title: 'Comité emploi 🎉' });
    await invite(staff, meeting.id, [partner.id]);
    const bytes = (await sheetOf(meeting.id)).body as Buffer;
    for (const page of await readPdfLayout(bytes)) expect(page.right).toBeLessThan(page.width - 30);
    const text = (await readPdf(bytes)).text.replace(/\u200b/g, '').replace(/\s+/g, ' ');
    expect(text).toContain('Feuille d’émargement — Comité emploi');
    expect(text).not.toMatch(/[🎉🤝]/u);
    expect(text).toContain('Mission locale de la Seine-Amont');
    expect(text).toContain('accompagnement');
    expect(text).toContain('Signature');
  });

  it('prints 200 invitees on pages that each repeat the header and the agency, then the blank lines', async () => {
    const partners = await seedPartners(t, 100, { contacts: 2 });
    const meeting = await createMeeting(staff, { title: 'Grande plénière' });
    await invite(
      staff,
      meeting.id,
      partners.map((p) => p.id),
    );
    const started = Date.now();
    const response = await sheetOf(meeting.id);
    const elapsed = Date.now() - started;
    const pdf = await readPdf(response.body as Buffer);
    // 208 lines, each about 37 pt (1.3 cm) tall: 16 under the meeting's details on the first
    // page, 18 on each next one (the two header rows repeated above them).
    expect(pdf.pageCount).toBe(12);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(AGENCY);
      expect(page).toContain('Émargement — Grande plénière — jeudi 12 mars 2026');
      expect(page).toMatch(/N°\s+Nom\s+Organisation\s+Fonction\s+Signature/);
      expect(page).toContain(`Page ${i + 1} / ${pdf.pageCount}`);
    });
    // Long names wrap inside their cell.
    const flat = pdf.text.replace(/\s+/g, ' ');
    for (const p of partners) {
      expect(flat).toContain(`Contact 1 de ${p.name}`);
      expect(flat).toContain(`Contact 2 de ${p.name}`);
    }
    // Every line once, in order, on one page (never split): 1 to 200, then blank lines to 208.
    const numbers = pdf.pages.flatMap((page) =>
      [...page.matchAll(/^([1-9]\d*)(?: |$)/gm)].map((m) => Number(m[1])),
    );
    expect(numbers.filter((n) => n <= 208)).toEqual(Array.from({ length: 208 }, (_, i) => i + 1));
    expect(pdf.pages.at(-1)).toMatch(/^208\s*$/m);
    // Not the lead's benchmark (it measures p50 on an idle machine), a guard against a regression.
    expect(elapsed).toBeLessThan(5000);

    const none = await readPdf((await sheetOf(meeting.id, '?blank=0')).body as Buffer);
    expect(none.text).toMatch(/^200\b/m);
    expect(none.text).not.toMatch(/^201\b/m);
    const fifty = await readPdf((await sheetOf(meeting.id, '?blank=50')).body as Buffer);
    expect(fifty.text).toMatch(/^250\b/m);
  });

  it('reads a constant number of SQL statements whatever the number of invitees', async () => {
    const counted = async (count: number) => {
      const { meetingId } = await meetingWithInvitees(t, staff, count);
      await sheetOf(meetingId);
      const before = t.queries.total;
      await sheetOf(meetingId);
      return t.queries.total - before;
    };
    const small = await counted(3);
    const large = await counted(100);
    expect(large).toBe(small);
    // The token's look-up and its last use, then the meeting, its invitations, the contacts.
    expect(small).toBeLessThanOrEqual(5);
  });

  it('refuses blank lines outside 0–50 (400 naming the field), a cancelled or unknown meeting', async () => {
    const meeting = await createMeeting(staff);
    for (const blank of ['51', '-1', '2.5', 'abc']) {
      const response = await staff.api
        .get(`/api/meetings/${meeting.id}/sign-in-sheet.pdf?blank=${blank}`)
        .expect(400);
      expect(response.body.field).toBe('blank');
    }
    await staff.api
      .post(`/api/meetings/${meeting.id}/cancel`)
      .send({ reason: 'Salle indisponible' })
      .expect(200);
    const cancelled = await staff.api
      .get(`/api/meetings/${meeting.id}/sign-in-sheet.pdf`)
      .expect(422);
    expect(cancelled.body.message).toBe('La réunion est annulée : pas de feuille d’émargement.');
    const page = await session.agent
      .get(`/meetings/${meeting.id}/sign-in-sheet.pdf`)
      .set('Accept', 'text/html')
      .expect(422);
    expect(page.text).toContain('La réunion est annulée : pas de feuille d’émargement.');
    await staff.api.get('/api/meetings/999999/sign-in-sheet.pdf').expect(404);
  });

  it('is for signed-in staff; the hub links to the sheet and the page serves it', async () => {
    const meeting = await createMeeting(staff);
    await request(t.http).get(`/api/meetings/${meeting.id}/sign-in-sheet.pdf`).expect(401);
    const anonymous = await request(t.http)
      .get(`/meetings/${meeting.id}/sign-in-sheet.pdf`)
      .set('Accept', 'text/html');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    const hub = await session.agent.get(`/meetings/${meeting.id}`).expect(200);
    expect(hub.text).toContain(`href="/meetings/${meeting.id}/sign-in-sheet.pdf"`);
    expect(hub.text).toContain(`href="/meetings/${meeting.id}/sign-in"`);
    const pdf = await session.agent
      .get(`/meetings/${meeting.id}/sign-in-sheet.pdf?blank=2`)
      .buffer(true)
      .parse(bytes)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const reading = await readPdf(pdf.body as Buffer);
    expect(reading.text).toContain('Signature');
    expect(reading.text).toContain('Aucun partenaire invité');
  });

  it('is an OpenAPI operation producing application/pdf, with the scans’ routes beside it', async () => {
    const doc = await request(t.http).get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, { responses: object }>>;
    const sheet = paths['/api/meetings/{id}/sign-in-sheet.pdf'].get.responses;
    expect(Object.keys((sheet as Record<string, { content: object }>)['200'].content)).toEqual([
      'application/pdf',
    ]);
    const scan = paths['/api/meetings/{id}/sign-in-scans/{scanId}'];
    expect(Object.keys(scan).sort()).toEqual(['delete', 'get']);
    expect(Object.keys(paths['/api/meetings/{id}/sign-in-scans']).sort()).toEqual(['get', 'post']);
  });
});
