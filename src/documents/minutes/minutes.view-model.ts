import type { AgendaItem } from '../../meetings/agenda/agenda-item.entity';
import type { MinutesReviewSummary } from './review/minutes-review-record';
import type { Invitation } from '../../meetings/invitations/invitation.entity';
import type { InvitationAttendee } from '../../meetings/attendance/invitation-attendee.entity';
import type { Meeting } from '../../meetings/meeting.entity';
import type { AttendanceStatus } from '../../meetings/meeting-kinds';
import type { MinutesDraft } from './minutes-draft.entity';
import { compareFrenchLoosely } from '../../common/french-order';

export interface PersonView {
  name: string;
  /** "replaces Y": the usual contact this person stood in for. */
  replaces: string | null;
}

export interface PartnerAttendanceView {
  partnerId: number;
  partner: string;
  people: PersonView[];
}

/** Someone who presents an agenda item, with their organisation ("Marie Dupont (Mission locale)"). */
export interface PresenterView {
  name: string;
  organisation: string | null;
}

export interface AgendaItemView {
  id: number;
  position: number;
  title: string;
  kind: string;
  /** The theme presented at this item, when one is linked. */
  theme: string | null;
  /** The partner's contact and the speaker presenting it, by organisation then name. */
  presenters: PresenterView[];
  summary: string | null;
  decisions: string | null;
  /** Whether staff reworded the summary / decisions for the minutes. */
  edited: { summary: boolean; decisions: boolean };
}

export interface MeetingView {
  id: number;
  title: string;
  kind: string;
  status: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  onlineUrl: string | null;
}

/** A project born at the meeting (filled once the projects feature records origin meetings). */
export interface ProjectView {
  id: number;
  title: string;
  leadPartner: string | null;
  status: string;
}

/** A follow-up recorded since the previous meeting of the same kind, reviewed at this one. */
export interface FollowUpView {
  project: string;
  leadPartner: string | null;
  date: string;
  note: string;
  nextStep: string | null;
}

export interface MinutesViewModel {
  /** "Compte rendu — <meeting title>". */
  title: string;
  meeting: MeetingView;
  introduction: string | null;
  conclusion: string | null;
  attendance: {
    present: PartnerAttendanceView[];
    excused: PartnerAttendanceView[];
    absent: PartnerAttendanceView[];
    presentPeople: number;
  };
  agenda: AgendaItemView[];
  projects: ProjectView[];
  followUps: FollowUpView[];
  nextMeeting: Pick<MeetingView, 'id' | 'title' | 'startsAt' | 'venueName' | 'venueAddress'> | null;
  /** Set on a published version. */
  version: number | null;
  publishedAt: string | null;
  /** The public address of the published version, when known. */
  url: string | null;
  /** Set on a version published after a review round: who reviewed, what changed. */
  review?: MinutesReviewSummary | null;
}

/** What the minutes read of the meeting (entities fit, and so do raw rows shaped like them). */
export type MinutesMeeting = Pick<
  Meeting,
  | 'id'
  | 'title'
  | 'kind'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'venueName'
  | 'venueAddress'
  | 'onlineUrl'
>;
type Named = { name: string } | null | undefined;
export type MinutesInvitation = Pick<Invitation, 'partnerId' | 'attendance' | 'answer'> & {
  partner?: Named;
  attendees?: Pick<InvitationAttendee, 'phase' | 'fullName' | 'replacesName'>[];
};
export type MinutesAgendaItem = Pick<
  AgendaItem,
  'id' | 'position' | 'title' | 'kind' | 'summary' | 'decisions'
> & {
  presenterContact?: { fullName: string; partner?: Named } | null;
  speaker?: { name: string; organisationName: string | null; organisationPartner?: Named } | null;
  theme?: { title: string } | null;
};

export interface MinutesRecord {
  meeting: MinutesMeeting;
  /** With `partner` and `attendees` loaded. */
  invitations: MinutesInvitation[];
  /** With `presenterContact.partner` and `speaker.organisationPartner` loaded. */
  agendaItems: MinutesAgendaItem[];
  draft: Pick<MinutesDraft, 'introduction' | 'conclusion' | 'itemOverrides'> | null;
  nextMeeting: Pick<Meeting, 'id' | 'title' | 'startsAt' | 'venueName' | 'venueAddress'> | null;
  projects?: ProjectView[];
  followUps?: FollowUpView[];
}

