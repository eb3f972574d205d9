import { MailDispatcher } from '../../src/mail/delivery/mail-dispatcher';
import { ProjectRemindersService } from '../../src/projects/reminders/project-reminders.service';
import { createMeeting, invite } from './meetings';
import { createContact, createPartner } from './partners';
import { createProject } from './projects';
import type { Staff } from './staff';
import type { TestApp } from './test-app';
import { createSpeaker, createTheme } from './themes';
import request from 'supertest';

/** The ids and secret tokens of a seeded network, to put real values in every route. */
export interface Network {
  partnerIds: number[];
  contactIds: number[];
  meetings: { held: number; upcoming: number; cancelled: number };
  /** A monthly meeting series (docs/meeting-series.md), its first partner invited. */
  seriesId: number;
  /** Answer tokens (/r/:token) of the held, upcoming and cancelled meetings. */
  answerTokens: string[];
  themeId: number;
  speakerId: number;
  projectIds: number[];
  newsIds: number[];
  newsletterId: number;
  newsletterNumber: number;
  /** The public links' tokens of the minutes (version 1) and of the newsletter, both public. */
  publicTokens: { minutes: string; newsletter: string };
  /** When the pages are read (after everything above happened). */
  now: string;
}

/**
 * A realistic small network, built through the API and the answer forms as staff and partners
 * would: partners and contacts, a theme with interest and a speaker, a held meeting (invitations,
 * answers, a moved date, agenda, attendance, published minutes), an upcoming and a cancelled one,
 * projects in several states with follow-ups, news, a published newsletter, a portal link, and the
 * project reminders and digest. Every kind of mail is queued; the caller drains the outbox.
 */
