import type { EntityManager } from 'typeorm';
import { Invitation } from '../invitations/invitation.entity';
import { Meeting } from '../meeting.entity';

/** The statements of the staff pages' read models; MeetingOverviewService shapes what they read. */

/** How many invited partners gave each answer (null: none yet), per meeting: one grouped statement. */
export function answerCountRows(
  manager: EntityManager,
  meetingIds: number[],
): Promise<{ meeting_id: number | string; answer: string | null; n: number | string }[]> {
  return manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .select('i.meetingId', 'meeting_id')
    .addSelect('i.answer', 'answer')
    .addSelect('COUNT(*)', 'n')
    .where('i.meetingId IN (:...meetingIds)', { meetingIds })
    .andWhere('i.invited = :invited', { invited: true })
    .groupBy('i.meetingId')
    .addGroupBy('i.answer')
    .getRawMany<{ meeting_id: number | string; answer: string | null; n: number | string }>();
}

/** Every meeting starting in [from, to), cancelled ones included, in order: one statement. */
export function meetingsStartingBetween(
  manager: EntityManager,
  from: Date,
  to: Date,
): Promise<Meeting[]> {
  return manager
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .where('m.startsAt >= :from', { from })
    .andWhere('m.startsAt < :to', { to })
    .orderBy('m.startsAt', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
}
