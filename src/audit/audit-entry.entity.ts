import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types';
import type { AuditAction, AuditChanges } from './audit-kinds';

export {
  AUDIT_ACTIONS,
  AUDITED_ENTITIES,
  type AuditAction,
  type AuditChanges,
} from './audit-kinds';

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
