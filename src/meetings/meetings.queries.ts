import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, Between, MoreThan, IsNull, Not } from 'typeorm';
import { AgendaItem } from './agenda/agenda-item.entity';
import { Invitation } from './invitations/invitation.entity';
import { InvitationAttendee } from './attendance/invitation-attendee.entity';
import { Meeting } from './meeting.entity';
import { rawDate } from '../database/raw-values';
import { sql } from '../database/sql';
import type { AttendeePhase } from './attendance/invitation-attendee.entity';
import type { Answer, AttendanceStatus } from './meeting-kinds';
import { lockedMeeting } from './meeting-locks';

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

/** Speakers' costs of one theme (see MeetingsQueries.speakerCostsByTheme), as the database returns them. */
export interface SpeakerCostsRow {
  themeId: number | null;
  title: string | null;
  interventions: string | number;
  feeCents: string | number | null;
  travelCents: string | number | null;
  unknownTravel: string | number | null;
}

/** A coming meeting and its invitations' answers (see MeetingsQueries.upcomingMeetingsWithAnswers). */
export interface UpcomingMeetingAnswers {
  id: number;
  title: string;
  startsAt: Date;
  status: Meeting['status'];
  invited: number;
  coming: number;
  excused: number;
  notComing: number;
  noAnswer: number;
}

