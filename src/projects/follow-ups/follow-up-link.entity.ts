import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SignedLinkRecord } from '../../common/signed-link';
import { TIMESTAMP } from '../../database/column-types';
import type { Contact } from '../../partners/contacts/contact.entity';
import type { Project } from '../project.entity';

/**
 * A personal link through which one contact of the lead partner adds follow-ups to one project.
 * Only the SHA-256 of its 256-bit token is stored; it expires and can be revoked.
 */
@Entity({ name: 'follow_up_links' })
@Index('ix_follow_up_links_project', ['projectId', 'contactId'])
export class FollowUpLink implements SignedLinkRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne('Project', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Index('uq_follow_up_links_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;
}
