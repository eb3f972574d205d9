import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import { Invitation } from './invitations/invitation.entity';
import { InvitationAttendee } from './attendance/invitation-attendee.entity';
import { Meeting } from './meeting.entity';
import { rawDate } from '../database/raw-values';
import { sql } from '../database/sql';
import type { AttendeePhase } from './attendance/invitation-attendee.entity';
import type { Answer, AttendanceStatus } from './meeting-kinds';
import { lockedMeeting } from './meeting-locks.queries';
import type { ContactActivity } from '../partners/contacts/retention/contact-activity.registry';

/**
 * Meetings and invitations (attendance included): what other contexts may read of this context's
 * tables. They never inject its repositories; each method takes the caller's transaction manager
 * when it reads inside one. Agenda items are read through AgendaQueries
 * (agenda/agenda-read.queries.ts), the dashboard's figures through AttendanceFiguresQueries
 * (attendance/attendance-figures.queries.ts).
 */

/** A meeting as the minutes and the newsletter show it. */

export type MeetingForDocuments = Pick<
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

/** An invitation in the minutes: its partner's name, its answer and attendance, who came. */

export interface InvitationForMinutes {
  partnerId: number;
  partner: { name: string };
  attendance: AttendanceStatus | null;
  answer: Answer | null;
  attendees: { phase: AttendeePhase; fullName: string; replacesName: string | null }[];
}

const DOCUMENT_MEETING_COLUMNS =
  'id, title, kind, status, starts_at, ends_at, venue_name, venue_address, online_url';

