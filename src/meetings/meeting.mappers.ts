import { isoTime } from '../database/raw-values';
import type { Meeting } from './meeting.entity';
import type { AgendaRow, InvitationRow, MeetingRow } from './meeting-read.queries';

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

/** The same answer from a raw row (the meeting record's read). */
export function meetingRowResponse(m: MeetingRow): MeetingResponse {
  return {
    id: m.id,
    title: m.title,
    kind: m.kind,
    description: m.description,
    startsAt: isoTime(m.starts_at)!,
    endsAt: isoTime(m.ends_at)!,
    venueName: m.venue_name,
    venueAddress: m.venue_address,
    latitude: m.latitude,
    longitude: m.longitude,
    onlineUrl: m.online_url,
    status: m.status,
    cancelReason: m.cancel_reason,
    cancelledAt: isoTime(m.cancelled_at),
    sequence: m.sequence,
    createdAt: isoTime(m.created_at)!,
    updatedAt: isoTime(m.updated_at)!,
  };
}

export interface AttendeeResponse {
  contactId: number | null;
  fullName: string;
  replacesContactId: number | null;
  replacesName: string | null;
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

/**
 * Invitations from rows ordered by invitation then attendee, one row per attendee (or one with a
 * null phase for an invitation without any): consecutive rows of one invitation are grouped.
 */
export function invitationRowsResponse(rows: InvitationRow[]): InvitationResponse[] {
  const items: InvitationResponse[] = [];
  let current: InvitationResponse | undefined;
  for (const row of rows) {
    if (current?.id !== row.id) {
      current = {
        id: row.id,
        partnerId: row.partner_id,
        partnerName: row.partner_name,
        invited: Boolean(row.invited),
        answer: row.answer,
        answeredAt: isoTime(row.answered_at),
        answerNote: row.answer_note,
        expected: [],
        attendance: row.attendance,
        present: [],
      };
      items.push(current);
    }
    if (row.phase === null) continue;
    const person: AttendeeResponse = {
      contactId: row.contact_id,
      fullName: row.full_name ?? '',
      replacesContactId: row.replaces_contact_id,
      replacesName: row.replaces_name,
    };
    if (row.phase === 'answer') current.expected.push(person);
    else if (row.phase === 'attendance') current.present.push(person);
  }
  return items;
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
  const counts: InvitationCounts = {
    invited: 0,
    coming: 0,
    excused: 0,
    notComing: 0,
    noAnswer: 0,
    expectedPeople: 0,
    present: 0,
    absent: 0,
    attendanceExcused: 0,
    uninvitedPresent: 0,
  };
  for (const i of items) {
    if (i.invited) {
      counts.invited += 1;
      if (i.answer === 'coming') {
        counts.coming += 1;
        counts.expectedPeople += i.expected.length;
      } else if (i.answer === 'excused') counts.excused += 1;
      else if (i.answer === 'not-coming') counts.notComing += 1;
      else if (i.answer === null) counts.noAnswer += 1;
    }
    if (i.attendance === 'present') {
      counts.present += 1;
      if (!i.invited) counts.uninvitedPresent += 1;
    } else if (i.attendance === 'absent') counts.absent += 1;
    else if (i.attendance === 'excused') counts.attendanceExcused += 1;
  }
  return counts;
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
  /** The theme presented there (themes feature), and the speaker booked to present it. */
  themeId: number | null;
  themeTitle: string | null;
  speakerId: number | null;
  speakerName: string | null;
  /** The speaker's organisation: a partner's name or the one typed for outsiders. */
  speakerOrganisation: string | null;
}

export function agendaRowResponse(row: AgendaRow): AgendaItemResponse {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    position: row.position,
    title: row.title,
    kind: row.kind,
    presenterContactId: row.presenter_contact_id,
    presenterName: row.presenter_name,
    presenterPartnerName: row.presenter_partner_name,
    plannedMinutes: row.planned_minutes,
    summary: row.summary,
    decisions: row.decisions,
    themeId: row.theme_id,
    themeTitle: row.theme_title,
    speakerId: row.speaker_id,
    speakerName: row.speaker_name,
    speakerOrganisation: row.speaker_organisation,
  };
}
