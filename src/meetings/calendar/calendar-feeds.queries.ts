import type { EntityManager } from 'typeorm';
import { CalendarFeed } from './calendar-feed.entity';
import { Meeting } from '../meeting.entity';

/** The statements of the partners' calendar feeds; the rules live in CalendarService. */

/** Revokes the partner's live feed (if any) at `at`; how many were revoked. */
export async function revokeLiveFeeds(
  manager: EntityManager,
  partnerId: number,
  at: Date,
): Promise<number> {
  const result = await manager
    .getRepository(CalendarFeed)
    .createQueryBuilder()
    .update()
    .set({ revokedAt: at })
    .where('partner_id = :partnerId AND revoked_at IS NULL', { partnerId })
    .execute();
  return result.affected ?? 0;
}

/** Stores a new live feed of the partner (only the token's hash). */
export async function insertFeed(
  manager: EntityManager,
  partnerId: number,
  tokenHash: string,
  createdAt: Date,
): Promise<void> {
  await manager
    .getRepository(CalendarFeed)
    .insert({ partnerId, tokenHash, createdAt, revokedAt: null });
}

/** The feed whose token has this hash (revoked or not), or null. */
export function feedByTokenHash(
  manager: EntityManager,
  tokenHash: string,
): Promise<CalendarFeed | null> {
  return manager.getRepository(CalendarFeed).findOneBy({ tokenHash });
}

/** Every meeting the partner has an invitation row for (invited or walk-in), by start. */
export function meetingsOfPartner(manager: EntityManager, partnerId: number): Promise<Meeting[]> {
  return manager
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .innerJoin('m.invitations', 'i', 'i.partnerId = :partnerId', { partnerId })
    .orderBy('m.startsAt', 'ASC')
    .getMany();
}
