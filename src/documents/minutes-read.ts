import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import { rawDate } from '../database/raw-values';
import { sql } from '../database/sql';
import type { Answer, AttendanceStatus } from '../meetings/meeting-kinds';
import type {
  MinutesAgendaItem,
  MinutesInvitation,
  MinutesMeeting,
  MinutesRecord,
} from './minutes.view-model';

/**
 * The meeting record of the minutes (draft preview and publication) read as raw rows, the same
 * statements on both engines: the draft preview is read on every edit, and building queries and
 * hydrating entities cost more than the statements themselves. Nine statements whatever the number
 * of partners, agenda items and follow-ups.
 */

/** Without a previous meeting, the follow-ups of this many days before the meeting are reviewed. */
const REVIEW_DAYS = 90;
const MAX_FOLLOW_UPS = 50;
const DAY = 86_400_000;

type Row = Record<string, unknown>;
type Time = string | Date;

const MEETING_COLUMNS =
  'id, title, kind, status, starts_at, ends_at, venue_name, venue_address, online_url';

function meetingOf(row: Row): MinutesMeeting {
  return {
    id: Number(row.id),
    title: row.title as string,
    kind: row.kind as MinutesMeeting['kind'],
    status: row.status as MinutesMeeting['status'],
    startsAt: rawDate(row.starts_at as Time)!,
    endsAt: rawDate(row.ends_at as Time)!,
    venueName: row.venue_name as string | null,
    venueAddress: row.venue_address as string | null,
    onlineUrl: row.online_url as string | null,
  };
}

/** Invitations with their attendees (LEFT JOIN: one row per attendee, or one without any). */
function invitationsOf(rows: Row[]): MinutesInvitation[] {
  const byId = new Map<
    unknown,
    MinutesInvitation & { attendees: NonNullable<MinutesInvitation['attendees']> }
  >();
  for (const row of rows) {
    let invitation = byId.get(row.id);
    if (!invitation) {
      invitation = {
        partnerId: Number(row.partner_id),
        partner: { name: row.partner_name as string },
        attendance: row.attendance as AttendanceStatus | null,
        answer: row.answer as Answer | null,
        attendees: [],
      };
      byId.set(row.id, invitation);
    }
    if (row.attendee_id !== null)
      invitation.attendees.push({
        phase: row.phase as 'answer' | 'attendance',
        fullName: row.full_name as string,
        replacesName: row.replaces_name as string | null,
      });
  }
  return [...byId.values()];
}

const named = (name: unknown) => (name === null ? null : { name: name as string });

function agendaItemOf(row: Row): MinutesAgendaItem {
  return {
    id: Number(row.id),
    position: Number(row.position),
    title: row.title as string,
    kind: row.kind as MinutesAgendaItem['kind'],
    summary: row.summary as string | null,
    decisions: row.decisions as string | null,
    presenterContact:
      row.contact_name === null
        ? null
        : { fullName: row.contact_name as string, partner: named(row.contact_partner) },
    speaker:
      row.speaker_name === null
        ? null
        : {
            name: row.speaker_name as string,
            organisationName: row.speaker_organisation as string | null,
            organisationPartner: named(row.speaker_partner),
          },
    theme: row.theme_title === null ? null : { title: row.theme_title as string },
  };
}

