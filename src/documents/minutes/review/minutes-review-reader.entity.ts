import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../../database/column-types';
import type { Contact } from '../../../partners/contacts/contact.entity';
import type { MinutesReviewRound } from './minutes-review-round.entity';

/**
 * A contact recorded present at the meeting when the round opened: invited to review. Only they
 * may read the draft and propose; `openedAt` is their first reading (the reminder skips them).
 */
@Entity({ name: 'minutes_review_readers' })
@Index('uq_minutes_review_readers_round_contact', ['roundId', 'contactId'], { unique: true })
export class MinutesReviewReader {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne('MinutesReviewRound', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: MinutesReviewRound;

  @Index('ix_minutes_review_readers_contact')
  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ name: 'opened_at', type: TIMESTAMP, nullable: true })
  openedAt: Date | null;
}
