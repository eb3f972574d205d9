import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AgendaItem } from './agenda-item';
import { Invitation } from './invitation';
import { Meeting } from './meeting';
import { lockedMeeting } from './meeting-locks';

/**
 * Meetings, invitations, attendance and agenda items: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class MeetingsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
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
