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
import type { Project } from '../project.entity';
import type { ProjectStatus } from '../project-status';

/** A follow-up entry (suivi): what happened, by whom, and what comes next. */
@Entity({ name: 'follow_ups' })
@Index('ix_follow_ups_project', ['projectId', 'at'])
// Minutes (follow-ups since the previous meeting) and newsletters (of the period) select by moment
// or by day across all projects: without these, a scan of every follow-up (benchmark, BENCHMARKS.md).
@Index('ix_follow_ups_at', ['at'])
// The newsletter's status changes of a month: the date range, status_to checked in the index.
@Index('ix_follow_ups_date_status', ['date', 'statusTo'])
// The retention review: each contact's latest follow-up, read from the index alone.
@Index('ix_follow_ups_author_contact', ['authorContactId', 'at'])
export class FollowUp {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne('Project', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Project;

  /** The calendar day it happened, in the network's time zone. */
  @Column({ type: 'date' })
  date: string;

  /** The moment that restarts the cadence: now for today's entries, the day's start otherwise. */
  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ name: 'author_user_id', type: 'integer', nullable: true })
  authorUserId: number | null;

  @Column({ name: 'author_contact_id', type: 'integer', nullable: true })
  authorContactId: number | null;

  @Column({ name: 'author_label', type: 'varchar', length: 200 })
  authorLabel: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'status_from', type: 'varchar', length: 20, nullable: true })
  statusFrom: ProjectStatus | null;

  @Column({ name: 'status_to', type: 'varchar', length: 20, nullable: true })
  statusTo: ProjectStatus | null;

  @Column({ name: 'next_step', type: 'text', nullable: true })
  nextStep: string | null;

  @Column({ name: 'next_step_due', type: 'date', nullable: true })
  nextStepDue: string | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
