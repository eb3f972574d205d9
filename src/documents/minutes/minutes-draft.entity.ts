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
import { TIMESTAMP } from '../../database/column-types';
import type { Meeting } from '../../meetings/meeting.entity';

/** Staff wording of one agenda item in the minutes, replacing what the meeting record says. */
export interface AgendaItemOverride {
  summary?: string | null;
  decisions?: string | null;
}

/**
 * The free text staff write for a meeting's minutes. Everything else (attendance, agenda, projects)
 * is read from the meeting record each time the draft is shown, so it is never stale.
 */
@Entity({ name: 'minutes_drafts' })
export class MinutesDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_minutes_drafts_meeting', { unique: true })
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'text', nullable: true })
  introduction: string | null;

  @Column({ type: 'text', nullable: true })
  conclusion: string | null;

  /** Per agenda item id: summary and decisions as staff wrote them for the minutes. */
  @Column({ name: 'item_overrides', type: 'simple-json' })
  itemOverrides: Record<string, AgendaItemOverride>;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
