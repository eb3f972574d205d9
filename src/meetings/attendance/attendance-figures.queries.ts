import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { sql } from '../../database/sql';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';

/**
 * The staff dashboard's meeting figures: coming meetings and their answers, the last meetings held
 * and who attended them. Each method takes the caller's transaction manager when it reads inside
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
}
