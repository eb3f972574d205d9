import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../../database/column-types';
import type { Contact } from '../../../partners/contacts/contact.entity';
import type { MinutesReviewRound } from './minutes-review-round.entity';

export type ProposalKind = 'comment' | 'suggestion';
export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

/** An attendee's proposal on one frozen paragraph: a comment, or a replacement text. */
@Entity({ name: 'minutes_review_proposals' })
@Index('ix_minutes_review_proposals_round', ['roundId', 'paragraph'])
export class MinutesReviewProposal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId: number;

  @ManyToOne('MinutesReviewRound', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id' })
  round?: MinutesReviewRound;

  @Index('ix_minutes_review_proposals_contact')
  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  /** The frozen paragraph's index in the round. */
  @Column({ type: 'integer' })
  paragraph: number;

  @Column({ type: 'varchar', length: 10 })
  kind: ProposalKind;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 10 })
  status: ProposalStatus;

  /** Staff's short reason, shown to the author. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  reason: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'decided_at', type: TIMESTAMP, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by_user_id', type: 'integer', nullable: true })
  decidedByUserId: number | null;
}
