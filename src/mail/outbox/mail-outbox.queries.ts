import type { EntityManager, ObjectLiteral } from 'typeorm';
import { insertReturningId, sql, sqlChanges } from '../../database/sql';
import type { MailContent } from './mail-body.entity';
import { OutboxMessage, type OutboxStatus } from './outbox-message.entity';

/**
 * The outbox's SQL: the statements MailOutbox (enqueueing, progress, cancelling) and
 * MailDispatcher (claiming, finishing, releasing) run on `mail_outbox` and `mail_bodies`. The
 * services hold the rules; each function here is one statement in the caller's manager.
 */

// ---- enqueueing ------------------------------------------------------------------------------

/**
 * Inserts rows, skipping any whose idempotency key is already there (ON CONFLICT DO NOTHING: a
 * concurrent twin neither fails nor aborts the caller's transaction). With `returning`
 * (PostgreSQL), the raw result lists the inserted ids: none when a twin came first.
 */
export function insertIgnoringTwins(
  manager: EntityManager,
  rows: Partial<OutboxMessage>[],
  returning = false,
): Promise<{ raw: unknown }> {
  const insert = manager
    .getRepository(OutboxMessage)
    .createQueryBuilder()
    .insert()
    .into(OutboxMessage)
    .values(rows)
    .orIgnore()
    .updateEntity(false);
  return (returning ? insert.returning('id') : insert).execute();
}

/** Stores a shared body; returns its id. */
export function insertSharedBody(
  manager: EntityManager,
  body: MailContent,
  now: Date,
): Promise<number> {
  return insertReturningId(
    manager,
    'INSERT INTO mail_bodies (html, text, created_at) VALUES (?, ?, ?)',
    [body.html, body.text, now],
  );
}

/** Stores an attachment shared by the messages of one sending; returns its id. */
export function insertSharedAttachment(
  manager: EntityManager,
  attachment: { filename: string; contentType: string; base64: string },
  now: Date,
): Promise<number> {
  return insertReturningId(
    manager,
    'INSERT INTO mail_attachments (filename, content_type, content, created_at) VALUES (?, ?, ?, ?)',
    [attachment.filename, attachment.contentType, attachment.base64, now],
  );
}

/** Drops a shared body no message references. */
export async function deleteUnusedBody(manager: EntityManager, bodyId: number): Promise<void> {
  await sql(
    manager,
    `DELETE FROM mail_bodies
      WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mail_outbox WHERE body_id = ?)`,
    [bodyId, bodyId],
  );
}

// ---- progress --------------------------------------------------------------------------------

