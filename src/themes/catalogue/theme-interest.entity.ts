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
import type { Theme } from './theme.entity';

/** A partner wants to hear about a theme (marked by the partner, or by staff on its behalf). */
@Entity({ name: 'theme_interests' })
@Index('uq_theme_interests_theme_partner', ['themeId', 'partnerId'], { unique: true })
export class ThemeInterest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'theme_id', type: 'integer' })
  themeId: number;

  @ManyToOne('Theme', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'theme_id' })
  theme?: Theme;

  @Index('ix_theme_interests_partner')
  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;

  @Column({ name: 'recorded_by_user_id', type: 'integer', nullable: true })
  recordedByUserId: number | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
