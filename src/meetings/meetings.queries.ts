import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, Between, MoreThan } from 'typeorm';
import { AgendaItem } from './agenda-item';
import { Invitation } from './invitation';
import { InvitationAttendee } from './invitation-attendee';
import { Meeting } from './meeting';
import { rawDate } from '../database/raw-values';
import { sql } from '../database/sql';
import type { AttendeePhase } from './invitation-attendee';
import type { Answer, AttendanceStatus } from './meeting-kinds';

/**
 * Meetings, invitations, attendance and agenda items: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
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

/** An agenda item in the minutes, with who presents it and its theme. */

export interface AgendaItemForMinutes extends Pick<
  AgendaItem,
  'id' | 'position' | 'title' | 'kind' | 'summary' | 'decisions'
> {
  presenterContact: { fullName: string; partner: { name: string } | null } | null;
  speaker: {
    name: string;
    organisationName: string | null;
    organisationPartner: { name: string } | null;
  } | null;
  theme: { title: string } | null;
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

  // ---- agenda items -------------------------------------------------------------------------

  /** An agenda item by id, or null. One statement. */
  agendaItemById(id: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager).getRepository(AgendaItem).findOneBy({ id });
  }

  /** A meeting's agenda items in their order (position 1..n). One statement. */
  agendaItemsOfMeeting(meetingId: number, manager?: EntityManager): Promise<AgendaItem[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
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

  // ---- Documents (minutes, newsletter) and portal ------------------------------------------
  // Raw statements, the same on both engines: the minutes draft is read on every edit, and
  // building queries and hydrating entities cost more than the statements themselves.

  /** Whether the meeting exists (minutes of an unknown meeting are "not found"). One statement. */
  meetingExistsForDocuments(meetingId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Meeting).existsBy({ id: meetingId });
  }

  /** Ids of the meeting's agenda items: those the minutes draft may reword. One statement. */
  async agendaItemIdsForMinutes(meetingId: number, manager?: EntityManager): Promise<number[]> {
    const items = await this.manager(manager)
      .getRepository(AgendaItem)
      .find({ where: { meetingId }, select: { id: true } });
    return items.map((item) => item.id);
  }

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
  async nextMeetingOfKindForMinutes(
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
  async previousMeetingStartForMinutes(
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
        ORDER BY p.name ASC, i.id ASC, a.id ASC`,
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

  /**
   * The meeting's agenda in order, each item with its presenting contact and their partner, its
   * speaker and their organisation, and its theme (the themes feature's columns). One statement.
   */
  async agendaForMinutes(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<AgendaItemForMinutes[]> {
    const rows = await sql(
      this.manager(manager),
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
    );
    const named = (name: unknown) => (name === null ? null : { name: name as string });
    return rows.map((row) => ({
      id: Number(row.id),
      position: Number(row.position),
      title: row.title as string,
      kind: row.kind as AgendaItem['kind'],
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
    }));
  }

  /**
   * Planned meetings starting in [from, to], soonest first, at most `limit` (the newsletter's
   * upcoming meetings). One statement.
   */
  plannedMeetingsForNewsletter(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt' | 'venueName' | 'venueAddress'>[]> {
    return this.manager()
      .getRepository(Meeting)
      .find({
        where: { status: 'planned', startsAt: Between(from, to) },
        order: { startsAt: 'ASC', id: 'ASC' },
        select: { id: true, title: true, startsAt: true, venueName: true, venueAddress: true },
        take: limit,
      });
  }

  /**
   * A partner's invitations (invited) to meetings not over at `now`, soonest first, with their
   * meeting, at most `limit` (the partner portal's home). One statement.
   */
  upcomingInvitationsOfPartnerForPortal(
    partnerId: number,
    now: Date,
    limit: number,
  ): Promise<Invitation[]> {
    return this.manager()
      .getRepository(Invitation)
      .find({
        where: { partnerId, invited: true, meeting: { endsAt: MoreThan(now) } },
        relations: { meeting: true },
        order: { meeting: { startsAt: 'ASC' }, id: 'ASC' },
        take: limit,
      });
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

  /** Projects: the agenda item a project comes from (its id and meeting), or null. */
  agendaItemForProjectOrigin(
    id: number,
    manager?: EntityManager,
  ): Promise<Pick<AgendaItem, 'id' | 'meetingId'> | null> {
    return this.manager(manager).getRepository(AgendaItem).findOne({ where: { id } });
  }

  /** Projects: whether the meeting a project comes from exists. */
  meetingExistsForProjectOrigin(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Meeting).exists({ where: { id } });
  }

  /** Projects: meetings a project may come from, latest first (bounded; the new project form). */
  projectOriginMeetingChoices(
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

  /** Agenda suggestions (projects): the meeting's "project review" agenda item, or null. */
  projectReviewAgendaItem(meetingId: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { meetingId, kind: 'project-review' } });
  }

  /**
   * Project dashboard: meetings at which projects were born, latest first, with how many were born
   * and launched there. Walks ix_meetings_starts_at and stops at `limit`; each count is a lookup on
   * ix_projects_origin_meeting (1 ms at L instead of 46 ms for grouping them all). One statement.
   */
  meetingsByProjectsBorn(
    limit: number,
    manager?: EntityManager,
  ): Promise<Record<string, string | number | Date | null>[]> {
    return this.manager(manager).query(
      `SELECT m.id AS id, m.title AS title, m.starts_at AS starts_at,
              (SELECT COUNT(*) FROM projects p WHERE p.origin_meeting_id = m.id) AS born,
              (SELECT COUNT(*) FROM projects p
                WHERE p.origin_meeting_id = m.id AND p.launched_at IS NOT NULL) AS launched,
              (SELECT COUNT(DISTINCT p.origin_meeting_id) FROM projects p) AS total
         FROM meetings m
        WHERE EXISTS (SELECT 1 FROM projects p WHERE p.origin_meeting_id = m.id)
        ORDER BY m.starts_at DESC, m.id DESC
        LIMIT ${Math.floor(limit)}`,
    );
  }
}
