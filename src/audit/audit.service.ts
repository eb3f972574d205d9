import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { insertRows, replaceTextIn, sql } from '../database/sql';
import { ERASED_CHANGES } from './audit-kinds';
import { AuditAction, AuditChanges, AuditEntry } from './audit-entry.entity';

/** A staff member as the audit trail records them: id and name (auth's User fits). */
export interface AuditUser {
  id: number;
  displayName: string;
}

/**
 * Who acts: a staff member (optionally through a channel such as "import de fichier", shown in the
 * label), or a named process ("CLI", "demo data", a partner's link).
 */
export type Actor = { user: AuditUser; via?: string } | { label: string };

export function actorOf(user: AuditUser | undefined, fallback = 'system'): Actor {
  return user ? { user } : { label: fallback };
}

/** The actor as the trail (and the consent history) names them: "Marie Dupont (import de fichier)". */
export function actorLabel(actor: Actor): string {
  if (!('user' in actor)) return actor.label;
  return actor.via ? `${actor.user.displayName} (${actor.via})` : actor.user.displayName;
}

export function actorUserId(actor: Actor): number | null {
  return 'user' in actor ? actor.user.id : null;
}

/** What an audit entry says about a record (who and when: the actor and the clock). */
export interface AuditRecord {
  entityType: string;
  entityId: string | number;
  action: AuditAction;
  changes?: AuditChanges;
}

/** Values as they are stored in the trail: dates as ISO strings, everything else as is. */
function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** The fields whose value differs between two snapshots of a record, with before and after. */
export function diff(before: object, after: object, fields?: string[]): AuditChanges {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes: AuditChanges = {};
  for (const field of fields ?? Object.keys(a)) {
    const was = plain(b[field]);
    const now = plain(a[field]);
    if (JSON.stringify(was) !== JSON.stringify(now))
      changes[field] = { before: was ?? null, after: now ?? null };
  }
  return changes;
}

/**
 * The audit trail. Entries are written with the caller's EntityManager, in the same transaction
 * as the change they describe: a change without its entry (or the reverse) cannot happen.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  record(manager: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    return this.recordMany(manager, actor, [entry]);
  }

  /**
   * Entries by the same actor in one multi-row INSERT per chunk, in their order (the CSV import's
   * creations: a few statements for a whole file). No save(): nothing to reload, and every write
   * of the app passes here.
   */
  async recordMany(manager: EntityManager, actor: Actor, entries: AuditRecord[]): Promise<void> {
    const at = this.clock.now();
    await insertRows(
      manager,
      'audit_entries',
      ['entity_type', 'entity_id', 'action', 'actor_user_id', 'actor_label', 'at', 'changes'],
      entries.map((entry) => [
        entry.entityType,
        String(entry.entityId),
        entry.action,
        actorUserId(actor),
        actorLabel(actor),
        at,
        JSON.stringify(entry.changes ?? {}),
      ]),
    );
  }

  /** The trail of one record, oldest first (in the caller's transaction when given its manager). */
  trailOf(
    entityType: string,
    entityId: string | number,
    manager?: EntityManager,
  ): Promise<AuditEntry[]> {
    const entries = manager ? manager.getRepository(AuditEntry) : this.entries;
    return entries.find({
      where: { entityType, entityId: String(entityId) },
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The right to erasure: the earlier entries about the record keep who, when and what action,
   * but their before/after values become a marker; the person's name and address are replaced
   * in every other entry's values and actor (an entry naming them elsewhere, or by them).
   */
  async scrubIn(
    manager: EntityManager,
    entityType: string,
    entityId: string | number,
    replacements: readonly [string, string][],
  ): Promise<void> {
    await sql(
      manager,
      `UPDATE audit_entries SET changes = ? WHERE entity_type = ? AND entity_id = ?`,
      [JSON.stringify(ERASED_CHANGES), entityType, String(entityId)],
    );
    await replaceTextIn(manager, 'audit_entries', ['changes', 'actor_label'], replacements);
  }
}
