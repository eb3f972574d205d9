import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';

/**
 * The meeting figures of the staff dashboard and of the activity report: coming meetings and their
 * answers, the last meetings held and who attended them, the meetings of a period and their
 * attendance by kind of partner. Each method takes the caller's transaction manager when it reads inside
 * one.
 */

/** A coming meeting and its invitations' answers (see AttendanceFiguresQueries.upcomingMeetingsWithAnswers). */
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

/** One partner at one meeting (see AttendanceFiguresQueries.attendanceOfMeetings). */
export interface MeetingAttendanceRow {
  meetingId: number;
  partnerId: number;
  partnerName: string;
  invited: boolean;
  attendance: Invitation['attendance'];
}

/**
 * A person recorded present at a meeting (see AttendanceFiguresQueries.peopleRecordedPresent):
 * a contact of the partner, or a guest recorded by name (`contactId` null).
 */
export interface PersonRecordedPresent {
  attendeeId: number;
  contactId: number | null;
  fullName: string;
  /** The contact's job title today (a guest recorded by name has none). */
  jobTitle: string | null;
  partnerId: number;
  partnerName: string;
}

/** A meeting of a period (see AttendanceFiguresQueries.meetingsStartingBetween). */
export type MeetingOfPeriod = Pick<Meeting, 'id' | 'title' | 'kind' | 'status' | 'startsAt'>;

/**
 * Attendance figures: organisations invited, present (walk-ins included, counted apart too),
 * excused, absent, and the people recorded present.
 */
export interface AttendanceFigures {
  invited: number;
  present: number;
  /** Present without an invitation (counted in `present` too). */
  presentUninvited: number;
  excused: number;
  absent: number;
  people: number;
}

/** One held meeting's attendance by the partners of one kind (see attendanceByMeetingAndKind). */
export interface KindAttendanceRow extends AttendanceFigures {
  meetingId: number;
  partnerKind: string;
}

@Injectable()
export class AttendanceFiguresQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
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

  /**
   * The people recorded on a meeting's attendance (phase `attendance`) for the partners marked
   * present, in no particular order (callers sort them in the site's language). People only
   * announced in an answer are not among them: they were expected, not seen. One statement.
   */
  async peopleRecordedPresent(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<PersonRecordedPresent[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT a.id AS attendee_id, a.contact_id, a.full_name, c.job_title,
              p.id AS partner_id, p.name AS partner_name
         FROM invitations i
         JOIN partners p ON p.id = i.partner_id
         JOIN invitation_attendees a ON a.invitation_id = i.id AND a.phase = 'attendance'
         LEFT JOIN contacts c ON c.id = a.contact_id
        WHERE i.meeting_id = ? AND i.attendance = 'present'`,
      [meetingId],
    );
    return rows.map((row) => ({
      attendeeId: Number(row.attendee_id),
      contactId: row.contact_id === null ? null : Number(row.contact_id),
      fullName: row.full_name as string,
      jobTitle: (row.job_title as string | null) ?? null,
      partnerId: Number(row.partner_id),
      partnerName: row.partner_name as string,
    }));
  }

  /** Meetings starting in [start, end), whatever their status, soonest first: one statement. */
  async meetingsStartingBetween(
    start: Date,
    end: Date,
    manager?: EntityManager,
  ): Promise<MeetingOfPeriod[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT id, title, kind, status, starts_at FROM meetings
        WHERE starts_at >= ? AND starts_at < ?
        ORDER BY starts_at ASC, id ASC`,
      [start, end],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      title: row.title as string,
      kind: row.kind as Meeting['kind'],
      status: row.status as Meeting['status'],
      startsAt: rawDate(row.starts_at as string | Date)!,
    }));
  }

  /**
   * The attendance of the held (or closed) meetings starting in [start, end), per meeting and
   * kind of partner: one statement whatever the number of meetings, invitations and people (the
   * attendees' join repeats an invitation per person, hence the DISTINCT counts).
   */
  async attendanceByMeetingAndKind(
    start: Date,
    end: Date,
    manager?: EntityManager,
  ): Promise<KindAttendanceRow[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT i.meeting_id, p.kind,
              COUNT(DISTINCT CASE WHEN i.invited = ? THEN i.id END) AS invited,
              COUNT(DISTINCT CASE WHEN i.attendance = 'present' THEN i.id END) AS present,
              COUNT(DISTINCT CASE WHEN i.invited = ? AND i.attendance = 'present' THEN i.id END)
                AS present_uninvited,
              COUNT(DISTINCT CASE WHEN i.attendance = 'excused' THEN i.id END) AS excused,
              COUNT(DISTINCT CASE WHEN i.attendance = 'absent' THEN i.id END) AS absent,
              COUNT(CASE WHEN i.attendance = 'present' THEN a.id END) AS people
         FROM invitations i
         JOIN meetings m ON m.id = i.meeting_id
         JOIN partners p ON p.id = i.partner_id
         LEFT JOIN invitation_attendees a ON a.invitation_id = i.id AND a.phase = 'attendance'
        WHERE m.status IN ('held', 'closed') AND m.starts_at >= ? AND m.starts_at < ?
        GROUP BY i.meeting_id, p.kind`,
      [true, false, start, end],
    );
    return rows.map((row) => ({
      meetingId: Number(row.meeting_id),
      partnerKind: row.kind as string,
      invited: Number(row.invited),
      present: Number(row.present),
      presentUninvited: Number(row.present_uninvited),
      excused: Number(row.excused),
      absent: Number(row.absent),
      people: Number(row.people),
    }));
  }
}
