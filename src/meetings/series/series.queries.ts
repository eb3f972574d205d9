import { In, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/domain-errors';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';
import { MeetingSeries } from './meeting-series.entity';

/** The statements of meeting series; the rules live in MeetingSeriesService. */

/** The series, locked on PostgreSQL when `lock` (edits of one series queue behind each other). */
export async function seriesById(
  manager: EntityManager,
  id: number,
  lock = false,
): Promise<MeetingSeries> {
  const query = manager
    .getRepository(MeetingSeries)
    .createQueryBuilder('s')
    .where('s.id = :id', { id });
  if (lock && manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  const series = await query.getOne();
  if (!series) throw new NotFoundError('meetingSeries', id);
  return series;
}

/** Several series by id (the calendar feed). */
export function seriesByIds(manager: EntityManager, ids: number[]): Promise<MeetingSeries[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return manager.getRepository(MeetingSeries).findBy({ id: In(ids) });
}

/** Every occurrence of the series, by its day in the rule. */
export function occurrencesOf(manager: EntityManager, seriesId: number): Promise<Meeting[]> {
  return manager
    .getRepository(Meeting)
    .find({ where: { seriesId }, order: { occurrenceDate: 'ASC', id: 'ASC' } });
}

/** The series of a meeting, and where the meeting stands in it ("1 sur 12"): one statement. */
export async function seriesPlaceOfMeeting(
  manager: EntityManager,
  meetingId: number,
): Promise<{ id: number; title: string; position: number; total: number } | null> {
  const rows: Array<{
    id: number;
    title: string;
    position: string | number;
    total: string | number;
  }> = await manager.query(
    `SELECT s.id, s.title,
              (SELECT COUNT(*) FROM meetings o WHERE o.series_id = m.series_id
                  AND o.occurrence_date <= m.occurrence_date) AS position,
              (SELECT COUNT(*) FROM meetings o WHERE o.series_id = m.series_id) AS total
         FROM meetings m JOIN meeting_series s ON s.id = m.series_id
        WHERE m.id = ${manager.connection.options.type === 'postgres' ? '$1' : '?'}`,
    [meetingId],
  );
  if (rows.length === 0) return null;
  const [row] = rows;
  return { id: row.id, title: row.title, position: Number(row.position), total: Number(row.total) };
}

/** The invitations (sent, not walk-ins) of these meetings: to EXDATE the others in a partner's calendar. */
export function invitationsOfMeetings(
  manager: EntityManager,
  meetingIds: number[],
): Promise<Pick<Invitation, 'id' | 'meetingId' | 'partnerId'>[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return manager.getRepository(Invitation).find({
    select: { id: true, meetingId: true, partnerId: true },
    where: { meetingId: In(meetingIds), invited: true },
  });
}

/** The partner's invitation rows of these meetings, whole, locked on PostgreSQL (answers). */
export async function invitationsOfPartner(
  manager: EntityManager,
  meetingIds: number[],
  partnerId: number,
): Promise<Invitation[]> {
  if (meetingIds.length === 0) return [];
  const query = manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .where(
      'i.meeting_id IN (:...meetingIds) AND i.partner_id = :partnerId AND i.invited = :invited',
      {
        meetingIds,
        partnerId,
        invited: true,
      },
    );
  if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  return query.getMany();
}

/**
 * The partner's invitations to the series' coming occurrences (planned, starting after `now`),
 * locked on PostgreSQL, each with its meeting: what an answer "for the whole series" changes.
 */
export async function comingInvitationsOfPartner(
  manager: EntityManager,
  seriesId: number,
  partnerId: number,
  now: Date,
): Promise<Array<{ invitation: Invitation; meeting: Meeting }>> {
  const coming = (await occurrencesOf(manager, seriesId)).filter(
    (m) => m.status === 'planned' && m.startsAt > now,
  );
  const byId = new Map(coming.map((m) => [m.id, m]));
  const invitations = await invitationsOfPartner(manager, [...byId.keys()], partnerId);
  return invitations.map((invitation) => ({
    invitation,
    meeting: byId.get(invitation.meetingId)!,
  }));
}