/** One partner at one meeting (see MeetingsQueries.attendanceOfMeetings). */
export interface MeetingAttendanceRow {
  meetingId: number;
  partnerId: number;
  partnerName: string;
  invited: boolean;
  attendance: Invitation['attendance'];
}

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

  // --- themes and dashboard (themes, speaker booking and costs, the staff dashboard) ---

  /**
   * The meeting, its row locked on PostgreSQL for the caller's transaction (see lockedMeeting),
   * for the themes feature booking speakers on its agenda. Unknown: NotFoundError('meeting').
   */
  lockedMeetingForThemes(id: number, manager: EntityManager): Promise<Meeting> {
    return lockedMeeting(manager, id);
  }

  /** An agenda item with its meeting (null when unknown), for scheduling a theme on it. */
  agendaItemWithMeetingForThemes(id: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { id }, relations: { meeting: true } });
  }

  /** The distinct themes planned on a meeting's agenda (for its cancellation). */
  async themeIdsOnAgendaOf(meetingId: number, manager?: EntityManager): Promise<number[]> {
    const rows = await this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .select('DISTINCT item.themeId', 'id')
      .where('item.meetingId = :meetingId', { meetingId })
      .andWhere('item.themeId IS NOT NULL')
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /** Whether a theme is still planned: on an item not yet presented, of a meeting not cancelled. */
  themeStillPlanned(themeId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .innerJoin('item.meeting', 'meeting')
      .where('item.themeId = :id', { id: themeId })
      .andWhere('item.themePresentedAt IS NULL')
      .andWhere('meeting.status <> :cancelled', { cancelled: 'cancelled' })
      .getExists();
  }

  /**
   * Agenda items presenting a theme (one item by id, or every item of a theme), with their
   * meeting, speaker and presenting contact, newest meeting first.
   */
  themeAgendaItems(
    where: { id: number } | { themeId: number },
    manager?: EntityManager,
  ): Promise<AgendaItem[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .find({
        where: { ...where, themeId: 'themeId' in where ? where.themeId : Not(IsNull()) },
        relations: { meeting: true, speaker: true, presenterContact: true },
        order: { meeting: { startsAt: 'DESC' }, position: 'ASC' },
      });
  }

  /** The first agenda item a speaker presents at a meeting (null: not booked there). */
  firstAgendaItemOfSpeaker(
    meetingId: number,
    speakerId: number,
    manager?: EntityManager,
  ): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { meetingId, speakerId }, order: { position: 'ASC' } });
  }

  /** Every agenda item a speaker presents at a meeting. */
  agendaItemsOfSpeaker(
    meetingId: number,
    speakerId: number,
    manager?: EntityManager,
  ): Promise<AgendaItem[]> {
    return this.manager(manager).getRepository(AgendaItem).findBy({ meetingId, speakerId });
  }

  /**
   * Speakers' costs fixed on agenda items, for meetings (not cancelled) starting in [start, end),
   * by theme (themeId null: items without a theme): one query, raw sums (strings on PostgreSQL).
   */
  speakerCostsByTheme(start: Date, end: Date, manager?: EntityManager): Promise<SpeakerCostsRow[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .innerJoin('item.meeting', 'meeting')
      .leftJoin('item.theme', 'theme')
      .select('item.theme_id', 'themeId')
      .addSelect('theme.title', 'title')
      .addSelect('COUNT(*)', 'interventions')
      .addSelect('SUM(item.speaker_fee_cents)', 'feeCents')
      .addSelect('SUM(item.speaker_travel_cents)', 'travelCents')
      .addSelect(
        'SUM(CASE WHEN item.speaker_travel_cents IS NULL THEN 1 ELSE 0 END)',
        'unknownTravel',
      )
      .where('item.speaker_id IS NOT NULL')
      .andWhere('meeting.status <> :cancelled', { cancelled: 'cancelled' })
      .andWhere('meeting.starts_at >= :start', { start })
      .andWhere('meeting.starts_at < :end', { end })
      .groupBy('item.theme_id')
      .addGroupBy('theme.title')
      .getRawMany<SpeakerCostsRow>();
  }

  /**
   * The next meetings (not cancelled, not over at `now`), soonest first, at most `limit`, with
   * how many there are in all and each one's answers to its invitations: three queries.
   */
  async upcomingMeetingsWithAnswers(
    now: Date,
    limit: number,
    manager?: EntityManager,
  ): Promise<{ total: number; items: UpcomingMeetingAnswers[] }> {
    const em = this.manager(manager);
    const [meetings, total] = await em
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where('m.endsAt > :now', { now })
      .andWhere("m.status <> 'cancelled'")
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .take(limit)
      .getManyAndCount();
    const ids = meetings.map((m) => m.id);
    const rows = ids.length
      ? await em
          .getRepository(Invitation)
          .createQueryBuilder('i')
          .select('i.meetingId', 'meetingId')
          .addSelect('SUM(CASE WHEN i.invited = :yes THEN 1 ELSE 0 END)', 'invited')
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'coming' THEN 1 ELSE 0 END)",
            'coming',
          )
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'excused' THEN 1 ELSE 0 END)",
            'excused',
          )
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'not-coming' THEN 1 ELSE 0 END)",
            'notComing',
          )
          .addSelect(
            'SUM(CASE WHEN i.invited = :yes AND i.answer IS NULL THEN 1 ELSE 0 END)',
            'noAnswer',
          )
          .where({ meetingId: In(ids) })
          .setParameter('yes', true)
          .groupBy('i.meetingId')
          .getRawMany<Record<string, unknown>>()
      : [];
    const byMeeting = new Map(rows.map((r) => [Number(r.meetingId), r]));
    const n = (row: Record<string, unknown> | undefined, key: string) => Number(row?.[key] ?? 0);
    return {
      total,
      items: meetings.map((m) => {
        const row = byMeeting.get(m.id);
        return {
          id: m.id,
          title: m.title,
          startsAt: m.startsAt,
          status: m.status,
          invited: n(row, 'invited'),
          coming: n(row, 'coming'),
          excused: n(row, 'excused'),
          notComing: n(row, 'notComing'),
          noAnswer: n(row, 'noAnswer'),
        };
      }),
    };
  }

  /** The last `limit` meetings held (held or closed, started by `now`), newest first: one query. */
  async lastHeldMeetings(
    now: Date,
    limit: number,
    manager?: EntityManager,
  ): Promise<{ id: number; title: string; startsAt: Date }[]> {
    const meetings = await this.manager(manager)
      .getRepository(Meeting)
      .createQueryBuilder('m')
      .where("m.status IN ('held', 'closed')")
      .andWhere('m.startsAt <= :now', { now })
      .orderBy('m.startsAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(limit)
      .getMany();
    return meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt }));
  }

  /** Who was invited to and attended these meetings, with the partner's name: one query. */
  async attendanceOfMeetings(
    meetingIds: number[],
    manager?: EntityManager,
  ): Promise<MeetingAttendanceRow[]> {
    if (meetingIds.length === 0) return [];
    const invitations = await this.manager(manager)
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .innerJoin('i.partner', 'p')
      .select(['i.meetingId', 'i.partnerId', 'i.invited', 'i.attendance'])
      .addSelect(['p.id', 'p.name'])
      .where({ meetingId: In(meetingIds) })
      .getMany();
    return invitations.map((i) => ({
      meetingId: i.meetingId,
      partnerId: i.partnerId,
      partnerName: i.partner?.name ?? '',
      invited: i.invited,
      attendance: i.attendance,
    }));
  }
}
