import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import type { Partner } from '../../partners/partner.entity';

/**
 * A partner's secret calendar feed URL (/calendar/<token>.ics) listing every meeting it is
 * invited to. Only the token's SHA-256 is stored; rotating revokes the previous one.
 */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_calendar_feeds_partner')
  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @ManyToOne('Partner', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;

  @Index('uq_calendar_feeds_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}
