import request from 'supertest';
import { Meeting } from '../src/meetings/meeting.entity';
import { createMeetingRecord, MeetingRecord } from './support/documents';
import { flatText as flat, pdfFrom } from './support/pdf-response';
import { pagesOf, signInWithForm } from './support/session';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const AGENCY = 'ADL de l’Œise';

describe('attendance certificates', () => {
  let t: TestApp;
  let staff: Staff;
  let record: MeetingRecord;
  const contactId = (name: string) => record.contacts.get(name)!.id;
  const one = (name: string, meetingId = record.meeting.id) =>
    `/api/meetings/${meetingId}/attestations/${contactId(name)}.pdf`;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T10:00:00Z', env: { AGENCY_NAME: AGENCY } });
    staff = await createStaff(t);
    record = await createMeetingRecord(t, {
      title: 'Plateforme « emploi & insertion »',
      startsAt: '2026-03-12T08:30:00Z', // 9 h 30 to 11 h 30 in Brussels
      partners: [
        {
          name: 'Mission locale de Tourcoing',
          attendance: 'present',
          people: ['Gaëlle Invitée'], // recorded by name, no contact record
          contacts: [
            {
              name: 'Éloïse Lœvenbrück',
              email: null,
              jobTitle: 'chargée d’insertion',
              present: true,
            },
            { name: 'Marc Absent', email: null },
          ],
        },
        {
          name: 'Agence locale',
          attendance: 'present',
          contacts: [{ name: 'Zoé Aubert', email: null, present: true }],
        },
        {
          name: 'CPAS de Mouscron',
          attendance: 'excused',
          contacts: [{ name: 'Noël Excusé', email: null }],
        },
      ],
    });
  });
  afterAll(() => t.close());

  it('certifies a contact recorded present: name, function, organisation, meeting, time, place, duration, signature block', async () => {
    const { pdf, response } = await pdfFrom(staff.api.get(one('Éloïse Lœvenbrück')));
    expect(decodeURIComponent(response.headers['content-disposition'])).toContain(
      'Attestation de présence — Éloïse Lœvenbrück — 2026-03-12.pdf',
    );
    expect(pdf.pageCount).toBe(1);
    expect(pdf.pages[0]).toContain(AGENCY);
    expect(pdf.pages[0]).toContain('Page 1 / 1');
    const text = flat(pdf.text);
    expect(text).toContain('Attestation de présence');
    expect(text).toContain(
      `L’agence ${AGENCY} certifie qu’Éloïse Lœvenbrück, chargée d’insertion, de l’organisation ` +
        'Mission locale de Tourcoing, a participé à la réunion « Plateforme « emploi & insertion » » ' +
        'le jeudi 12 mars 2026, de 9 h 30 à 11 h 30, lieu : Maison de l’emploi, Rue Haute 12, ' +
        '7700 Mouscron, soit une durée de 2 h.',
    );
    expect(text).toContain('le vendredi 20 mars 2026.');
    expect(text).toContain(`Pour l’agence : ${AGENCY}`);
    expect(text).toContain('Signature et cachet');
  });

  it('writes hours and minutes, and leaves out the function a contact has none of', async () => {
    await t.dataSource
      .getRepository(Meeting)
      .update(
        { id: record.meeting.id },
        { endsAt: new Date(record.meeting.startsAt.getTime() + 105 * 60_000) },
      );
    const { pdf } = await pdfFrom(staff.api.get(one('Zoé Aubert')));
    const text = flat(pdf.text);
    expect(text).toContain('certifie que Zoé Aubert, de l’organisation Agence locale, a participé');
    expect(text).toContain('de 9 h 30 à 11 h 15');
    expect(text).toContain('soit une durée de 1 h 45 min.');
  });

  it('names both days of a meeting that ends after midnight, on the certificate and the sign-in sheet', async () => {
    const { startsAt, endsAt } = record.meeting;
    // 22:00 to 01:30 in Brussels.
    await t.dataSource.getRepository(Meeting).update(
      { id: record.meeting.id },
      {
        startsAt: new Date('2026-03-11T21:00:00Z'),
        endsAt: new Date('2026-03-12T00:30:00Z'),
      },
    );
    try {
      const { pdf } = await pdfFrom(staff.api.get(one('Zoé Aubert')));
      expect(flat(pdf.text)).toContain(
        'a participé à la réunion « Plateforme « emploi & insertion » » du mercredi 11 mars 2026, ' +
          '22 h 00, au jeudi 12 mars 2026, 1 h 30, lieu',
      );
      const sheet = await pdfFrom(
        staff.api.get(`/api/meetings/${record.meeting.id}/sign-in-sheet.pdf`),
      );
      expect(flat(sheet.pdf.text)).toContain('de 22 h 00 au jeudi 12 mars 2026 à 1 h 30');
      const page = await staff.api.get(`/meetings/${record.meeting.id}`).set('Accept', 'text/html');
      expect(page.text).toContain('jusqu’au jeudi 12 mars 2026 à 1 h 30');
    } finally {
      await t.dataSource
        .getRepository(Meeting)
        .update({ id: record.meeting.id }, { startsAt, endsAt });
    }
  });

  it('prints every certificate of the meeting in one file, one a page, by organisation then name, guests by name included', async () => {
    const { pdf, response } = await pdfFrom(
      staff.api.get(`/api/meetings/${record.meeting.id}/attestations.pdf`),
    );
    expect(decodeURIComponent(response.headers['content-disposition'])).toContain(
      'Attestations de présence — Plateforme « emploi & insertion » — 2026-03-12.pdf',
    );
    expect(pdf.pageCount).toBe(3);
    const names = ['Zoé Aubert', 'Éloïse Lœvenbrück', 'Gaëlle Invitée'];
    pdf.pages.forEach((page, i) => {
      expect(page).toContain(AGENCY);
      // Each certificate goes to its holder: no numbering across the file.
      expect(page).not.toMatch(/Page \d/);
      // French elides "que" before a vowel: "certifie qu’Éloïse".
      const that = /^[AEIOUÉÈ]/.test(names[i]) ? 'qu’' : 'que ';
      expect(flat(page)).toContain(`certifie ${that}${names[i]},`);
      for (const other of names.filter((_, j) => j !== i)) expect(page).not.toContain(other);
    });
    expect(flat(pdf.pages[2])).toContain('Gaëlle Invitée, de l’organisation Mission locale');
    expect(pdf.text).not.toContain('Marc Absent');
    expect(pdf.text).not.toContain('Noël Excusé');
  });

  it('refuses a contact who was not recorded present, in French, and 404 for unknown ones', async () => {
    for (const name of ['Marc Absent', 'Noël Excusé']) {
      const refused = await staff.api.get(one(name)).expect(422);
      expect(refused.body.message).toBe(
        `${name} n’a pas été enregistré(e) présent(e) à cette réunion.`,
      );
    }
    await staff.api.get(`/api/meetings/${record.meeting.id}/attestations/999999.pdf`).expect(404);
    await staff.api
      .get(`/api/meetings/999999/attestations/${contactId('Zoé Aubert')}.pdf`)
      .expect(404);
    await staff.api.get('/api/meetings/999999/attestations.pdf').expect(404);
    const malformed = await staff.api
      .get(`/api/meetings/${record.meeting.id}/attestations/abc.pdf`)
      .expect(400);
    expect(JSON.stringify(malformed.body)).toContain('contactId');
    await request(t.http).get(one('Zoé Aubert')).set('Accept', 'application/json').expect(401);
  });

  it('refuses a meeting still to come, and one where nobody was recorded present', async () => {
    const planned = await createMeetingRecord(t, {
      title: 'Réunion à venir',
      startsAt: '2026-04-09T07:30:00Z',
      status: 'planned',
      partners: [
        {
          name: 'Agence locale',
          attendance: null,
          contacts: [{ name: 'Zoé Future', email: null, present: true }],
        },
      ],
    });
    const early = await staff.api
      .get(
        `/api/meetings/${planned.meeting.id}/attestations/${planned.contacts.get('Zoé Future')!.id}.pdf`,
      )
      .expect(422);
    expect(early.body.message).toMatch(/pas encore eu lieu/);
    await staff.api.get(`/api/meetings/${planned.meeting.id}/attestations.pdf`).expect(422);

    const empty = await createMeetingRecord(t, {
      title: 'Réunion sans présence notée',
      partners: [{ name: 'Agence locale', attendance: 'absent' }],
    });
    const nobody = await staff.api
      .get(`/api/meetings/${empty.meeting.id}/attestations.pdf`)
      .expect(422);
    expect(nobody.body.message).toMatch(/^Personne n’a été enregistré présent/);
  });

  it('keeps a held meeting in the past: its start cannot move after today, and a later start gets no certificate', async () => {
    const held = await createMeetingRecord(t, {
      title: 'Réunion tenue, déplacée',
      startsAt: '2026-03-10T08:30:00Z',
      partners: [
        {
          name: 'Agence locale',
          attendance: 'present',
          contacts: [{ name: 'Zoé Tenue', email: null, present: true }],
        },
      ],
    });
    const url = `/api/meetings/${held.meeting.id}/attestations.pdf`;
    await staff.api.get(url).expect(200);
    const moved = await staff.api
      .patch(`/api/meetings/${held.meeting.id}`)
      .send({ startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T09:00:00Z' })
      .expect(422);
    expect(moved.body.field).toBe('startsAt');
    expect(moved.body.message).toMatch(/a eu lieu/);
    // Earlier in the past is a correction, still allowed.
    await staff.api
      .patch(`/api/meetings/${held.meeting.id}`)
      .send({ startsAt: '2026-03-09T08:30:00Z', endsAt: '2026-03-09T10:30:00Z' })
      .expect(200);
    // A start after today that came in by another way (an older version) certifies nothing.
    await t.dataSource
      .getRepository(Meeting)
      .update(
        { id: held.meeting.id },
        { startsAt: new Date('2027-03-01T08:00:00Z'), endsAt: new Date('2027-03-01T09:00:00Z') },
      );
    expect((await staff.api.get(url).expect(422)).body.message).toMatch(/pas encore eu lieu/);
  });

  it('lists the certificates on the staff minutes page: each contact’s, and the whole file', async () => {
    const session = await signInWithForm(t, staff.user.email, staff.password);
    const page = await pagesOf(session).get(`/meetings/${record.meeting.id}/minutes`);
    expect(page.text).toContain(`href="/api/meetings/${record.meeting.id}/attestations.pdf"`);
    expect(page.text).toContain(`href="${one('Éloïse Lœvenbrück')}"`);
    expect(page.text).toContain(`href="${one('Zoé Aubert')}"`);
    expect(page.text).not.toContain(`attestations/${contactId('Marc Absent')}.pdf`);
    expect(page.text).toContain('Gaëlle Invitée (invité, sans fiche contact)');
    await pdfFrom(session.agent.get(one('Zoé Aubert')));

    const planned = await createMeetingRecord(t, { title: 'Bientôt', status: 'planned' });
    const later = await pagesOf(session).get(`/meetings/${planned.meeting.id}/minutes`);
    expect(later.text).toContain('Les attestations sont disponibles une fois la réunion tenue.');
    expect(later.text).not.toContain('attestations.pdf');
  });
});

