import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import { Meeting } from './meeting.entity';

/**
 * Loads a meeting inside a unit of work, locking its row on PostgreSQL (SELECT ... FOR UPDATE) so
 * that concurrent changes of the same meeting (invite while cancelling...) queue behind each other.
 * SQLite needs no lock: Transactions.run already serializes every unit of work there.
 */
export async function lockedMeeting(manager: EntityManager, id: number): Promise<Meeting> {
  const query = manager.getRepository(Meeting).createQueryBuilder('m').where('m.id = :id', { id });
  if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  const meeting = await query.getOne();
  if (!meeting) throw new NotFoundError('meeting', id);
  return meeting;
}
