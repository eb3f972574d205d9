import { normalizeForSearch } from '../../src/common/text';
import { Transactions } from '../../src/database/transactions';
import { OutboxMessage } from '../../src/mail/outbox/outbox-message.entity';
import { Invitation } from '../../src/meetings/invitations/invitation.entity';
import { Meeting } from '../../src/meetings/meeting.entity';
import { Partner } from '../../src/partners/partner.entity';
import { scheduleFrom } from '../../src/projects/follow-ups/follow-up-state';
import { Project } from '../../src/projects/project.entity';
import { createMeetingRecord } from './documents';
import { invite } from './meetings';
import { createContact, createPartner } from './partners';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

/**
 * Real data is long: French organisation names of 60–120 characters with hyphenated words no
 * browser can break, 64-character e-mail local parts, 150-character URLs. Everything a page shows
 * gets such values, so a layout that only fits short demo names shows up.
 */
export const LONG_WORD =
  'Groupement-d’employeurs-pour-l’insertion-et-la-qualification-Hauts-de-France-Métropole';
/** 64 characters, the longest local part an address may have. */
const LONG_LOCAL = 'marie-eleonore.charlotte-de-la-tour-dauvergne.villeneuve-st-geor';
const LONG_DOMAIN = 'groupement-employeurs-insertion-qualification-hautsdefrance.org';
export const LONG_URL = `https://www.${LONG_DOMAIN}/actualites/2026/plateforme-emploi-insertion-qualification-metropole-lilloise?utm=1`;
const LONG_JOB =
  'Chargée-de-mission-insertion-socio-professionnelle-et-accompagnement-renforcé des publics éloignés de l’emploi (PLIE-Métropole)';

export function longEmail(n: number): string {
  return `${LONG_LOCAL.slice(0, 64 - String(n).length)}${n}@${LONG_DOMAIN}`;
}

/** A partner name of 60–120 characters starting with an unbreakable word, unique by n. */
export function longPartnerName(n: number): string {
  return `${LONG_WORD}-${String(n).padStart(2, '0')} Roubaix-Tourcoing`;
}

export interface LongData {
  partnerId: number;
  contactId: number;
  plannedMeetingId: number;
  heldMeetingId: number;
  themeId: number;
  speakerId: number;
  projectId: number;
  newsId: number;
  draftNewsletterId: number;
  publishedNewsletterId: number;
  publishedNewsletterNumber: number;
  /** The public links (paths) of the held meeting's minutes and of the published newsletter. */
  publicMinutesPath: string;
  publicNewsletterPath: string;
  answerToken: string;
  followUpToken: string;
  portalToken: string;
}

const LONG_TITLE = `Plateforme-territoriale-emploi-insertion-Hauts-de-France : ${LONG_WORD} et les clauses sociales`;

/** Everything long, through the API where it exists (its rules apply), the rest in the database. */
export async function seedLongData(t: TestApp, staff: Staff): Promise<LongData> {
  const partner = await createPartner(staff, {
    name: longPartnerName(0),
    shortName: 'GEIQ-Hauts-de-France-Métropole-Lilloise-Roubaix-Tourcoing',
    kind: 'association',
    description: `${LONG_WORD} accompagne les demandeurs d’emploi. Voir ${LONG_URL}`,
    services: `Accompagnement-vers-l’emploi-durable-et-qualifiant, ateliers ${LONG_WORD}`,
    territory: 'Métropole-Européenne-de-Lille-Roubaix-Tourcoing-Villeneuve-d’Ascq-Wattrelos',
    address: `Centre-d’affaires-${LONG_WORD}, 1234 boulevard du Général-de-Gaulle-et-de-la-Libération`,
    website: LONG_URL,
    email: longEmail(0),
    phone: '+33 3 20 00 00 00',
  });
  const contact = await createContact(staff, partner.id, {
    fullName: 'Marie-Éléonore-Charlotte de La Tour-d’Auvergne-Villeneuve-Saint-Georges-sur-Marne',
    jobTitle: LONG_JOB,
    email: longEmail(1),
    newsletterConsent: true,
    notes: `Préfère être jointe par ${longEmail(1)} ; ${LONG_URL}`,
  });
  await createContact(staff, partner.id, {
    fullName: 'Jean-Baptiste-Emmanuel-Maximilien Van-der-Straeten-de-Ponthoz-Lichtervelde',
    jobTitle: LONG_JOB.replace('Chargée', 'Chargé'),
    email: longEmail(2),
  });

  const heatmapPartners = await seedHeatmap(t, 30, 12);

  const planned = (
    await staff.api
      .post('/api/meetings')
      .send({
        title: LONG_TITLE,
        kind: 'network-meeting',
        description: `${LONG_WORD}. ${LONG_URL}`,
        startsAt: '2026-03-19T08:30:00Z',
        endsAt: '2026-03-19T11:00:00Z',
        venueName: `Maison-de-l’emploi-et-de-la-formation-${LONG_WORD}`,
        venueAddress: `Centre-d’affaires-${LONG_WORD}, 1234 boulevard du Général-de-Gaulle-et-de-la-Libération, 59100 Roubaix`,
        onlineUrl: LONG_URL,
      })
      .expect(201)
  ).body as { id: number };
  const tokens = await invite(staff, planned.id, [partner.id, ...heatmapPartners.slice(0, 5)]);
  await staff.api
    .post(`/api/meetings/${planned.id}/agenda-items`)
    .send({ title: LONG_TITLE.slice(0, 200), kind: 'presentation', presenterContactId: contact.id })
    .expect(201);

  const { themeId, speakerId } = await seedThemeAndSpeaker(staff, planned.id, partner.id);
  const { projectId, followUpToken } = await seedProject(t, staff, partner.id, contact.id);
  const { held, publicMinutesPath } = await seedMinutes(t, staff);
  const documents = await seedNewsletters(staff);

  await staff.api.post(`/api/contacts/${contact.id}/portal-link`).expect(201);
  const [message] = await t.dataSource.getRepository(OutboxMessage).find({
    where: { purpose: 'portal-link', contactId: contact.id },
    order: { id: 'DESC' },
    take: 1,
  });
  const portalToken = /\/portal\/link\/([A-Za-z0-9_-]+)/.exec(message.text!)![1];

  return {
    partnerId: partner.id,
    contactId: contact.id,
    plannedMeetingId: planned.id,
    heldMeetingId: held,
    publicMinutesPath,
    themeId,
    speakerId,
    projectId,
    ...documents,
    answerToken: tokens.get(partner.id)!,
    followUpToken,
    portalToken,
  };
}