/** The meeting record of the minutes; NotFoundError when the meeting does not exist. */
export async function readMinutesRecord(
  manager: EntityManager,
  meetingId: number,
): Promise<MinutesRecord> {
  const [found] = await sql(manager, `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = ?`, [
    meetingId,
  ]);
  if (!found) throw new NotFoundError('meeting', meetingId);
  const meeting = meetingOf(found);
  const [invitations, agenda, drafts, next, projects, previous] = await Promise.all([
    sql(
      manager,
      `SELECT i.id, i.partner_id, p.name AS partner_name, i.attendance, i.answer,
              a.id AS attendee_id, a.phase, a.full_name, a.replaces_name
         FROM invitations i
         JOIN partners p ON p.id = i.partner_id
         LEFT JOIN invitation_attendees a ON a.invitation_id = i.id
        WHERE i.meeting_id = ?
        ORDER BY p.name ASC, i.id ASC, a.id ASC`,
      [meetingId],
    ),
    sql(
      manager,
      `SELECT a.id, a.position, a.title, a.kind, a.summary, a.decisions,
              c.full_name AS contact_name, cp.name AS contact_partner, s.name AS speaker_name,
              s.organisation_name AS speaker_organisation, sp.name AS speaker_partner,
              t.title AS theme_title
         FROM agenda_items a
         LEFT JOIN contacts c ON c.id = a.presenter_contact_id
         LEFT JOIN partners cp ON cp.id = c.partner_id
         LEFT JOIN speakers s ON s.id = a.speaker_id
         LEFT JOIN partners sp ON sp.id = s.organisation_partner_id
         LEFT JOIN themes t ON t.id = a.theme_id
        WHERE a.meeting_id = ?
        ORDER BY a.position ASC, a.id ASC`,
      [meetingId],
    ),
    sql(
      manager,
      'SELECT introduction, conclusion, item_overrides FROM minutes_drafts WHERE meeting_id = ?',
      [meetingId],
    ),
    sql(
      manager,
      `SELECT ${MEETING_COLUMNS} FROM meetings
        WHERE kind = ? AND starts_at > ? AND status != 'cancelled'
        ORDER BY starts_at ASC, id ASC LIMIT 1`,
      [meeting.kind, meeting.startsAt],
    ),
    sql(
      manager,
      `SELECT p.id, p.title, p.status, lead.name AS lead_name
         FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id
        WHERE p.origin_meeting_id = ?
        ORDER BY p.title ASC, p.id ASC`,
      [meetingId],
    ),
    sql<{ starts_at: Time }>(
      manager,
      `SELECT starts_at FROM meetings
        WHERE kind = ? AND starts_at < ? AND status != 'cancelled'
        ORDER BY starts_at DESC, id DESC LIMIT 1`,
      [meeting.kind, meeting.startsAt],
    ),
  ]);
  // Follow-ups reviewed: those recorded since the previous meeting of the same kind (or in the
  // last REVIEW_DAYS without one), up to this meeting.
  const since = previous.length
    ? rawDate(previous[0].starts_at)!
    : new Date(meeting.startsAt.getTime() - REVIEW_DAYS * DAY);
  // Each follow-up has one project and at most one lead: one row each, LIMIT counts follow-ups.
  const followUps = await sql(
    manager,
    `SELECT CAST(f.date AS TEXT) AS date, f.text, f.next_step, p.title AS project_title,
            lead.name AS lead_name
       FROM follow_ups f
       JOIN projects p ON p.id = f.project_id
       LEFT JOIN partners lead ON lead.id = p.lead_partner_id
      WHERE f.at > ? AND f.at <= ?
      ORDER BY f.at ASC, f.id ASC
      LIMIT ${MAX_FOLLOW_UPS}`,
    [since, meeting.startsAt],
  );
  const draft = drafts[0];
  return {
    meeting,
    invitations: invitationsOf(invitations),
    agendaItems: agenda.map(agendaItemOf),
    draft: draft
      ? {
          introduction: draft.introduction as string | null,
          conclusion: draft.conclusion as string | null,
          itemOverrides: JSON.parse(draft.item_overrides as string) as Record<string, never>,
        }
      : null,
    nextMeeting: next.length ? meetingOf(next[0]) : null,
    projects: projects.map((p) => ({
      id: Number(p.id),
      title: p.title as string,
      leadPartner: (p.lead_name as string | null) ?? null,
      status: p.status as string,
    })),
    followUps: followUps.map((f) => ({
      project: (f.project_title as string | null) ?? '',
      leadPartner: (f.lead_name as string | null) ?? null,
      date: f.date as string,
      note: f.text as string,
      nextStep: f.next_step as string | null,
    })),
  };
}
