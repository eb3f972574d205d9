import type { EntityManager } from 'typeorm';
import { Between, In, IsNull } from 'typeorm';
import { sqlChanges } from '../../../database/sql';
import { MinutesReviewProposal } from './minutes-review-proposal.entity';
import { MinutesReviewReader } from './minutes-review-reader.entity';
import { MinutesReviewRound } from './minutes-review-round.entity';

/** The meeting's round still to be published (open or closed), the latest; null if none. */
export function currentRound(
  manager: EntityManager,
  meetingId: number,
): Promise<MinutesReviewRound | null> {
  return manager.getRepository(MinutesReviewRound).findOne({
    where: { meetingId, status: In(['open', 'closed']) },
    order: { id: 'DESC' },
  });
}

/** The meeting's latest round whatever its state (the portal shows a published one's outcome). */
export function latestRound(
  manager: EntityManager,
  meetingId: number,
): Promise<MinutesReviewRound | null> {
  return manager
    .getRepository(MinutesReviewRound)
    .findOne({ where: { meetingId }, order: { id: 'DESC' } });
}

export function readersOf(manager: EntityManager, roundId: number): Promise<MinutesReviewReader[]> {
  return manager
    .getRepository(MinutesReviewReader)
    .find({ where: { roundId }, order: { contactId: 'ASC' } });
}

export function proposalsOf(
  manager: EntityManager,
  roundId: number,
  contactId?: number,
): Promise<MinutesReviewProposal[]> {
  return manager.getRepository(MinutesReviewProposal).find({
    where: { roundId, ...(contactId !== undefined ? { contactId } : {}) },
    order: { paragraph: 'ASC', id: 'ASC' },
  });
}

/** Records a reader's first opening of the draft (later openings change nothing). */
export async function markOpened(
  manager: EntityManager,
  readerId: number,
  now: Date,
): Promise<void> {
  await manager
    .getRepository(MinutesReviewReader)
    .update({ id: readerId, openedAt: IsNull() }, { openedAt: now });
}

/**
 * Open rounds whose reminder is due: deadline within `withinMs` of `now`, not passed, no reminder
 * sent yet.
 */
export async function roundsToRemind(
  manager: EntityManager,
  now: Date,
  withinMs: number,
): Promise<MinutesReviewRound[]> {
  const rounds = await manager.getRepository(MinutesReviewRound).find({
    where: {
      status: 'open',
      reminderSentAt: IsNull(),
      deadline: Between(now, new Date(now.getTime() + withinMs)),
    },
    order: { id: 'ASC' },
  });
  return rounds.filter((r) => r.deadline.getTime() > now.getTime());
}

/**
 * Claims a round's reminder: one conditional update, so only one instance (or pass) wins and
 * sends it. True for the winner.
 */
export async function claimReminder(
  manager: EntityManager,
  roundId: number,
  now: Date,
): Promise<boolean> {
  const changed = await sqlChanges(
    manager,
    'UPDATE minutes_review_rounds SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL',
    [now, roundId],
  );
  return changed === 1;
}

/** The rounds not yet published that invited this contact, newest first (the portal's home). */
export function unpublishedRoundsOfContact(
  manager: EntityManager,
  contactId: number,
  limit: number,
): Promise<MinutesReviewRound[]> {
  return manager
    .getRepository(MinutesReviewRound)
    .createQueryBuilder('r')
    .innerJoin(MinutesReviewReader, 'x', 'x.round_id = r.id AND x.contact_id = :contactId', {
      contactId,
    })
    .where('r.status IN (:...statuses)', { statuses: ['open', 'closed'] })
    .orderBy('r.id', 'DESC')
    .take(limit)
    .getMany();
}