/** The dashboard's heatmap at its fullest: `partners` long names × `meetings` held meetings. */
async function seedHeatmap(t: TestApp, partners: number, meetings: number): Promise<number[]> {
  return t.app.get(Transactions).run(async (manager) => {
    const names = Array.from({ length: partners }, (_, i) => longPartnerName(i + 1));
    const inserted = await manager.getRepository(Partner).insert(
      names.map((name) => ({
        name,
        nameKey: normalizeForSearch(name),
        kind: 'association' as const,
        active: true,
        archivedAt: null,
        searchText: normalizeForSearch(name),
      })),
    );
    const ids = inserted.identifiers.map((i) => (i as { id: number }).id);
    const attendance = ['present', 'absent', 'excused', null] as const;
    for (let m = 0; m < meetings; m += 1) {
      const startsAt = new Date(Date.UTC(2025, 2 + m, 10, 8, 30));
      const meeting = await manager.getRepository(Meeting).save({
        title: `${m + 1}. ${LONG_TITLE}`.slice(0, 200),
        kind: 'network-meeting',
        description: null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
        venueName: `Salle-polyvalente-${LONG_WORD}`,
        venueAddress: null,
        latitude: null,
        longitude: null,
        onlineUrl: null,
        status: 'held',
        cancelReason: null,
        cancelledAt: null,
        sequence: 0,
      });
      await manager.getRepository(Invitation).insert(
        ids.map((partnerId, p) => ({
          meetingId: meeting.id,
          partnerId,
          invited: (m + p) % 7 !== 0,
          attendance: attendance[(m + p) % 4],
          attendanceRecordedAt: startsAt,
        })),
      );
    }
    return ids;
  });
}

async function seedThemeAndSpeaker(
  staff: Staff,
  meetingId: number,
  partnerId: number,
): Promise<{ themeId: number; speakerId: number }> {
  const theme = (
    await staff.api
      .post('/api/themes')
      .send({
        title: LONG_TITLE.slice(0, 200),
        description: `${LONG_WORD} — ${LONG_URL}`,
        tags: ['Clauses-sociales-marchés-publics-HDF', 'Insertion-par-l’activité-économique'],
      })
      .expect(201)
  ).body as { id: number };
  await staff.api.post(`/api/themes/${theme.id}/interest`).send({ partnerId }).expect(200);
  const speaker = (
    await staff.api
      .post('/api/speakers')
      .send({
        name: 'Anne-Sophie-Marguerite Delacroix-Montmorency-de-Beaufort-Saint-Amand',
        organisationName: `Cabinet-conseil-${LONG_WORD}`,
        email: longEmail(3),
        website: LONG_URL,
        address: `Centre-d’affaires-${LONG_WORD}, 59000 Lille`,
        feeCents: 12_345_678,
        themeIds: [theme.id],
        tags: ['Ingénierie-de-formation-professionnelle'],
      })
      .expect(201)
  ).body as { id: number };
  const item = (
    await staff.api
      .post(`/api/meetings/${meetingId}/agenda-items`)
      .send({ title: `Intervention : ${LONG_WORD}`, kind: 'presentation' })
      .expect(201)
  ).body as { id: number };
  await staff.api
    .post(`/api/themes/${theme.id}/schedule`)
    .send({ agendaItemId: item.id, speakerId: speaker.id })
    .expect(200);
  return { themeId: theme.id, speakerId: speaker.id };
}

