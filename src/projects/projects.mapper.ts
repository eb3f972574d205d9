import { signedLinkState } from '../common/signed-link';
import type { Contact } from '../partners/contacts/contact.entity';
import type { Partner } from '../partners/partner.entity';
import type { FollowUp } from './follow-ups/follow-up.entity';
import type { FollowUpLink } from './follow-ups/follow-up-link.entity';
import { daysBetween, followUpStateOf, type FollowUpState } from './follow-ups/follow-up-state';
import type { Project } from './project.entity';
import type { ProjectEvent } from './project-event.entity';
import type { ProjectDetail } from './projects.service';

export interface PartnerRef {
  id: number;
  name: string;
}

export interface FollowUpStatus {
  state: FollowUpState;
  /** Tracked and never followed up: "since" is then the launch (or resumption) date. */
  neverFollowedUp: boolean;
  since: Date | null;
  lastFollowUpAt: Date | null;
  dueSoonAt: Date | null;
  dueAt: Date | null;
  staleAt: Date | null;
  daysSinceFollowUp: number | null;
  snoozedUntil: Date | null;
  snoozeReason: string | null;
}

export function partnerRef(partner: Partner | undefined, id: number): PartnerRef {
  return { id, name: partner?.name ?? '' };
}

export function followUpStatusOf(project: Project, now: Date): FollowUpStatus {
  const state = followUpStateOf(project, now);
  return {
    state,
    neverFollowedUp: state !== 'not-tracked' && project.lastFollowUpAt === null,
    since: project.followUpSince,
    lastFollowUpAt: project.lastFollowUpAt,
    dueSoonAt: project.dueSoonAt,
    dueAt: project.dueAt,
    staleAt: project.staleAt,
    daysSinceFollowUp: project.followUpSince ? daysBetween(project.followUpSince, now) : null,
    snoozedUntil: project.snoozedUntil,
    snoozeReason: project.snoozeReason,
  };
}

export function toProjectSummary(project: Project, now: Date) {
  return {
    id: project.id,
    title: project.title,
    status: project.status,
    leadPartner: partnerRef(project.leadPartner, project.leadPartnerId),
    originMeetingId: project.originMeetingId,
    cadenceDays: project.cadenceDays,
    startDate: project.startDate,
    endDate: project.endDate,
    launchedAt: project.launchedAt,
    followUp: followUpStatusOf(project, now),
  };
}

export function toProjectEvent(event: ProjectEvent) {
  return {
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    snoozedUntil: event.snoozedUntil,
    reason: event.reason,
    at: event.at,
    by: event.actorLabel,
  };
}

export function toProjectDetail(detail: ProjectDetail, now: Date) {
  const { project } = detail;
  return {
    ...toProjectSummary(project, now),
    originMeeting: project.originMeeting
      ? {
          id: project.originMeeting.id,
          title: project.originMeeting.title,
          startsAt: project.originMeeting.startsAt,
        }
      : null,
    originAgendaItem: project.originAgendaItem
      ? { id: project.originAgendaItem.id, title: project.originAgendaItem.title }
      : null,
    originTheme: project.originTheme
      ? { id: project.originTheme.id, title: project.originTheme.title }
      : null,
    description: project.description,
    expectedOutcomes: project.expectedOutcomes,
    statusChangedAt: project.statusChangedAt,
    participants: detail.participants.map((p) => ({
      partner: partnerRef(p.partner, p.partnerId),
      role: p.role,
    })),
    history: detail.events.map(toProjectEvent),
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

export function toFollowUp(followUp: FollowUp) {
  return {
    id: followUp.id,
    projectId: followUp.projectId,
    date: followUp.date,
    at: followUp.at,
    author: {
      label: followUp.authorLabel,
      userId: followUp.authorUserId,
      contactId: followUp.authorContactId,
    },
    text: followUp.text,
    statusChange: followUp.statusTo ? { from: followUp.statusFrom, to: followUp.statusTo } : null,
    nextStep: followUp.nextStep,
    nextStepDue: followUp.nextStepDue,
  };
}

export function toFollowUpLink(link: FollowUpLink, now: Date) {
  const signed = signedLinkState(link, now);
  const state = signed === 'live' ? 'active' : signed;
  return {
    id: link.id,
    contact: link.contact ? contactRef(link.contact) : { id: link.contactId, fullName: '' },
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    lastUsedAt: link.lastUsedAt,
    state,
  };
}

function contactRef(contact: Contact) {
  return { id: contact.id, fullName: contact.fullName };
}