export async function seedNetwork(t: TestApp, staff: Staff): Promise<Network> {
  t.clock.set('2026-03-02T09:00:00Z');
  const partners = [
    await createPartner(staff, { name: 'Mission locale du Hainaut', kind: 'mission-locale' }),
    await createPartner(staff, { name: 'Forem Mouscron', kind: 'public-employment-service' }),
    await createPartner(staff, { name: 'Régie de quartier « Les Jardins »' }),
  ];
  const partnerIds = partners.map((p) => p.id);
  const contacts = [];
  for (const [index, partner] of partners.entries())
    for (const fullName of [`Zoé Lenoir ${index + 1}`, `Karim Haddad ${index + 1}`])
      contacts.push(
        await createContact(staff, partner.id, {
          fullName,
          newsletterConsent: true,
          receivesMinutes: true,
        }),
      );
  const contactIds = contacts.map((c) => c.id);

  const theme = await createTheme(staff, {
    title: 'Clauses sociales',
    proposedByPartnerId: partnerIds[0],
  });
  for (const partnerId of partnerIds.slice(0, 2))
    await staff.api.post(`/api/themes/${theme.id}/interest`).send({ partnerId }).expect(200);
  const speaker = await createSpeaker(staff, { name: 'Anne Declercq', themeIds: [theme.id] });

  const held = await createMeeting(staff, { title: 'Plateforme emploi de mars' });
  const upcoming = await createMeeting(staff, {
    title: 'Plateforme emploi d’avril',
    startsAt: '2026-04-09T07:30:00Z',
    endsAt: '2026-04-09T10:00:00Z',
  });
  const cancelled = await createMeeting(staff, {
    title: 'Groupe de travail alternance',
    kind: 'working-group',
    startsAt: '2026-04-20T12:00:00Z',
    endsAt: '2026-04-20T14:00:00Z',
  });
  const heldTokens = await invite(staff, held.id, partnerIds);
  const upcomingTokens = await invite(staff, upcoming.id, partnerIds);
  const cancelledTokens = await invite(staff, cancelled.id, partnerIds.slice(0, 2));
  const answer = (token: string, body: Record<string, string>) =>
    request(t.http).post(`/r/${token}`).type('form').send(body).expect(200);
  await answer(heldTokens.get(partnerIds[0])!, {
    answer: 'coming',
    contactIds: String(contactIds[0]),
  });
  await answer(heldTokens.get(partnerIds[1])!, { answer: 'excused' });
  await answer(upcomingTokens.get(partnerIds[0])!, {
    answer: 'coming',
    contactIds: String(contactIds[1]),
  });

  const item = await staff.api
    .post(`/api/meetings/${held.id}/agenda-items`)
    .send({ title: 'Clauses sociales dans les marchés publics', kind: 'presentation' })
    .expect(201);
  await staff.api
    .post(`/api/meetings/${held.id}/agenda-items`)
    .send({ title: 'Tour de table', kind: 'round-of-news', presenterContactId: contactIds[2] })
    .expect(201);
  await staff.api
    .post(`/api/themes/${theme.id}/schedule`)
    .send({ agendaItemId: item.body.id, speakerId: speaker.id })
    .expect(200);

  const project = (title: string, body: Record<string, unknown>) =>
    createProject(staff, { title, leadPartnerId: partnerIds[0], ...body });
  const projects = [
    await project('Forum de l’alternance', { status: 'launched', cadenceDays: 30 }),
    await project('Job dating à la gare', { status: 'idea' }),
    await project('Atelier CV', { status: 'launched', cadenceDays: 60 }),
    await project('Clauses sociales 2026', { status: 'launched', originThemeId: theme.id }),
  ];

  t.clock.set('2026-03-05T10:00:00Z');
  await staff.api
    .patch(`/api/meetings/${held.id}`)
    .send({ startsAt: '2026-03-12T09:00:00Z', endsAt: '2026-03-12T11:30:00Z' })
    .expect(200);
  await staff.api
    .post(`/api/projects/${projects[2].id}/follow-ups`)
    .send({ date: '2026-03-05', text: 'Douze jeunes accompagnés.', status: 'active' })
    .expect(201);
  await staff.api
    .post(`/api/projects/${projects[3].id}/follow-ups`)
    .send({ date: '2026-03-05', text: 'Bilan positif.', status: 'completed', statusReason: 'Fini' })
    .expect(201);

  t.clock.set('2026-03-12T12:00:00Z');
  await staff.api
    .put(`/api/meetings/${held.id}/attendance`)
    .send({
      entries: [
        { partnerId: partnerIds[0], status: 'present', contactIds: [contactIds[0]] },
        { partnerId: partnerIds[1], status: 'excused' },
        { partnerId: partnerIds[2], status: 'absent' },
      ],
    })
    .expect(200);
  t.clock.set('2026-03-20T10:00:00Z');
  await staff.api
    .patch(`/api/meetings/${held.id}/minutes`)
    .send({ introduction: 'Merci pour l’accueil.', conclusion: 'Prochaine réunion le 9 avril.' })
    .expect(200);
  // Public, so that the public addresses (by token) have a document to show.
  const minutes = await staff.api
    .post(`/api/meetings/${held.id}/minutes/publish`)
    .send({ visibility: 'public' })
    .expect(201);

  const newsIds: number[] = [];
  for (const [kind, title, date] of [
    ['regulation', 'Décret « aides à l’emploi »', '2026-03-05'],
    ['local-news', 'Nouvelle antenne du CPAS', '2026-03-18'],
    ['event', 'Salon de l’emploi', '2026-03-28'],
  ]) {
    const news = await staff.api
      .post('/api/news')
      .send({ kind, title, date, body: 'Les détails sont sur le site du réseau.' })
      .expect(201);
    newsIds.push(news.body.id as number);
  }

  t.clock.set('2026-04-01T08:00:00Z');
  const created = await staff.api
    .post('/api/newsletters')
    .send({ from: '2026-03-01', to: '2026-03-31' })
    .expect(201);
  const newsletterId = created.body.newsletter.id as number;
  await staff.api
    .put(`/api/newsletters/${newsletterId}/visibility`)
    .send({ visibility: 'public' })
    .expect(200);
  const published = await staff.api.post(`/api/newsletters/${newsletterId}/publish`).expect(200);
  await staff.api
    .post(`/api/meetings/${cancelled.id}/cancel`)
    .send({ reason: 'Salle indisponible' })
    .expect(200);

  const series = await staff.api
    .post('/api/meeting-series')
    .send({
      title: 'Plateforme emploi mensuelle',
      kind: 'network-meeting',
      venueName: 'Maison de l’emploi',
      frequency: 'monthly',
      weekdays: ['TH'],
      nth: 2,
      firstDay: '2026-04-06',
      startTime: '09:30',
      endTime: '11:30',
      count: 3,
    })
    .expect(201);
  await staff.api
    .post(`/api/meeting-series/${series.body.id}/invitations`)
    .send({ partnerIds: [partnerIds[0]] })
    .expect(201);

  t.clock.set('2026-04-05T08:00:00Z');
  await t.app.get(ProjectRemindersService).runOnce();
  await staff.api.post(`/api/contacts/${contactIds[0]}/portal-link`).expect(201);
  await t.app.get(MailDispatcher).drainOnce();

  return {
    partnerIds,
    contactIds,
    meetings: { held: held.id, upcoming: upcoming.id, cancelled: cancelled.id },
    seriesId: series.body.id as number,
    answerTokens: [
      heldTokens.get(partnerIds[0])!,
      upcomingTokens.get(partnerIds[0])!,
      cancelledTokens.get(partnerIds[0])!,
    ],
    themeId: theme.id,
    speakerId: speaker.id,
    projectIds: projects.map((p) => p.id),
    newsIds,
    newsletterId,
    newsletterNumber: (published.body.number ?? 1) as number,
    publicTokens: {
      minutes: tokenOf(minutes.body.publicLink as string),
      newsletter: tokenOf(published.body.publicLink as string),
    },
    now: '2026-04-05T08:00:00Z',
  };
}

/** The token at the end of a public link. */
function tokenOf(link: string): string {
  return link.slice(link.lastIndexOf('/') + 1);
}
