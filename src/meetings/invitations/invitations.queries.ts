import type { EntityManager } from 'typeorm';
import { Invitation } from './invitation.entity';
import { InvitationAttendee } from '../attendance/invitation-attendee.entity';
import { Meeting } from '../meeting.entity';
import type { Answer } from '../meeting-kinds';

/**
 * The statements of invitations and their answers, each taking the caller's manager (most run
 * inside a transaction). The rules that use them live in InvitationsService.
 */

/** The partners that already have a row (invited or walk-in) for the meeting. */
export async function partnerIdsWithInvitation(
  manager: EntityManager,
  meetingId: number,
): Promise<Set<number>> {
  const rows = await manager
    .getRepository(Invitation)
    .find({ select: { partnerId: true }, where: { meetingId } });
  return new Set(rows.map((i) => i.partnerId));
}

/** The partners invited to the meeting (walk-ins left out), as rows of their id. */
export function invitedPartnerRows(
  manager: EntityManager,
  meetingId: number,
): Promise<Pick<Invitation, 'partnerId'>[]> {
  return manager
    .getRepository(Invitation)
    .find({ select: { partnerId: true }, where: { meetingId, invited: true } });
}

/** Inserts invitation rows (one multi-row INSERT) and returns their ids, in the same order. */
export async function insertInvitations(
  manager: EntityManager,
  rows: Pick<Invitation, 'meetingId' | 'partnerId' | 'invited' | 'tokenHash' | 'tokenIssuedAt'>[],
): Promise<number[]> {
  const result = await manager.getRepository(Invitation).insert(rows);
  return result.identifiers.map((identifier) => (identifier as { id: number }).id);
}

/** An invitation by id (of that meeting, when given), or null. */
export function findInvitation(
  manager: EntityManager,
  id: number,
  meetingId?: number,
): Promise<Invitation | null> {
  return manager
    .getRepository(Invitation)
    .findOneBy(meetingId === undefined ? { id } : { id, meetingId });
}

/** Stores a new answer link's hash (the previous link stops working). */
export async function storeAnswerLink(
  manager: EntityManager,
  id: number,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await manager.getRepository(Invitation).update({ id }, { tokenHash, tokenIssuedAt: at });
}

/** The invitation whose link has this hash, its row locked on PostgreSQL when asked. */
export function invitationByTokenHash(
  manager: EntityManager,
  hash: string,
  lock: boolean,
): Promise<Invitation | null> {
  const query = manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .where('i.tokenHash = :hash', { hash });
  if (lock && manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  return query.getOne();
}

/** The partner's sent invitation, its row locked on PostgreSQL; null when not the partner's. */
export function lockedInvitationOfPartner(
  manager: EntityManager,
  invitationId: number,
  partnerId: number,
): Promise<Invitation | null> {
  const query = manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .where('i.id = :invitationId AND i.partnerId = :partnerId AND i.invited = :invited', {
      invitationId,
      partnerId,
      invited: true,
    });
  if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  return query.getOne();
}

/** The meeting of an invitation (it exists: the foreign key holds it). */
export function meetingOfInvitation(
  manager: EntityManager,
  invitation: Pick<Invitation, 'meetingId'>,
): Promise<Meeting> {
  return manager.getRepository(Meeting).findOneByOrFail({ id: invitation.meetingId });
}

/** The invitation as stored now (after an update in the same transaction). */
export function reloadInvitation(manager: EntityManager, id: number): Promise<Invitation> {
  return manager.getRepository(Invitation).findOneByOrFail({ id });
}

/** Stores the partner's answer on the invitation. */
export async function storeAnswer(
  manager: EntityManager,
  id: number,
  answer: { answer: Answer; answeredAt: Date; answerNote: string | null },
): Promise<void> {
  await manager.getRepository(Invitation).update({ id }, answer);
}

/** The people announced with the answer, in the order given. */
export function answerAttendees(
  manager: EntityManager,
  invitationId: number,
): Promise<InvitationAttendee[]> {
  return manager
    .getRepository(InvitationAttendee)
    .find({ where: { invitationId, phase: 'answer' }, order: { id: 'ASC' } });
}

/** Replaces the people announced with the answer: one DELETE, one INSERT when there are any. */
export async function replaceAnswerAttendees(
  manager: EntityManager,
  invitationId: number,
  rows: Partial<InvitationAttendee>[],
): Promise<void> {
  const attendees = manager.getRepository(InvitationAttendee);
  await attendees.delete({ invitationId, phase: 'answer' });
  if (rows.length) await attendees.insert(rows);
}