/** An overdue project (launched months ago) with a long follow-up and a personal link. */
async function seedProject(
  t: TestApp,
  staff: Staff,
  partnerId: number,
  contactId: number,
): Promise<{ projectId: number; followUpToken: string }> {
  const project = (
    await staff.api
      .post('/api/projects')
      .send({
        title: `Chantier-d’insertion-${LONG_WORD}`,
        leadPartnerId: partnerId,
        status: 'launched',
        description: `${LONG_WORD}. ${LONG_URL}`,
        expectedOutcomes: `Vingt-cinq-contrats-de-professionnalisation-signés ${LONG_URL}`,
      })
      .expect(201)
  ).body as { id: number };
  await staff.api
    .post(`/api/projects/${project.id}/follow-ups`)
    .send({
      text: `Réunion-avec-les-entreprises-partenaires-${LONG_WORD} ${LONG_URL}`,
      nextStep: `Relancer ${longEmail(4)}`,
    })
    .expect(201);
  const launchedAt = new Date('2025-10-01T09:00:00Z');
  await t.dataSource.getRepository(Project).update(
    { id: project.id },
    {
      launchedAt,
      followUpSince: launchedAt,
      lastFollowUpAt: null,
      ...scheduleFrom(launchedAt, 30),
    },
  );
  const link = await staff.api
    .post(`/api/projects/${project.id}/links`)
    .send({ contactId })
    .expect(201);
  return { projectId: project.id, followUpToken: (link.body as { token: string }).token };
}

/** A held meeting with long names and agenda, its minutes published (version 1), public. */
async function seedMinutes(
  t: TestApp,
  staff: Staff,
): Promise<{ held: number; publicMinutesPath: string }> {
  const record = await createMeetingRecord(t, {
    title: `Compte-rendu-${LONG_TITLE}`.slice(0, 200),
    startsAt: '2026-02-10T08:30:00Z',
    venueName: `Salle-polyvalente-${LONG_WORD}`,
    venueAddress: `Centre-d’affaires-${LONG_WORD}, 59100 Roubaix`,
    partners: [
      {
        name: longPartnerName(90),
        attendance: 'present',
        people: ['Marie-Éléonore-Charlotte de La Tour-d’Auvergne-Villeneuve-Saint-Georges'],
        contacts: [{ name: 'Destinataire-du-compte-rendu-très-long', email: longEmail(5) }],
      },
      { name: longPartnerName(91), attendance: 'excused' },
    ],
    agenda: [
      {
        title: `Présentation-${LONG_WORD}`,
        presenter: { partner: longPartnerName(90), name: 'Intervenant-au-nom-très-long-Dupont' },
        summary: `${LONG_WORD} ${LONG_URL}`,
        decisions: `Décision-${LONG_WORD}`,
      },
    ],
  });
  const version = await staff.api
    .post(`/api/meetings/${record.meeting.id}/minutes/publish`)
    .send({ visibility: 'public' })
    .expect(201);
  return {
    held: record.meeting.id,
    publicMinutesPath: new URL(version.body.publicLink as string).pathname,
  };
}

async function seedNewsletters(staff: Staff): Promise<{
  newsId: number;
  draftNewsletterId: number;
  publishedNewsletterId: number;
  publishedNewsletterNumber: number;
  publicNewsletterPath: string;
}> {
  const news = (
    await staff.api
      .post('/api/news')
      .send({
        title: `Nouveau-décret-relatif-à-l’insertion-${LONG_WORD}`,
        body: `${LONG_WORD} ${LONG_URL}\n${'Il entre en vigueur au premier avril. '.repeat(20)}`,
        kind: 'regulation',
        date: '2026-02-12',
      })
      .expect(201)
  ).body as { id: number };
  const editorial = `${LONG_WORD} ${LONG_URL}\n${'Le printemps de l’emploi commence. '.repeat(30)}`;
  const published = (
    await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-02-01', to: '2026-02-28', editorial })
      .expect(201)
  ).body as { newsletter: { id: number } };
  await staff.api
    .put(`/api/newsletters/${published.newsletter.id}/visibility`)
    .send({ visibility: 'public' })
    .expect(200);
  const issue = (
    await staff.api.post(`/api/newsletters/${published.newsletter.id}/publish`).expect(200)
  ).body as { number: number; publicLink: string };
  const draft = (
    await staff.api
      .post('/api/newsletters')
      .send({ from: '2026-03-01', to: '2026-03-31', editorial })
      .expect(201)
  ).body as { newsletter: { id: number } };
  return {
    newsId: news.id,
    draftNewsletterId: draft.newsletter.id,
    publishedNewsletterId: published.newsletter.id,
    publishedNewsletterNumber: issue.number,
    publicNewsletterPath: new URL(issue.publicLink).pathname,
  };
}
