import type { Invitation } from '../../meetings/invitations/invitation.entity';
import { ANSWERS } from '../../meetings/meeting-kinds';
import type { Project } from '../../projects/project.entity';
import type { PortalProjectDetail } from '../portal.service';

/** A public form's fields, trimmed, blank ones left out. */
export type PortalForm = Record<string, string>;

/** An answer refused beside its invitation: which one, the message keys, what was typed. */
export interface FailedAnswer {
  id: number;
  messages: string[];
  form?: PortalForm;
}

/** The answer form of an invitation: as stored, or as typed when that post was refused. */
function answerForm(
  invitation: { id: number; answer: string | null; answerNote: string | null },
  failed?: FailedAnswer,
) {
  const typed = failed?.id === invitation.id ? failed.form : undefined;
  const answer = typed ? (typed.answer ?? null) : invitation.answer;
  return {
    answerNote: typed ? (typed.note ?? null) : invitation.answerNote,
    answers: ANSWERS.map((a) => ({ value: a, checked: answer === a })),
    messages: failed?.id === invitation.id ? failed.messages : [],
  };
}

/** The portal's home: the partner's upcoming meetings, each with its answer form. */
export function portalHomeMeetings(invitations: Invitation[], now: Date, failed?: FailedAnswer) {
  return invitations.map((i) => ({
    invitationId: i.id,
    title: i.meeting!.title,
    startsAt: i.meeting!.startsAt,
    endsAt: i.meeting!.endsAt,
    venueName: i.meeting!.venueName,
    venueAddress: i.meeting!.venueAddress,
    onlineUrl: i.meeting!.onlineUrl,
    cancelled: i.meeting!.status === 'cancelled',
    open: i.meeting!.status === 'planned' && i.meeting!.startsAt > now,
    // An occurrence of a series: the answer may go to every coming one (docs/meeting-series.md).
    inSeries: i.meeting!.seriesId !== null,
    answer: i.answer,
    ...answerForm(i, failed),
  }));
}

/** The projects the partner leads or joins. */
export function portalProjects(projects: Project[], partnerId: number) {
  return projects.map((p) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    lead: p.leadPartner?.name ?? '',
    leads: p.leadPartnerId === partnerId,
    lastFollowUpAt: p.lastFollowUpAt,
  }));
}

/** One project of the partner with its follow-ups. */
export function portalProjectView(detail: PortalProjectDetail) {
  const { project, participants, followUps } = detail;
  return {
    title: project.title,
    project: {
      id: project.id,
      title: project.title,
      description: project.description,
      status: project.status,
      lead: project.leadPartner?.name ?? '',
      participants,
    },
    followUps: followUps.map((f) => ({
      date: f.date,
      author: f.authorLabel,
      viaLink: f.authorContactId !== null,
      text: f.text,
      nextStep: f.nextStep,
      nextStepDue: f.nextStepDue,
    })),
  };
}
