import type { AgendaItem } from './agenda-item';
import type { Invitation } from './invitation';
import type { InvitationAttendee } from './invitation-attendee';
import type { Meeting } from './meeting';

export interface MeetingResponse {
  id: number;
  title: string;
  kind: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  status: string;
  cancelReason: string | null;
  cancelledAt: string | null;
  sequence: number;
  createdAt: string;
  updatedAt: string;
}

export function toMeetingResponse(m: Meeting): MeetingResponse {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    description: m.description,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    venueName: m.venueName,
    venueAddress: m.venueAddress,
    latitude: m.latitude,
    longitude: m.longitude,
    onlineUrl: m.onlineUrl,
    status: m.status,
    cancelReason: m.cancelReason,
    cancelledAt: m.cancelledAt ? m.cancelledAt.toISOString() : null,
    sequence: m.sequence,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export interface AttendeeResponse {
  contactId: number | null;
  fullName: string;
  replacesContactId: number | null;
  replacesName: string | null;
}

export function toAttendeeResponse(a: InvitationAttendee): AttendeeResponse {
  return {
    contactId: a.contactId,
    fullName: a.fullName,
    replacesContactId: a.replacesContactId,
    replacesName: a.replacesName,
  };
}

export interface InvitationResponse {
  id: number;
  partnerId: number;
  partnerName: string;
  invited: boolean;
  answer: string | null;
  answeredAt: string | null;
  answerNote: string | null;
  /** Who said they will come. */
  expected: AttendeeResponse[];
  attendance: string | null;
  /** Who came. */
  present: AttendeeResponse[];
}

export function toInvitationResponse(
  i: Invitation,
  partnerName: string,
  attendees: InvitationAttendee[],
): InvitationResponse {
  return {
    id: i.id,
    partnerId: i.partnerId,
    partnerName,
    invited: i.invited,
    answer: i.answer,
    answeredAt: i.answeredAt ? i.answeredAt.toISOString() : null,
    answerNote: i.answerNote,
    expected: attendees.filter((a) => a.phase === 'answer').map(toAttendeeResponse),
    attendance: i.attendance,
    present: attendees.filter((a) => a.phase === 'attendance').map(toAttendeeResponse),
  };
}

export interface InvitationCounts {
  invited: number;
  coming: number;
  excused: number;
  notComing: number;
  noAnswer: number;
  /** People announced by the partners that answered "coming". */
  expectedPeople: number;
  present: number;
  absent: number;
  attendanceExcused: number;
  /** Partners present without an invitation. */
  uninvitedPresent: number;
}

export function countInvitations(items: InvitationResponse[]): InvitationCounts {
  const invited = items.filter((i) => i.invited);
  return {
    invited: invited.length,
    coming: invited.filter((i) => i.answer === 'coming').length,
    excused: invited.filter((i) => i.answer === 'excused').length,
    notComing: invited.filter((i) => i.answer === 'not-coming').length,
    noAnswer: invited.filter((i) => i.answer === null).length,
    expectedPeople: invited
      .filter((i) => i.answer === 'coming')
      .reduce((sum, i) => sum + i.expected.length, 0),
    present: items.filter((i) => i.attendance === 'present').length,
    absent: items.filter((i) => i.attendance === 'absent').length,
    attendanceExcused: items.filter((i) => i.attendance === 'excused').length,
    uninvitedPresent: items.filter((i) => !i.invited && i.attendance === 'present').length,
  };
}

export interface AgendaItemResponse {
  id: number;
  meetingId: number;
  position: number;
  title: string;
  kind: string;
  presenterContactId: number | null;
  presenterName: string | null;
  presenterPartnerName: string | null;
  plannedMinutes: number | null;
  summary: string | null;
  decisions: string | null;
}

export function toAgendaItemResponse(item: AgendaItem): AgendaItemResponse {
  return {
    id: item.id,
    meetingId: item.meetingId,
    position: item.position,
    title: item.title,
    kind: item.kind,
    presenterContactId: item.presenterContactId,
    presenterName: item.presenterContact?.fullName ?? null,
    presenterPartnerName: item.presenterContact?.partner?.name ?? null,
    plannedMinutes: item.plannedMinutes,
    summary: item.summary,
    decisions: item.decisions,
  };
}
