import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { MinutesVersion } from '../src/documents/minutes/minutes-version.entity';
import { MailOutbox } from '../src/mail/outbox/mail-outbox.service';
import { OutboxMessage } from '../src/mail/outbox/outbox-message.entity';
import { createMeetingRecord, createPlannedMeeting } from './support/documents';
import { createProject } from './support/projects';
import { createStaff, Staff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

const HOSTILE = '<script>alert(1)</script> " onmouseover="x {{constructor}}';

describe('minutes API', () => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-03-20T10:00:00Z' });
    staff = await createStaff(t);
  });
  afterAll(() => t.close());

  it('drafts the minutes from the meeting record', async () => {
    const record = await createMeetingRecord(t, {
      title: 'Plateforme emploi de mars',
      partners: [
        {
          name: 'Mission locale de Tourcoing',
          attendance: 'present',
          people: ['Zoé Lenoir', 'Alain Brun'],
          replaces: 'Marc Petit',
        },
        { name: 'CPAS de Mouscron', attendance: 'excused' },
        { name: 'Forem Mouscron', attendance: 'absent' },
        { name: 'Agence locale', attendance: 'present', people: ['Julie Roux'] },
        { name: 'Pas encore noté', attendance: null },
      ],
      agenda: [
        { title: 'Tour de table', summary: 'Chacun présente ses actualités.' },
        {
          title: 'Clauses sociales',
          presenter: { partner: 'Forem Mouscron', name: 'Paul Martin' },
          summary: 'Bilan 2025.',
          decisions: 'Groupe de travail créé.',
        },
      ],
    });
    const next = await createPlannedMeeting(t, 'Plateforme emploi d’avril', '2026-04-09T07:30:00Z');
    await createPlannedMeeting(t, 'Plus tard encore', '2026-05-07T07:30:00Z');

    const response = await staff.api.get(`/api/meetings/${record.meeting.id}/minutes`).expect(200);
    const { draft, preview, versions } = response.body;
    expect(versions).toEqual([]);
    expect(draft.title).toBe('Compte rendu — Plateforme emploi de mars');
    expect(draft.attendance.present).toEqual([
      {
        partnerId: record.partners.get('Agence locale')!.id,
        partner: 'Agence locale',
        people: [{ name: 'Julie Roux', replaces: null }],
      },
      {
        partnerId: record.partners.get('Mission locale de Tourcoing')!.id,
        partner: 'Mission locale de Tourcoing',
        people: [
          { name: 'Alain Brun', replaces: null },
          { name: 'Zoé Lenoir', replaces: 'Marc Petit' },
        ],
      },
    ]);
    expect(draft.attendance.presentPeople).toBe(3);
    expect(draft.attendance.excused.map((p: { partner: string }) => p.partner)).toEqual([
      'CPAS de Mouscron',
    ]);
    expect(draft.attendance.absent.map((p: { partner: string }) => p.partner)).toEqual([
      'Forem Mouscron',
    ]);
    expect(draft.agenda.map((i: { title: string }) => i.title)).toEqual([
      'Tour de table',
      'Clauses sociales',
    ]);
    expect(draft.agenda[1]).toMatchObject({
      theme: null,
      presenters: [{ name: 'Paul Martin', organisation: 'Forem Mouscron' }],
      summary: 'Bilan 2025.',
      decisions: 'Groupe de travail créé.',
      edited: { summary: false, decisions: false },
    });
    expect(draft.nextMeeting).toMatchObject({ id: next.id, title: 'Plateforme emploi d’avril' });
    expect(draft.version).toBeNull();
    expect(preview.html).toContain('jeudi 12 mars 2026, 9 h 30');
    expect(preview.html).toContain('jeudi 9 avril 2026, 9 h 30');
    expect(preview.html).toContain('Brouillon');
    expect(preview.text).toContain('Zoé Lenoir (remplace Marc Petit)');
    expect(preview.text).toContain('Prochaine réunion');
  });

  it('keeps the staff wording, reverts to the record with null, and refuses foreign agenda items', async () => {
    const record = await createMeetingRecord(t, {
      agenda: [{ title: 'Point 1', summary: 'Du registre', decisions: 'Aucune' }],
    });
    const other = await createMeetingRecord(t, { agenda: [{ title: 'Ailleurs' }] });
    const url = `/api/meetings/${record.meeting.id}/minutes`;
    const itemId = record.agenda[0].id;
    const edited = await staff.api
      .patch(url)
      .send({
        introduction: 'Bienvenue à tous.',
        conclusion: 'Merci.',
        items: [{ agendaItemId: itemId, summary: 'Reformulé' }],
      })
      .expect(200);
    expect(edited.body.draft).toMatchObject({
      introduction: 'Bienvenue à tous.',
      conclusion: 'Merci.',
    });
    expect(edited.body.draft.agenda[0]).toMatchObject({
      summary: 'Reformulé',
      decisions: 'Aucune',
      edited: { summary: true, decisions: false },
    });

    const reverted = await staff.api
      .patch(url)
      .send({ items: [{ agendaItemId: itemId, summary: null }] })
      .expect(200);
    expect(reverted.body.draft.agenda[0]).toMatchObject({
      summary: 'Du registre',
      edited: { summary: false },
    });
    expect(reverted.body.draft.introduction).toBe('Bienvenue à tous.');

    const foreign = await staff.api
      .patch(url)
      .send({ items: [{ agendaItemId: other.agenda[0].id, summary: 'x' }] })
      .expect(422);
    expect(foreign.body.field).toBe('items.0.agendaItemId');
    await staff.api.patch(url).send({ introduction: 12 }).expect(400);
    await staff.api.patch(url).send({ unknown: 'x' }).expect(400);
    await staff.api.get('/api/meetings/99999/minutes').expect(404);
    await staff.api.patch('/api/meetings/99999/minutes').send({}).expect(404);
    await request(t.http).get(url).expect(401);
  });

  it('publishes immutable versions: a correction is version 2 and version 1 stays as it was', async () => {
    const record = await createMeetingRecord(t, {
      partners: [
        {
          name: 'Maison de l’emploi de Roubaix',
          attendance: 'present',
          people: ['Nadia Benali'],
          contacts: [
            { name: 'Nadia Benali', email: 'nadia@mde.test' },
            { name: 'Sans compte rendu', email: 'non@mde.test', receivesMinutes: false },
            { name: 'Sans adresse', email: null },
          ],
        },
      ],
      agenda: [{ title: 'Mobilité', summary: 'Première version' }],
    });
    const url = `/api/meetings/${record.meeting.id}/minutes`;
    const v1 = await staff.api.post(`${url}/publish`).expect(201);
    expect(v1.body).toEqual({
      meetingId: record.meeting.id,
      version: 1,
      title: 'Compte rendu — Réunion de coordination emploi',
      publishedAt: '2026-03-20T10:00:00.000Z',
      visibility: 'network',
      url: `http://maillage.test/portal/minutes/${record.meeting.id}/1`,
      publicLink: null,
    });
    const html1 = await staff.api
      .get(`${url}/versions/1`)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(html1.text).toContain('Version 1 publiée le vendredi 20 mars 2026');
    expect(html1.text).toContain('Première version');
    expect(html1.text).toMatch(/<table[^>]+width="600"/);
    // CSS inlined: no external sheet; only the media query for narrow screens stays in <style>.
    expect(html1.text).not.toContain('<link');
    expect(/<style>([\s\S]*?)<\/style>/.exec(html1.text)?.[1].trim()).toMatch(
      /^@media[^{]+\{\s*\.container/,
    );
    expect(html1.text).toMatch(/<h1 style="[^"]+">/);

    const mails = await t.dataSource
      .getRepository(OutboxMessage)
      .find({ where: { purpose: 'minutes' } });
    expect(mails.map((m) => m.recipientEmail)).toEqual(['nadia@mde.test']);
    expect(mails[0]).toMatchObject({
      subject: 'Compte rendu — Réunion de coordination emploi',
      html: html1.text,
    });

    t.clock.advanceDays(2);
    await staff.api
      .patch(url)
      .send({ items: [{ agendaItemId: record.agenda[0].id, summary: 'Version corrigée' }] })
      .expect(200);
    const v2 = await staff.api.post(`${url}/publish`).expect(201);
    expect(v2.body.version).toBe(2);

    const again1 = await staff.api.get(`${url}/versions/1`).expect(200);
    expect(again1.text).toBe(html1.text);
    const text2 = await staff.api
      .get(`${url}/versions/2?format=text`)
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    expect(text2.text).toContain('Version corrigée');
    expect(text2.text).toContain('Version 2 publiée le dimanche 22 mars 2026');
    const accept = await staff.api.get(`${url}/versions/1`).set('Accept', 'text/plain').expect(200);
    expect(accept.text).toContain('Première version');
    await staff.api.get(`${url}/versions/3`).expect(404);
    await staff.api.get(`${url}/versions/1?format=pdf`).expect(400);

    const list = await staff.api.get(`${url}/versions`).expect(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(
      await t.dataSource.getRepository(OutboxMessage).count({ where: { purpose: 'minutes' } }),
    ).toBe(2);
  });

  it('publishes once when sent twice: nothing changed since the last version is a 409, no mail', async () => {
    const record = await createMeetingRecord(t, {
      partners: [
        {
          name: 'Mission locale de Tourcoing',
          attendance: 'present',
          people: ['Inès Caron'],
          contacts: [{ name: 'Inès Caron', email: 'ines@ml.test' }],
        },
      ],
      agenda: [{ title: 'Forum', summary: 'Bilan' }],
    });
    const url = `/api/meetings/${record.meeting.id}/minutes`;
    const mails = () =>
      t.dataSource.getRepository(OutboxMessage).count({ where: { purpose: 'minutes' } });
    const before = await mails();
    // A double click: two publishes at once make one version and one mail each.
    const answers = await Promise.all([
      staff.api.post(`${url}/publish`),
      staff.api.post(`${url}/publish`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body.message).toBe(
      'Rien n’a changé depuis la version 1 publiée : aucune nouvelle version n’est créée, aucun courriel n’est envoyé.',
    );
    expect(await mails()).toBe(before + 1);
    // A change of wording, or of visibility, is a new version.
    await staff.api
      .patch(url)
      .send({ items: [{ agendaItemId: record.agenda[0].id, summary: 'Bilan corrigé' }] })
      .expect(200);
    await staff.api.post(`${url}/publish`).expect(201);
    await staff.api.post(`${url}/publish`).send({ visibility: 'public' }).expect(201);
    await staff.api.post(`${url}/publish`).expect(409);
    const list = await staff.api.get(`${url}/versions`).expect(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  });

  it('refuses minutes for a cancelled meeting or one still to come', async () => {
    const cancelled = await createMeetingRecord(t, { status: 'cancelled' });
    await staff.api.post(`/api/meetings/${cancelled.meeting.id}/minutes/publish`).expect(422);
    const future = await createPlannedMeeting(t, 'Demain', '2026-06-01T08:00:00Z');
    await staff.api.post(`/api/meetings/${future.id}/minutes/publish`).expect(422);
    await staff.api.post('/api/meetings/99999/minutes/publish').expect(404);
  });

  it('publishes atomically: a failure leaves no version, no audit entry and no mail', async () => {
    const record = await createMeetingRecord(t, {
      partners: [
        {
          name: 'Atomique',
          attendance: 'present',
          contacts: [{ name: 'A', email: 'a@atom.test' }],
        },
      ],
    });
    const outbox = t.app.get(MailOutbox);
    const spy = jest
      .spyOn(outbox, 'enqueueMany')
      .mockRejectedValueOnce(new Error('SMTP outbox broken'));
    const versionsBefore = await t.dataSource.getRepository(MinutesVersion).count();
    const auditBefore = await t.dataSource.getRepository(AuditEntry).count();
    try {
      await staff.api.post(`/api/meetings/${record.meeting.id}/minutes/publish`).expect(500);
    } finally {
      spy.mockRestore();
    }
    expect(await t.dataSource.getRepository(MinutesVersion).count()).toBe(versionsBefore);
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(auditBefore);
    expect(
      await t.dataSource.getRepository(OutboxMessage).countBy({ recipientEmail: 'a@atom.test' }),
    ).toBe(0);

    // After the failure the next attempt works and is numbered after what exists.
    const ok = await staff.api
      .post(`/api/meetings/${record.meeting.id}/minutes/publish`)
      .expect(201);
    expect(ok.body.version).toBe(1);
    expect(
      await t.dataSource.getRepository(OutboxMessage).countBy({ recipientEmail: 'a@atom.test' }),
    ).toBe(1);
  });

  it('escapes user text in the HTML and keeps it as typed in the text', async () => {
    const record = await createMeetingRecord(t, {
      title: `Réunion ${HOSTILE}`,
      venueName: HOSTILE,
      partners: [
        { name: `Partenaire ${HOSTILE}`, attendance: 'present', people: [`Personne ${HOSTILE}`] },
      ],
      agenda: [
        {
          title: `Point ${HOSTILE}`,
          presenter: { partner: `Orateur ${HOSTILE}`, name: `Nom ${HOSTILE}` },
          summary: `Résumé ${HOSTILE}`,
          decisions: `Décision ${HOSTILE}`,
        },
      ],
    });
    const url = `/api/meetings/${record.meeting.id}/minutes`;
    await staff.api
      .patch(url)
      .send({ introduction: `Intro ${HOSTILE}`, conclusion: `Fin ${HOSTILE}` })
      .expect(200);
    const { body } = await staff.api.get(url).expect(200);
    await staff.api.post(`${url}/publish`).expect(201);
    const html = (await staff.api.get(`${url}/versions/1`).expect(200)).text;
    const text = (await staff.api.get(`${url}/versions/1?format=text`).expect(200)).text;
    for (const document of [html, body.preview.html as string]) {
      expect(document).not.toContain('<script>');
      expect(document).not.toContain('" onmouseover="x');
      expect(document).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover&#x3D;&quot;x {{constructor}}',
      );
    }
    for (const label of [
      'Réunion',
      'Partenaire',
      'Personne',
      'Point',
      'Nom',
      'Orateur',
      'Résumé',
      'Décision',
      'Intro',
      'Fin',
    ]) {
      expect(text).toContain(`${label} ${HOSTILE}`);
      expect(html).toContain(`${label} &lt;script&gt;`);
    }
  });

  it('renders the minutes of 100 attendees with as many queries as for 5', async () => {
    const queriesFor = async (count: number) => {
      const record = await createMeetingRecord(t, {
        partners: Array.from({ length: count }, (_, i) => ({
          name: `Structure ${count}-${i}`,
          attendance: (['present', 'excused', 'absent'] as const)[i % 3],
          people: [`Personne ${i}`, `Second ${i}`],
        })),
        agenda: Array.from({ length: Math.ceil(count / 10) }, (_, i) => ({
          title: `Point ${i}`,
          presenter: { partner: `Structure ${count}-${i}`, name: `Orateur ${count}-${i}` },
        })),
      });
      const before = t.queries.total;
      const response = await staff.api
        .get(`/api/meetings/${record.meeting.id}/minutes`)
        .expect(200);
      const used = t.queries.total - before;
      expect(response.body.draft.attendance.present.length).toBe(Math.ceil(count / 3));
      return used;
    };
    const small = await queriesFor(5);
    const large = await queriesFor(100);
    expect(large).toBe(small);
  });

  it('lists the projects launched at the meeting and the follow-ups reviewed since the last one', async () => {
    const previous = await createMeetingRecord(t, {
      title: 'Réunion de janvier',
      startsAt: '2025-01-15T09:00:00Z',
    });
    const record = await createMeetingRecord(t, {
      title: 'Réunion des projets',
      startsAt: '2025-03-19T09:00:00Z',
      partners: [{ name: 'PLIE du Roubaisis', attendance: 'present' }],
    });
    const lead = record.partners.get('PLIE du Roubaisis')!;
    const older = await createProject(staff, {
      title: 'Atelier CV',
      leadPartnerId: lead.id,
      originMeetingId: previous.meeting.id,
      status: 'launched',
    });
    await staff.api
      .post(`/api/projects/${older.id}/follow-ups`)
      .send({ date: '2025-01-10', text: 'Avant la réunion précédente' })
      .expect(201);
    await staff.api
      .post(`/api/projects/${older.id}/follow-ups`)
      .send({ date: '2025-03-02', text: 'Dix participants', nextStep: 'Trouver une salle' })
      .expect(201);
    await createProject(staff, {
      title: 'Forum de l’alternance',
      leadPartnerId: lead.id,
      originMeetingId: record.meeting.id,
      status: 'launched',
    });

    const { body } = await staff.api.get(`/api/meetings/${record.meeting.id}/minutes`).expect(200);
    expect(body.draft.projects).toEqual([
      expect.objectContaining({ title: 'Forum de l’alternance', leadPartner: 'PLIE du Roubaisis' }),
    ]);
    expect(body.draft.followUps).toEqual([
      {
        project: 'Atelier CV',
        leadPartner: 'PLIE du Roubaisis',
        date: '2025-03-02',
        note: 'Dix participants',
        nextStep: 'Trouver une salle',
      },
    ]);
    expect(body.preview.text).toContain('Projets lancés');
    expect(body.preview.text).toContain('Forum de l’alternance — porteur : PLIE du Roubaisis');
    expect(body.preview.text).toContain('Prochaine étape : Trouver une salle');
  });

  it('serves published minutes to staff at their network address, never drafts', async () => {
    const record = await createMeetingRecord(t, { title: 'Jamais publiée' });
    const list = await staff.api.get('/minutes').expect(200);
    expect(list.text).toContain('Comptes rendus publiés');
    expect(list.text).not.toContain('Jamais publiée');
    await staff.api.get(`/minutes/${record.meeting.id}/1`).expect(404);
    const published = (await staff.api.get('/api/minutes').expect(200)).body as Array<{
      meetingId: number;
      version: number;
      url: string;
    }>;
    expect(published.length).toBeGreaterThan(0);
    const newest = published[0];
    const address = `/minutes/${newest.meetingId}/${newest.version}`;
    const page = await staff.api.get(address).expect(200);
    expect(page.headers['content-security-policy']).toContain("style-src 'unsafe-inline'");
    expect(list.text).toContain(`href="${address}"`);
    await request(t.http).get(address).expect(404);
  });
});