@Injectable()
export class MeetingsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- meetings -----------------------------------------------------------------------------

  /** A meeting by id (cancelled and closed ones included), or null. One statement. */
  meetingById(id: number, manager?: EntityManager): Promise<Meeting | null> {
    return this.manager(manager).getRepository(Meeting).findOneBy({ id });
  }

  /** Whether a meeting with this id exists. One statement. */
  meetingExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Meeting).existsBy({ id });
  }

  /** The meetings among these ids (unknown ids left out), by start then id. One statement. */
  meetingsByIds(ids: readonly number[], manager?: EntityManager): Promise<Meeting[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Meeting)
      .find({ where: { id: In([...new Set(ids)]) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The meeting, its row locked on PostgreSQL for the caller's transaction (see lockedMeeting).
   * Unknown: NotFoundError('meeting').
   */
  lockedMeeting(id: number, manager: EntityManager): Promise<Meeting> {
    return lockedMeeting(manager, id);
  }

  /** The latest meetings (id, title, start), latest first, at most `limit`. One statement. */
  latestMeetings(
    limit: number,
    manager?: EntityManager,
  ): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt'>[]> {
    return this.manager(manager)
      .getRepository(Meeting)
      .find({
        select: { id: true, title: true, startsAt: true },
        order: { startsAt: 'DESC', id: 'DESC' },
        take: limit,
      });
  }

  /**
   * Planned meetings starting in [from, to], soonest first, at most `limit` (the newsletter's
   * upcoming meetings). One raw statement.
   */
  async plannedMeetingsStartingBetween(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt' | 'venueName' | 'venueAddress'>[]> {
    const rows = await sql(
      this.manager(),
      `SELECT id, title, starts_at, venue_name, venue_address FROM meetings
        WHERE status = 'planned' AND starts_at >= ? AND starts_at <= ?
        ORDER BY starts_at ASC, id ASC
        LIMIT ${Math.trunc(limit)}`,
      [from, to],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      title: row.title as string,
      startsAt: rawDate(row.starts_at as string | Date) as Date,
      venueName: (row.venue_name as string | null) ?? null,
      venueAddress: (row.venue_address as string | null) ?? null,
    }));
  }

  // ---- invitations and attendance -----------------------------------------------------------

  /** An invitation by id (walk-in rows, `invited: false`, included), or null. One statement. */
  invitationById(id: number, manager?: EntityManager): Promise<Invitation | null> {
    return this.manager(manager).getRepository(Invitation).findOneBy({ id });
  }

  /**
   * A meeting's invitations by id, walk-ins (present without an invitation, `invited: false`)
   * included: the answer and the attendance of each partner. One statement.
   */
  invitationsOfMeeting(meetingId: number, manager?: EntityManager): Promise<Invitation[]> {
    return this.manager(manager)
      .getRepository(Invitation)
      .find({ where: { meetingId }, order: { id: 'ASC' } });
  }

  /**
   * A partner's invitations (walk-ins included), each with its meeting, soonest meeting first.
   * One statement.
   */
  invitationsOfPartner(partnerId: number, manager?: EntityManager): Promise<Invitation[]> {
    return this.manager(manager)
      .getRepository(Invitation)
      .find({
        where: { partnerId },
        relations: { meeting: true },
        order: { meeting: { startsAt: 'ASC' }, id: 'ASC' },
      });
  }

  /** The partners invited to a meeting (walk-ins left out). One statement. */
  async invitedPartnerIds(meetingId: number, manager?: EntityManager): Promise<Set<number>> {
    const rows = await this.manager(manager)
      .getRepository(Invitation)
      .find({ select: { partnerId: true }, where: { meetingId, invited: true } });
    return new Set(rows.map((r) => r.partnerId));
  }

  /** Whether the partner was ever invited to (or present at) a meeting. One statement. */
  partnerHasInvitations(partnerId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Invitation).exists({ where: { partnerId } });
  }

  /**
   * The people of these invitations, by id: phase `answer` (announced by the partner) and
   * `attendance` (recorded as present). One statement.
   */
  attendeesOfInvitations(
    invitationIds: readonly number[],
    manager?: EntityManager,
  ): Promise<InvitationAttendee[]> {
    if (invitationIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(InvitationAttendee)
      .find({ where: { invitationId: In([...new Set(invitationIds)]) }, order: { id: 'ASC' } });
  }

  /**
   * The contacts recorded present at a meeting (attendance phase, a contact rather than a typed
   * name), by id, each once (the minutes' review round invites them). One statement.
   */
  async presentContactIds(meetingId: number, manager?: EntityManager): Promise<number[]> {
    const rows = await sql<{ contact_id: number | string }>(
      this.manager(manager),
      `SELECT DISTINCT a.contact_id
         FROM invitation_attendees a
         JOIN invitations i ON i.id = a.invitation_id
        WHERE i.meeting_id = ? AND a.phase = 'attendance' AND a.contact_id IS NOT NULL
        ORDER BY a.contact_id`,
      [meetingId],
    );
    return rows.map((row) => Number(row.contact_id));
  }

  /**
   * A partner's invitations (invited) to meetings not over at `now`, soonest first, with their
   * meeting, at most `limit` (the partner portal's home). One statement.
   */
  upcomingInvitationsOfPartner(partnerId: number, now: Date, limit: number): Promise<Invitation[]> {
    return this.manager()
      .getRepository(Invitation)
      .find({
        where: { partnerId, invited: true, meeting: { endsAt: MoreThan(now) } },
        relations: { meeting: true },
        order: { meeting: { startsAt: 'ASC' }, id: 'ASC' },
        take: limit,
      });
  }

  // ---- the documents' shape (minutes, newsletter) -----------------------------------------
  // Raw statements, the same on both engines: the minutes draft is read on every edit, and
  // building queries and hydrating entities cost more than the statements themselves.

  /** The meeting as the minutes show it, or null when there is none. One statement. */
  async meetingForMinutes(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<MeetingForDocuments | null> {
    const [row] = await sql(
      this.manager(manager),
      `SELECT ${DOCUMENT_MEETING_COLUMNS} FROM meetings WHERE id = ?`,
      [meetingId],
    );
    return row ? this.documentMeetingOf(row) : null;
  }

  /**
   * The next meeting of a kind after a time (not cancelled), the minutes' "next meeting".
   * One statement.
   */
  async nextMeetingOfKind(
    kind: Meeting['kind'],
    after: Date,
    manager?: EntityManager,
  ): Promise<MeetingForDocuments | null> {
    const [row] = await sql(
      this.manager(manager),
      `SELECT ${DOCUMENT_MEETING_COLUMNS} FROM meetings
        WHERE kind = ? AND starts_at > ? AND status != 'cancelled'
        ORDER BY starts_at ASC, id ASC LIMIT 1`,
      [kind, after],
    );
    return row ? this.documentMeetingOf(row) : null;
  }

  /**
   * When the previous meeting of a kind before a time (not cancelled) started, or null: the
   * minutes review the follow-ups recorded since. One statement.
   */
  async previousMeetingStartOfKind(
    kind: Meeting['kind'],
    before: Date,
    manager?: EntityManager,
  ): Promise<Date | null> {
    const [row] = await sql<{ starts_at: string | Date }>(
      this.manager(manager),
      `SELECT starts_at FROM meetings
        WHERE kind = ? AND starts_at < ? AND status != 'cancelled'
        ORDER BY starts_at DESC, id DESC LIMIT 1`,
      [kind, before],
    );
    return row ? rawDate(row.starts_at) : null;
  }

  /**
   * The meeting's invitations with their partner's name and their attendees, by partner name:
   * one statement whatever their number (LEFT JOIN, one row per attendee or one without any).
   */
  async invitationsForMinutes(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<InvitationForMinutes[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT i.id, i.partner_id, p.name AS partner_name, i.attendance, i.answer,
              a.id AS attendee_id, a.phase, a.full_name, a.replaces_name
         FROM invitations i
         JOIN partners p ON p.id = i.partner_id
         LEFT JOIN invitation_attendees a ON a.invitation_id = i.id
        WHERE i.meeting_id = ?
        ORDER BY p.name_key ASC, i.id ASC, a.id ASC`,
      [meetingId],
    );
    const byId = new Map<unknown, InvitationForMinutes>();
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
          phase: row.phase as AttendeePhase,
          fullName: row.full_name as string,
          replacesName: row.replaces_name as string | null,
        });
    }
    return [...byId.values()];
  }

  private documentMeetingOf(row: Record<string, unknown>): MeetingForDocuments {
    return {
      id: Number(row.id),
      title: row.title as string,
      kind: row.kind as Meeting['kind'],
      status: row.status as Meeting['status'],
      startsAt: rawDate(row.starts_at as string | Date)!,
      endsAt: rawDate(row.ends_at as string | Date)!,
      venueName: row.venue_name as string | null,
      venueAddress: row.venue_address as string | null,
      onlineUrl: row.online_url as string | null,
    };
  }

  // ---- contacts' activity (the retention review, partners/contacts/retention) ----------------

  /**
   * For each contact, the latest answer naming it (the invitation's answer date), the latest
   * meeting it attended and the latest meeting where it presents an agenda item (cancelled
   * meetings left out): one grouped statement, at most three rows per contact.
   */
  async contactActivity(manager?: EntityManager): Promise<ContactActivity[]> {
    const rows = await sql<{ contact_id: number; kind: string; at: string | Date }>(
      this.manager(manager),
      `SELECT contact_id, kind, MAX(at) AS at FROM (
         SELECT a.contact_id, 'answer' AS kind, i.answered_at AS at
           FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id
          WHERE a.phase = 'answer' AND a.contact_id IS NOT NULL AND i.answered_at IS NOT NULL
         UNION ALL
         SELECT a.contact_id, 'attendance' AS kind, m.starts_at AS at
           FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id
           JOIN meetings m ON m.id = i.meeting_id
          WHERE a.phase = 'attendance' AND a.contact_id IS NOT NULL
         UNION ALL
         SELECT g.presenter_contact_id AS contact_id, 'presented' AS kind, m.starts_at AS at
           FROM agenda_items g JOIN meetings m ON m.id = g.meeting_id
          WHERE g.presenter_contact_id IS NOT NULL AND m.status <> 'cancelled'
       ) x GROUP BY contact_id, kind`,
      [],
    );
    return rows.map((row) => ({
      contactId: Number(row.contact_id),
      kind: row.kind,
      at: rawDate(row.at) as Date,
    }));
  }
}
