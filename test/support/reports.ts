import { Transactions } from '../../src/database/transactions';
import { AgendaItem } from '../../src/meetings/agenda/agenda-item.entity';
import { Invitation } from '../../src/meetings/invitations/invitation.entity';
import { FollowUp } from '../../src/projects/follow-ups/follow-up.entity';
import { scheduleFrom } from '../../src/projects/follow-ups/follow-up-state';
import { Project } from '../../src/projects/project.entity';
import type { ProjectStatus } from '../../src/projects/project-status';
import { createMeetingRecord } from './documents';
import { createPartner } from './partners';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

/** The partners of the activity report's network, one per kind counted. */
export const REPORT_PARTNERS = {
  missionLocale: { name: 'Mission locale de l’Écluse', kind: 'mission-locale' },
  franceTravail: { name: 'France Travail Mons-Borinage', kind: 'public-employment-service' },
  regie: { name: 'Régie de quartier « Œuvre commune »', kind: 'social-economy' },
  association: { name: 'Association Élan', kind: 'association' },
} as const;

/** Writes the agenda item's presentation and speaker's costs as the themes context records them. */
async function presentAndCost(
  t: TestApp,
  item: AgendaItem,
  values: { presentedAt?: Date; feeCents?: number; travelCents?: number | null },
): Promise<void> {
  await t.app.get(Transactions).run((manager) =>
    manager.getRepository(AgendaItem).update(item.id, {
      themePresentedAt: values.presentedAt ?? null,
      speakerFeeCents: values.feeCents ?? null,
      speakerTravelCents: values.travelCents ?? null,
    }),
  );
}

/** A project row with its follow-up moments, as the projects context keeps them. */
export async function insertProject(
  t: TestApp,
  leadPartnerId: number,
  values: {
    title: string;
    status: ProjectStatus;
    launchedAt: Date;
    statusChangedAt?: Date;
    followUpAt?: Date;
    snoozedUntil?: Date;
  },
): Promise<number> {
  const tracked = values.status === 'launched' || values.status === 'active';
  const since = values.followUpAt ?? values.launchedAt;
  const schedule = tracked
    ? scheduleFrom(since, 60)
    : { dueSoonAt: null, dueAt: null, staleAt: null };
  return t.app.get(Transactions).run(async (manager) => {
    const { identifiers } = await manager.getRepository(Project).insert({
      title: values.title,
      description: null,
      expectedOutcomes: null,
      leadPartnerId,
      originMeetingId: null,
      originAgendaItemId: null,
      status: values.status,
      statusChangedAt: values.statusChangedAt ?? values.launchedAt,
      startDate: null,
      endDate: null,
      cadenceDays: 60,
      launchedAt: values.launchedAt,
      lastFollowUpAt: values.followUpAt ?? null,
      followUpSince: tracked ? since : null,
      ...schedule,
      snoozedUntil: values.snoozedUntil ?? null,
      snoozeReason: values.snoozedUntil ? 'En attente du financement' : null,
      remindedPeriodStart: null,
    });
    const id = (identifiers[0] as { id: number }).id;
    if (values.followUpAt)
      await manager.getRepository(FollowUp).insert({
        projectId: id,
        date: values.followUpAt.toISOString().slice(0, 10),
        at: values.followUpAt,
        authorUserId: null,
        authorContactId: null,
        authorLabel: 'Équipe',
        text: 'Point d’étape',
        statusFrom: null,
        statusTo: null,
        nextStep: null,
      });
    return id;
  });
}

/**
 * A small known network for the activity report of 2026 (figures in test/reports-activity):
 * two held meetings (one closed, starting on 30 April in UTC but 1 May in Brussels, with a walk-in),
 * one cancelled, one held the year before, one planned; themes, speakers and projects.
 */
