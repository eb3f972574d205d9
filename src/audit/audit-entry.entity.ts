import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types';

/**
 * The kinds of record the audit trail holds (`GET /api/audit?entity=...`, the audit screen's
 * filter, each with its label `audit.entity.<kind>`). Add yours when your feature records entries.
 */
export const AUDITED_ENTITIES = [
  'partner',
  'contact',
  'meeting',
  'agenda-item',
  'minutes-draft',
  'minutes-version',
  'news-item',
  'newsletter',
  'project',
  'speaker',
  'theme',
  'user',
] as const;

export const AUDIT_ACTIONS = ['create', 'update', 'archive', 'restore', 'delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** Who created, changed or archived which record, when, with before/after values. */
@Entity({ name: 'audit_entries' })
@Index('ix_audit_entity', ['entityType', 'entityId', 'at'])
@Index('ix_audit_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 40 })
  entityId: string;

  @Column({ type: 'varchar', length: 20 })
  action: AuditAction;

  @Column({ name: 'actor_user_id', type: 'integer', nullable: true })
  actorUserId: number | null;

  /** "Marie Dupont (staff)", "CLI", "import": readable even after the user is gone. */
  @Column({ name: 'actor_label', type: 'varchar', length: 160 })
  actorLabel: string;

  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ type: 'simple-json' })
  changes: AuditChanges;
}
