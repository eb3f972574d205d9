import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { User } from '../../auth/users/user.entity';
import { TIMESTAMP } from '../../database/column-types';
import type { Partner } from '../../partners/partner.entity';

export const THEME_STATUSES = ['proposed', 'scheduled', 'presented', 'archived'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

/** A subject the network wants to hear about (thème abordé, présentation). */
@Entity({ name: 'themes' })
@Index('ix_themes_status_interest', ['status', 'interestCount'])
@Index('ix_themes_status_last_presented', ['status', 'lastPresentedAt'])
export class Theme {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Free tags, lower-cased and trimmed. */
  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ type: 'varchar', length: 20 })
  status: ThemeStatus;

  /** Proposed by a partner; null when a staff member proposed it. */
  @Index('ix_themes_proposed_by_partner')
  @Column({ name: 'proposed_by_partner_id', type: 'integer', nullable: true })
  proposedByPartnerId: number | null;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by_partner_id' })
  proposedByPartner?: Partner | null;

  /** The staff member who proposed it, or recorded it on the partner's behalf. */
  @Column({ name: 'proposed_by_user_id', type: 'integer', nullable: true })
  proposedByUserId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by_user_id' })
  proposedByUser?: User | null;

  /** How many partners marked their interest (kept by the themes service, for sorting). */
  @Column({ name: 'interest_count', type: 'integer', default: 0 })
  interestCount: number;

  /** When the theme was last presented at a meeting (the meeting's start). */
  @Column({ name: 'last_presented_at', type: TIMESTAMP, nullable: true })
  lastPresentedAt: Date | null;

  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
