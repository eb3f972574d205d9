import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../../../auth/users/user.entity';
import { TIMESTAMP } from '../../../database/column-types';
import type { Meeting } from '../../../meetings/meeting.entity';

/** Where a frozen paragraph came from in the draft's wording. */
export type ReviewField = 'introduction' | 'summary' | 'decisions' | 'conclusion';

/** One paragraph of the draft as it stood when the round opened (proposals point at its `index`). */
export interface ReviewParagraph {
  index: number;
  field: ReviewField;
  /** The agenda item of a summary or decisions paragraph. */
  agendaItemId: number | null;
  /** The agenda item's title, to show where the paragraph sits. */
  heading: string | null;
  text: string;
}

export type ReviewRoundStatus = 'open' | 'closed' | 'published';

/**
 * A review round of a meeting's minutes draft: the attendees read the frozen paragraphs and
 * propose corrections until the deadline. One open round per meeting at a time (checked in the
 * service under the meeting's row lock). Publishing the minutes records the round in the version.
 */
@Entity({ name: 'minutes_review_rounds' })
@Index('ix_minutes_review_rounds_meeting', ['meetingId', 'status'])
export class MinutesReviewRound {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'varchar', length: 10 })
  status: ReviewRoundStatus;

  /** The end of the deadline's day in TIME_ZONE: no proposal from then on. */
  @Column({ type: TIMESTAMP })
  deadline: Date;

  /** The deadline's day as staff chose it (YYYY-MM-DD, TIME_ZONE). */
  @Column({ name: 'deadline_day', type: 'varchar', length: 10 })
  deadlineDay: string;

  @Column({ type: 'simple-json' })
  paragraphs: ReviewParagraph[];

  @Column({ name: 'opened_at', type: TIMESTAMP })
  openedAt: Date;

  @Column({ name: 'opened_by_user_id', type: 'integer', nullable: true })
  openedByUserId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opened_by_user_id' })
  openedBy?: User | null;

  @Column({ name: 'closed_at', type: TIMESTAMP, nullable: true })
  closedAt: Date | null;

  /** Set by the one reminder pass that sends the reminder (a conditional update: once). */
  @Column({ name: 'reminder_sent_at', type: TIMESTAMP, nullable: true })
  reminderSentAt: Date | null;

  /** The minutes version that recorded this round, once published. */
  @Column({ name: 'published_version', type: 'integer', nullable: true })
  publishedVersion: number | null;
}