const compareText = compareFrenchLoosely;
const byName = (a: { partner: string }, b: { partner: string }) =>
  compareText(a.partner, b.partner);

/** Presenters by organisation (those without one last), then by name. */
export function sortPresenters(presenters: PresenterView[]): PresenterView[] {
  return [...presenters].sort((a, b) => {
    if (a.organisation === null || b.organisation === null) {
      if (a.organisation !== b.organisation) return a.organisation === null ? 1 : -1;
    } else {
      const byOrganisation = compareText(a.organisation, b.organisation);
      if (byOrganisation !== 0) return byOrganisation;
    }
    return compareText(a.name, b.name);
  });
}

function presentersOf(item: MinutesAgendaItem): PresenterView[] {
  const presenters: PresenterView[] = [];
  const contact = item.presenterContact;
  if (contact)
    presenters.push({ name: contact.fullName, organisation: contact.partner?.name ?? null });
  const speaker = item.speaker;
  if (speaker)
    presenters.push({
      name: speaker.name,
      organisation: speaker.organisationPartner?.name ?? speaker.organisationName ?? null,
    });
  return sortPresenters(presenters);
}

/** The status a partner's row goes under: what was recorded, or an excuse sent beforehand. */
function attendanceOf(invitation: MinutesInvitation): AttendanceStatus | null {
  if (invitation.attendance) return invitation.attendance;
  return invitation.answer === 'excused' ? 'excused' : null;
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/**
 * The minutes as a plain view model, from the meeting record and the staff's draft wording:
 * partners grouped present / excused / absent (alphabetically, with the people who came), the
 * agenda in order with its theme, presenters, summary and decisions (staff wording first).
 */
export function buildMinutesViewModel(
  record: MinutesRecord,
  title: string,
  published: { version: number; publishedAt: Date; url: string | null } | null = null,
): MinutesViewModel {
  const { meeting, draft } = record;
  const groups: Record<AttendanceStatus, PartnerAttendanceView[]> = {
    present: [],
    excused: [],
    absent: [],
  };
  let presentPeople = 0;
  for (const invitation of record.invitations) {
    const status = attendanceOf(invitation);
    if (!status) continue;
    // Who came: the people recorded after the meeting, else those announced in the answer.
    const attendees = invitation.attendees ?? [];
    const recorded = attendees.filter((a) => a.phase === 'attendance');
    const came = status !== 'present' ? [] : recorded.length > 0 ? recorded : attendees;
    const people = came
      .map((a) => ({ name: a.fullName, replaces: a.replacesName ?? null }))
      .sort((a, b) => compareText(a.name, b.name));
    if (status === 'present') presentPeople += people.length;
    groups[status].push({
      partnerId: invitation.partnerId,
      partner: invitation.partner?.name ?? `#${invitation.partnerId}`,
      people,
    });
  }
  for (const list of Object.values(groups)) list.sort(byName);

  const overrides = draft?.itemOverrides ?? {};
  const agenda = [...record.agendaItems]
    .sort((a, b) => a.position - b.position || a.id - b.id)
    .map((item): AgendaItemView => {
      const override = overrides[String(item.id)] ?? {};
      const summaryEdited = override.summary !== undefined && override.summary !== null;
      const decisionsEdited = override.decisions !== undefined && override.decisions !== null;
      return {
        id: item.id,
        position: item.position,
        title: item.title,
        kind: item.kind,
        theme: item.theme?.title ?? null,
        presenters: presentersOf(item),
        summary: blankToNull(summaryEdited ? override.summary : item.summary),
        decisions: blankToNull(decisionsEdited ? override.decisions : item.decisions),
        edited: { summary: summaryEdited, decisions: decisionsEdited },
      };
    });

  const next = record.nextMeeting;
  return {
    title,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      status: meeting.status,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      venueName: meeting.venueName,
      venueAddress: meeting.venueAddress,
      onlineUrl: meeting.onlineUrl,
    },
    introduction: blankToNull(draft?.introduction),
    conclusion: blankToNull(draft?.conclusion),
    attendance: { ...groups, presentPeople },
    agenda,
    projects: record.projects ?? [],
    followUps: record.followUps ?? [],
    nextMeeting: next
      ? {
          id: next.id,
          title: next.title,
          startsAt: next.startsAt.toISOString(),
          venueName: next.venueName,
          venueAddress: next.venueAddress,
        }
      : null,
    version: published?.version ?? null,
    publishedAt: published?.publishedAt.toISOString() ?? null,
    url: published?.url ?? null,
  };
}
