import type { EntityManager } from 'typeorm';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';

/** The statements of closing a meeting; the rules live in MeetingClosingService. */

/** A meeting by id, or null. */
export function meetingToClose(manager: EntityManager, id: number): Promise<Meeting | null> {
  return manager.getRepository(Meeting).findOneBy({ id });
}

/** How many partners were invited to the meeting, and how many have their attendance recorded. */
export async function attendanceProgress(
  manager: EntityManager,
  meetingId: number,
): Promise<{ invited: number; recorded: number }> {
  const counts = await manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .select('SUM(CASE WHEN i.invited = :yes THEN 1 ELSE 0 END)', 'invited')
    .addSelect('SUM(CASE WHEN i.attendance IS NOT NULL THEN 1 ELSE 0 END)', 'recorded')
    .where('i.meetingId = :meetingId', { meetingId, yes: true })
    .getRawOne<{ invited: unknown; recorded: unknown }>();
  return { invited: Number(counts?.invited ?? 0), recorded: Number(counts?.recorded ?? 0) };
}

/** Marks the meeting closed, when and by whom. */
export async function markClosed(
  manager: EntityManager,
  meetingId: number,
  closedAt: Date,
  userId: number,
): Promise<void> {
  await manager
    .getRepository(Meeting)
    .update({ id: meetingId }, { status: 'closed', closedAt, closedByUserId: userId });
}

/** How many meetings have ended by `now` without being closed (nor cancelled): one statement. */
export function countMeetingsToClose(manager: EntityManager, now: Date): Promise<number> {
  return manager
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .where('m.endsAt <= :now', { now })
    .andWhere('m.status IN (:...open)', { open: ['planned', 'held'] })
    .getCount();
}
