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
import { TIMESTAMP } from '../database/column-types';
import type { AgendaItem } from '../meetings/agenda/agenda-item.entity';
import type { Meeting } from '../meetings/meeting.entity';
import type { Partner } from '../partners/partner.entity';
import type { Theme } from '../themes/catalogue/theme.entity';
import type { ProjectStatus } from './project-status';

/**
 * A project born from the meetings (projet, action), carried by a lead partner (porteur).
 * due_soon_at / due_at / stale_at / last_follow_up_at / snoozed_until are kept up to date by the
 * services on every write, so the follow-up filters are indexed range queries (follow-up-state.ts).
 */
@Entity({ name: 'projects' })
@Index('ix_projects_lead_status', ['leadPartnerId', 'status'])
@Index('ix_projects_never', ['lastFollowUpAt', 'dueAt'])
// The dashboard's follow-up counts read only this index (a scan of the table rows otherwise).
@Index('ix_projects_follow_up', ['dueAt', 'dueSoonAt', 'staleAt', 'snoozedUntil', 'lastFollowUpAt'])
export class Project {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'expected_outcomes', type: 'text', nullable: true })
  expectedOutcomes: string | null;

  @Column({ name: 'lead_partner_id', type: 'integer' })
  leadPartnerId: number;

  @ManyToOne('Partner', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_partner_id' })
  leadPartner?: Partner;

  /** The meeting the project was born at, and the agenda item it came from. */
  @Index('ix_projects_origin_meeting')
  @Column({ name: 'origin_meeting_id', type: 'integer', nullable: true })
  originMeetingId: number | null;

  @ManyToOne('Meeting', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'origin_meeting_id' })
  originMeeting?: Meeting | null;

  @Index('ix_projects_origin_agenda_item')
  @Column({ name: 'origin_agenda_item_id', type: 'integer', nullable: true })
  originAgendaItemId: number | null;

  @ManyToOne('AgendaItem', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'origin_agenda_item_id' })
  originAgendaItem?: AgendaItem | null;

  /** The theme whose presentation gave birth to the project. */
  @Index('ix_projects_origin_theme')
  @Column({ name: 'origin_theme_id', type: 'integer', nullable: true })
  originThemeId: number | null;

  @ManyToOne('Theme', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'origin_theme_id' })
  originTheme?: Theme | null;

  @Index('ix_projects_status')
  @Column({ type: 'varchar', length: 20 })
  status: ProjectStatus;

  @Column({ name: 'status_changed_at', type: TIMESTAMP })
  statusChangedAt: Date;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ name: 'cadence_days', type: 'integer', default: 60 })
  cadenceDays: number;

  /** First time the project became launched (or active). */
  // The newsletter's projects launched in a month (a full scan otherwise).
  @Index('ix_projects_launched_at')
  @Column({ name: 'launched_at', type: TIMESTAMP, nullable: true })
  launchedAt: Date | null;

  @Column({ name: 'last_follow_up_at', type: TIMESTAMP, nullable: true })
  lastFollowUpAt: Date | null;

  /** Start of the current cadence period: last follow-up, or when tracking (re)started. */
  @Column({ name: 'follow_up_since', type: TIMESTAMP, nullable: true })
  followUpSince: Date | null;

  @Index('ix_projects_due_soon_at')
  @Column({ name: 'due_soon_at', type: TIMESTAMP, nullable: true })
  dueSoonAt: Date | null;

  @Index('ix_projects_due_at')
  @Column({ name: 'due_at', type: TIMESTAMP, nullable: true })
  dueAt: Date | null;

  @Index('ix_projects_stale_at')
  @Column({ name: 'stale_at', type: TIMESTAMP, nullable: true })
  staleAt: Date | null;

  // The next end of a snooze, where a dashboard snapshot ends (dashboard-snapshots.ts).
  @Index('ix_projects_snoozed_until')
  @Column({ name: 'snoozed_until', type: TIMESTAMP, nullable: true })
  snoozedUntil: Date | null;

  @Column({ name: 'snooze_reason', type: 'varchar', length: 500, nullable: true })
  snoozeReason: string | null;

  /** Start (follow_up_since) of the period whose reminder went out: one reminder per period. */
  @Column({ name: 'reminded_period_start', type: TIMESTAMP, nullable: true })
  remindedPeriodStart: Date | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