/** Message counts by group and status, for these groups: one statement. */
export function countByGroupAndStatus(
  manager: EntityManager,
  groups: string[],
): Promise<{ groupRef: string; status: OutboxStatus; count: string | number }[]> {
  return manager
    .getRepository(OutboxMessage)
    .createQueryBuilder('m')
    .select('m.group_ref', 'groupRef')
    .addSelect('m.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .where('m.group_ref IN (:...groups)', { groups })
    .groupBy('m.group_ref')
    .addGroupBy('m.status')
    .getRawMany();
}

/** Message counts by status of one group: one statement. */
export function countByStatus(
  manager: EntityManager,
  group: string,
): Promise<{ status: OutboxStatus; count: string | number }[]> {
  return manager
    .getRepository(OutboxMessage)
    .createQueryBuilder('m')
    .select('m.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .where('m.group_ref = :group', { group })
    .groupBy('m.status')
    .getRawMany();
}

// ---- cancelling ------------------------------------------------------------------------------

/** Cancels the pending bulk messages of a contact. */
export async function cancelPendingBulkOf(
  manager: EntityManager,
  contactId: number,
  reason: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(OutboxMessage)
    .set({ status: 'cancelled', lastError: reason })
    .where('contact_id = :contactId AND bulk = :bulk AND status = :status', {
      contactId,
      bulk: true,
      status: 'pending',
    })
    .execute();
}

/** Cancels the pending messages of a group. */
export async function cancelPendingOfGroup(
  manager: EntityManager,
  group: string,
  reason: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(OutboxMessage)
    .set({ status: 'cancelled', lastError: reason })
    .where('group_ref = :group AND status = :status', { group, status: 'pending' })
    .execute();
}

/** Records the pending messages of these groups as sent by `demo` when queued; returns how many. */
export async function markPendingAsDemoSent(
  manager: EntityManager,
  groups: string[],
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .update(OutboxMessage)
    .set({ status: 'sent', transport: 'demo', sentAt: () => 'created_at', lastError: null })
    .where('group_ref IN (:...groups) AND status = :status', { groups, status: 'pending' })
    .execute();
  return result.affected ?? 0;
}

// ---- dispatching -----------------------------------------------------------------------------

/**
 * Claims up to `limit` due messages (pending and due, or claimed before `stale`) for `token`, in
 * one statement, then reads them: on PostgreSQL the candidates are locked once in a materialized
 * CTE with FOR UPDATE SKIP LOCKED (an IN (subquery) may be rescanned by the planner, each rescan
 * skipping the rows already taken and taking more); on SQLite the UPDATE runs under the write lock.
 */
export async function claimDue(
  manager: EntityManager,
  claim: { token: string; now: Date; stale: Date; limit: number },
): Promise<OutboxMessage[]> {
  const postgres = manager.connection.options.type === 'postgres';
  const due = `(status = 'pending' AND next_attempt_at <= :now)
                  OR (status = 'sending' AND claimed_at < :stale)`;
  const set = `status = 'sending', claim_token = :token, claimed_at = :now, attempts = attempts + 1`;
  const statement = postgres
    ? `WITH candidates AS MATERIALIZED (
           SELECT id FROM mail_outbox WHERE ${due}
            ORDER BY bulk, id LIMIT :limit FOR UPDATE SKIP LOCKED)
         UPDATE mail_outbox SET ${set} FROM candidates WHERE mail_outbox.id = candidates.id`
    : `UPDATE mail_outbox SET ${set}
          WHERE id IN (SELECT id FROM mail_outbox WHERE ${due} ORDER BY bulk, id LIMIT :limit)`;
  await namedQuery(manager, statement, claim);
  return manager.getRepository(OutboxMessage).find({
    where: { claimToken: claim.token, status: 'sending' },
    order: { bulk: 'ASC', id: 'ASC' },
  });
}

/** What a send writes back: the outcome of a claimed message. */
export interface ClaimOutcome {
  status: 'sent' | 'pending' | 'failed';
  lastError: string | null;
  sentAt?: Date;
  transport?: OutboxMessage['transport'];
  nextAttemptAt?: Date;
}

/**
 * Writes a claimed message's outcome only if the claim is still `token`'s; true when it was. One
 * hand-written UPDATE (run once per message sent, without a transaction of its own: see
 * Transactions.runOne); the columns a given outcome leaves out keep their value.
 */
export async function finishClaimed(
  manager: EntityManager,
  id: number,
  token: string,
  outcome: ClaimOutcome,
): Promise<boolean> {
  const changed = await sqlChanges(
    manager,
    `UPDATE mail_outbox
        SET status = ?, last_error = ?, sent_at = COALESCE(?, sent_at),
            transport = COALESCE(?, transport), next_attempt_at = COALESCE(?, next_attempt_at),
            claim_token = NULL, claimed_at = NULL
      WHERE id = ? AND claim_token = ? AND status = 'sending'`,
    [
      outcome.status,
      outcome.lastError,
      outcome.sentAt ?? null,
      outcome.transport ?? null,
      outcome.nextAttemptAt ?? null,
      id,
      token,
    ],
  );
  return changed > 0;
}

/** Puts claimed messages back in the queue as if never claimed (attempts restored). */
export function releaseClaimed(
  manager: EntityManager,
  token: string,
  ids: number[],
): Promise<void> {
  return namedQuery(
    manager,
    `UPDATE mail_outbox
        SET status = 'pending', claim_token = NULL, claimed_at = NULL, attempts = attempts - 1
      WHERE claim_token = :token AND status = 'sending' AND id IN (:...ids)`,
    { token, ids },
  );
}

/** Named parameters, and dates written as the engine stores them. */
async function namedQuery(
  manager: EntityManager,
  statement: string,
  params: ObjectLiteral,
): Promise<void> {
  const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(
    statement,
    params,
    {},
  );
  await manager.query(query, parameters);
}