describe('the agency named on documents when the deployment names none', () => {
  let t: TestApp;
  let staff: Staff;
  afterAll(() => t.close());

  it('takes the directory’s own agency (“Notre agence”), not the product’s name', async () => {
    t = await createTestApp({
      now: '2026-03-20T10:00:00Z',
      env: { AGENCY_NAME: '', ORGANIZER_NAME: '' },
    });
    staff = await createStaff(t);
    const record = await createMeetingRecord(t, {
      title: 'Comité emploi',
      startsAt: '2026-03-12T08:30:00Z',
      partners: [
        {
          name: 'Maison de l’emploi du Douaisis',
          attendance: 'present',
          contacts: [{ name: 'Zoé Aubert', email: null, present: true }],
        },
      ],
    });
    const url = `/api/meetings/${record.meeting.id}/attestations.pdf`;
    const before = flat((await pdfFrom(staff.api.get(url))).pdf.text);
    expect(before).toContain('L’agence Maillage certifie');

    await staff.api
      .patch(`/api/partners/${record.partners.get('Maison de l’emploi du Douaisis')!.id}`)
      .send({ kind: 'agency' })
      .expect(200);
    const { pdf } = await pdfFrom(staff.api.get(url));
    expect(pdf.pages[0]).toContain('Maison de l’emploi du Douaisis');
    expect(flat(pdf.text)).toContain('L’agence Maison de l’emploi du Douaisis certifie que Zoé');
    expect(flat(pdf.text)).toContain('Pour l’agence : Maison de l’emploi du Douaisis');
    expect(pdf.text).not.toContain('Maillage certifie');

    // A name that says "Agence" already is not preceded by "L’agence".
    await staff.api
      .patch(`/api/partners/${record.partners.get('Maison de l’emploi du Douaisis')!.id}`)
      .send({ name: 'Agence de développement local Seine-Amont' })
      .expect(200);
    const renamed = flat((await pdfFrom(staff.api.get(url))).pdf.text);
    expect(renamed).toContain('L’Agence de développement local Seine-Amont certifie que Zoé');
    expect(renamed).not.toMatch(/agence Agence/i);
  });
});
