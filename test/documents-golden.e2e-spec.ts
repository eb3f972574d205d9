import type { Locale } from '../src/config/app-config';
import { Project } from '../src/projects/project.entity';
import {
  createMeetingRecord,
  createPartnerJoined,
  createPlannedMeeting,
} from './support/documents';
import { expectGolden } from './support/golden';
import { createProject, insertLaunchedProjects } from './support/projects';
import { createStaff } from './support/staff';
import { createTestApp, TestApp } from './support/test-app';

/**
 * Golden files: a fixed meeting's minutes and a fixed newsletter, in French and in English, as
 * email HTML and plain text. Everything is fixed (clock, ids in a fresh database, PUBLIC_URL), so
 * the output is byte for byte the same on SQLite and PostgreSQL. UPDATE_GOLDEN=1 rewrites them.
 */
describe.each<Locale>(['fr', 'en'])('documents in %s (golden files)', (locale) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOCALE: locale }, now: '2026-03-02T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('renders the minutes and the newsletter as recorded', async () => {
    const staff = await createStaff(t);
    const joined = new Date('2026-03-03T10:00:00Z');
    for (const name of ['CPAS de Comines-Warneton', 'Forem Mouscron', 'Mission locale de Roubaix'])
      await createPartnerJoined(t, name, new Date('2025-06-01T10:00:00Z'));
    await createPartnerJoined(t, 'Régie de quartier « Les Jardins »', joined);

    const record = await createMeetingRecord(t, {
      title: 'Plateforme emploi — mars',
      startsAt: '2026-03-12T08:30:00Z',
      partners: [
        {
          name: 'Mission locale de Roubaix',
          attendance: 'present',
          people: ['Zoé Lenoir', 'Karim Haddad'],
          replaces: 'Marc Petit',
          contacts: [{ name: 'Zoé Lenoir', email: 'zoe@ml-roubaix.example' }],
        },
        { name: 'Forem Mouscron', attendance: 'present', people: ['Anne Declercq'] },
        { name: 'CPAS de Comines-Warneton', attendance: 'excused' },
        { name: 'Régie de quartier « Les Jardins »', attendance: 'absent' },
      ],
      agenda: [
        {
          title: 'Tour de table',
          summary:
            'Chaque partenaire présente ses actualités.\n\nLe Forem recrute deux conseillers.',
        },
        {
          title: 'Clauses sociales & marchés publics',
          presenter: { partner: 'Forem Mouscron', name: 'Anne Declercq' },
          speaker: { name: 'Paul Vidal', organisation: 'Université de Lille' },
          theme: 'Clauses sociales dans les marchés publics',
          summary: 'Bilan 2025 : 14 000 heures d’insertion.',
          decisions: 'Un groupe de travail se réunira en avril.',
        },
      ],
    });
    const lead = record.partners.get('Mission locale de Roubaix')!;
    t.clock.set('2026-03-12T11:00:00Z');
    await createProject(staff, {
      title: 'Forum de l’alternance',
      leadPartnerId: lead.id,
      originMeetingId: record.meeting.id,
      status: 'launched',
    });
    await insertLaunchedProjects(t, lead.id, 2, new Date('2025-12-01T08:00:00Z'), 30);
    const followed = await t.dataSource
      .getRepository(Project)
      .findOneByOrFail({ title: 'Projet 1' });
    await staff.api
      .post(`/api/projects/${followed.id}/follow-ups`)
      .send({
        date: '2026-03-05',
        text: 'Douze jeunes accompagnés.',
        status: 'active',
        statusReason: 'Démarré',
        nextStep: 'Bilan en juin',
      })
      .expect(201);
    await createPlannedMeeting(t, 'Plateforme emploi — avril', '2026-04-09T07:30:00Z');

    t.clock.set('2026-03-20T10:00:00Z');
    const minutesUrl = `/api/meetings/${record.meeting.id}/minutes`;
    await staff.api
      .patch(minutesUrl)
      .send({
        introduction: 'Merci à la Maison de l’emploi pour son accueil.',
        conclusion: 'Prochaine réunion le 9 avril.',
        items: [{ agendaItemId: record.agenda[0].id, decisions: 'Diffuser les offres du Forem.' }],
      })
      .expect(200);
    await staff.api.post(`${minutesUrl}/publish`).expect(201);
    const minutesHtml = await staff.api.get(`${minutesUrl}/versions/1`).expect(200);
    const minutesText = await staff.api.get(`${minutesUrl}/versions/1?format=text`).expect(200);
    expectGolden(`${locale}/minutes.html`, minutesHtml.text);
    expectGolden(`${locale}/minutes.txt`, minutesText.text);

    for (const news of [
      {
        title: 'Décret « aides à l’emploi »',
        body: 'Publié au Moniteur le 5 mars.',
        kind: 'regulation',
        date: '2026-03-05',
        link: 'https://example.org/decret',
      },
      {
        title: 'Nouvelle antenne du CPAS',
        body: 'Ouverte le mardi et le jeudi.',
        kind: 'local-news',
        date: '2026-03-18',
      },
      {
        title: 'Job dating à la gare',
        body: 'De 9 h à 12 h, entrée libre.',
        kind: 'event',
        date: '2026-03-28',
      },
    ])
      await staff.api.post('/api/news').send(news).expect(201);

    t.clock.set('2026-04-01T08:00:00Z');
    const created = await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-03-01', to: '2026-03-31' })
      .expect(201);
    const id = created.body.newsletter.id as number;
    await staff.api
      .patch(`/api/newsletters/${id}`)
      .send({ editorial: 'Un mois riche en projets.\nBonne lecture !' })
      .expect(200);
    await staff.api.post(`/api/newsletters/${id}/publish`).expect(200);
    const newsletterHtml = await staff.api.get(`/api/newsletters/${id}/html`).expect(200);
    const newsletterText = await staff.api.get(`/api/newsletters/${id}/text`).expect(200);
    expectGolden(`${locale}/newsletter.html`, newsletterHtml.text);
    expectGolden(`${locale}/newsletter.txt`, newsletterText.text);
  });
});