export async function seedReportNetwork(t: TestApp, staff: Staff) {
  const partners = {} as Record<keyof typeof REPORT_PARTNERS, number>;
  for (const [key, spec] of Object.entries(REPORT_PARTNERS))
    partners[key as keyof typeof REPORT_PARTNERS] = (await createPartner(staff, spec)).id;
  const { missionLocale: ml, franceTravail: ft, regie, association: asso } = REPORT_PARTNERS;
  const march = await createMeetingRecord(t, {
    title: 'Plateforme emploi de mars',
    startsAt: '2026-03-12T08:30:00Z',
    partners: [
      { name: ml.name, attendance: 'present', people: ['Zoé Brûlé', 'Jérôme Lefèvre'] },
      { name: ft.name, attendance: 'present', people: ['Anne Dubois'] },
      { name: regie.name, attendance: 'excused' },
      { name: asso.name, attendance: 'absent' },
    ],
    agenda: [
      {
        title: 'Clauses sociales',
        theme: 'Clauses sociales à l’échelle locale',
        presenter: { partner: ml.name, name: 'Zoé Brûlé' },
        speaker: { name: 'Hélène Dupré', organisation: 'Cabinet Œil' },
      },
    ],
  });
  await presentAndCost(t, march.agenda[0], {
    presentedAt: march.meeting.startsAt,
    feeCents: 15000,
    travelCents: 1250,
  });
  const may = await createMeetingRecord(t, {
    title: 'Groupe de travail « mobilité »',
    startsAt: '2026-04-30T22:30:00Z',
    status: 'closed',
    partners: [
      { name: ml.name, attendance: 'present', people: ['Zoé Brûlé'] },
      { name: ft.name, attendance: 'present', people: ['Anne Dubois'] },
      { name: asso.name, attendance: null },
      { name: regie.name, attendance: 'present', people: ['Marc Évrard'] },
    ],
    agenda: [
      {
        title: 'Atelier',
        theme: 'Mobilité',
        speaker: { name: 'Paul Martin', organisation: 'Indépendant' },
      },
    ],
  });
  await presentAndCost(t, may.agenda[0], { feeCents: 100000, travelCents: null });
  // The régie came without an invitation (a walk-in).
  await t.app
    .get(Transactions)
    .run((manager) =>
      manager
        .getRepository(Invitation)
        .update({ meetingId: may.meeting.id, partnerId: partners.regie }, { invited: false }),
    );
  const cancelled = await createMeetingRecord(t, {
    title: 'Réunion de juin (annulée)',
    startsAt: '2026-06-10T08:00:00Z',
    status: 'cancelled',
    partners: [{ name: ml.name, attendance: null }],
    agenda: [{ title: 'Intervention', speaker: { name: 'Léa Roux', organisation: 'Conseil' } }],
  });
  await presentAndCost(t, cancelled.agenda[0], { feeCents: 50000, travelCents: 0 });
  await createMeetingRecord(t, {
    title: 'Réunion de décembre 2025',
    startsAt: '2025-12-15T08:00:00Z',
    partners: [{ name: ml.name, attendance: 'present', people: ['Zoé Brûlé'] }],
  });
  await createMeetingRecord(t, {
    title: 'Réunion prévue',
    startsAt: '2026-11-20T08:00:00Z',
    status: 'planned',
    partners: [{ name: ft.name, attendance: null }],
  });
  const lead = partners.missionLocale;
  await insertProject(t, lead, {
    title: 'Garde d’enfants pour l’emploi',
    status: 'launched',
    launchedAt: new Date('2026-02-01T10:00:00Z'),
  });
  await insertProject(t, lead, {
    title: 'Mobilité solidaire',
    status: 'active',
    launchedAt: new Date('2025-06-01T10:00:00Z'),
    followUpAt: new Date('2026-05-10T10:00:00Z'),
  });
  await insertProject(t, lead, {
    title: 'Chantier d’insertion',
    status: 'completed',
    launchedAt: new Date('2025-01-01T10:00:00Z'),
    statusChangedAt: new Date('2026-04-15T10:00:00Z'),
  });
  await insertProject(t, lead, {
    title: 'Ancien projet',
    status: 'completed',
    launchedAt: new Date('2024-01-01T10:00:00Z'),
    statusChangedAt: new Date('2025-03-01T10:00:00Z'),
  });
  await insertProject(t, lead, {
    title: 'Projet en pause',
    status: 'launched',
    launchedAt: new Date('2025-01-01T10:00:00Z'),
    snoozedUntil: new Date('2026-09-01T00:00:00Z'),
  });
  return {
    partners,
    march: march.meeting.id,
    may: may.meeting.id,
    cancelled: cancelled.meeting.id,
  };
}
