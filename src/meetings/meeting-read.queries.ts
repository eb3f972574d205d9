import type { EntityManager } from 'typeorm';
import type { DatabaseEngine } from '../config/app-config';
import { placeholders } from '../database/raw-values';
import type { ListMeetingsQueryDto } from './list-meetings-query.dto';
import { Meeting } from './meeting.entity';

/**
 * The SQL of the meeting record (GET /api/meetings/:id and the pages built on it), written once
 * per engine and read as raw rows: no query building nor entity hydration on each request.
 */
export interface MeetingReadSql {
  meeting: string;
  /** Invitations with partner names and their attendees (LEFT JOIN): one row per attendee. */
  invitations: string;
  agenda: string;
}

export interface MeetingRow {
  id: number;
  title: string;
  kind: string;
  description: string | null;
  starts_at: string | Date;
  ends_at: string | Date;
  venue_name: string | null;
  venue_address: string | null;
  latitude: number | null;
  longitude: number | null;
  online_url: string | null;
  status: string;
  cancel_reason: string | null;
  cancelled_at: string | Date | null;
  sequence: number;
  created_at: string | Date;
  updated_at: string | Date;
  /** The series it is an occurrence of (the hub names it), or null. */
  series_id: number | null;
}

export interface InvitationRow {
  id: number;
  partner_id: number;
  partner_name: string;
  invited: boolean | number;
  answer: string | null;
  answered_at: string | Date | null;
  answer_note: string | null;
  attendance: string | null;
  /** Null when the invitation has no attendee (the LEFT JOIN found none). */
  phase: string | null;
  contact_id: number | null;
  full_name: string | null;
  replaces_contact_id: number | null;
  replaces_name: string | null;
}

export interface AgendaRow {
  id: number;
  meeting_id: number;
  position: number;
  title: string;
  kind: string;
  presenter_contact_id: number | null;
  presenter_name: string | null;
  presenter_partner_name: string | null;
  planned_minutes: number | null;
  summary: string | null;
  decisions: string | null;
  theme_id: number | null;
  theme_title: string | null;
  speaker_id: number | null;
  speaker_name: string | null;
  speaker_organisation: string | null;
}

export function meetingReadSql(engine: DatabaseEngine): MeetingReadSql {
  return {
    meeting: placeholders(
      engine,
      `SELECT m.id, m.title, m.kind, m.description, m.starts_at, m.ends_at, m.venue_name,
              m.venue_address, m.latitude, m.longitude, m.online_url, m.status, m.cancel_reason,
              m.cancelled_at, m.sequence, m.created_at, m.updated_at, m.series_id
         FROM meetings m
        WHERE m.id = ?`,
    ),
    invitations: placeholders(
      engine,
      `SELECT i.id, i.partner_id, p.name AS partner_name, i.invited, i.answer, i.answered_at,
              i.answer_note, i.attendance, a.phase, a.contact_id, a.full_name,
              a.replaces_contact_id, a.replaces_name
         FROM invitations i
         JOIN partners p ON p.id = i.partner_id
         LEFT JOIN invitation_attendees a ON a.invitation_id = i.id
        WHERE i.meeting_id = ?
        ORDER BY p.name_key ASC, i.id ASC, a.id ASC`,
    ),
    agenda: placeholders(
      engine,
      `SELECT a.id, a.meeting_id, a.position, a.title, a.kind, a.presenter_contact_id,
              c.full_name AS presenter_name, p.name AS presenter_partner_name, a.planned_minutes,
              a.summary, a.decisions, a.theme_id, t.title AS theme_title, a.speaker_id,
              s.name AS speaker_name, COALESCE(sp.name, s.organisation_name) AS speaker_organisation
         FROM agenda_items a
         LEFT JOIN contacts c ON c.id = a.presenter_contact_id
         LEFT JOIN partners p ON p.id = c.partner_id
         LEFT JOIN themes t ON t.id = a.theme_id
         LEFT JOIN speakers s ON s.id = a.speaker_id
         LEFT JOIN partners sp ON sp.id = s.organisation_partner_id
        WHERE a.meeting_id = ?
        ORDER BY a.position ASC, a.id ASC`,
    ),
  };
}

/**
 * One page of the meetings list (GET /api/meetings and the list page), filtered and ordered as
 * the query asks, with the total: two statements (the page, the count).
 */
export function meetingsPage(
  manager: EntityManager,
  query: ListMeetingsQueryDto,
  now: Date,
): Promise<[Meeting[], number]> {
  const qb = manager.getRepository(Meeting).createQueryBuilder('m');
  if (query.status) qb.andWhere('m.status = :status', { status: query.status });
  if (query.from) qb.andWhere('m.startsAt >= :from', { from: new Date(query.from) });
  if (query.to) qb.andWhere('m.startsAt < :to', { to: new Date(query.to) });
  if (query.toClose === true) {
    qb.andWhere('m.endsAt <= :now', { now }).andWhere('m.status IN (:...open)', {
      open: ['planned', 'held'],
    });
    qb.orderBy('m.startsAt', 'ASC');
  } else if (query.upcoming === true) {
    qb.andWhere('m.endsAt > :now', { now }).andWhere("m.status <> 'cancelled'");
    qb.orderBy('m.startsAt', 'ASC');
  } else if (query.upcoming === false) {
    qb.andWhere('m.endsAt <= :now', { now }).orderBy('m.startsAt', 'DESC');
  } else {
    qb.orderBy('m.startsAt', 'DESC');
  }
  qb.addOrderBy('m.id', 'ASC')
    .skip((query.page - 1) * query.pageSize)
    .take(query.pageSize);
  return qb.getManyAndCount();
}
