import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';

export const SERIES_FREQUENCIES = ['weekly', 'monthly'] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];

/**
 * A meeting that repeats (docs/meeting-series.md): the rule, in the network's wall-clock time.
 * Each occurrence is an ordinary `meetings` row carrying `series_id` and its `occurrence_date`.
 */
@Entity({ name: 'meeting_series' })
export class MeetingSeries {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  frequency: SeriesFrequency;

  /** Every N weeks or months. */
  @Column({ type: 'integer', default: 1 })
  interval: number;

  /** RFC 5545 day codes, comma-separated ('TU' or 'MO,TH'); one day for a monthly series. */
  @Column({ type: 'varchar', length: 30 })
  weekdays: string;

  /** Monthly: the n-th such weekday of the month (1 to 4, -1 the last); null when weekly. */
  @Column({ type: 'integer', nullable: true })
  nth: number | null;

  /** Local start time 'HH:MM' in `time_zone`: 10:00 stays 10:00 across daylight-saving changes. */
  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes: number;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  /** The first occurrence's calendar day ('YYYY-MM-DD'). */
  @Column({ name: 'first_day', type: 'varchar', length: 10 })
  firstDay: string;

  /** The last calendar day of the series (the rule's instances up to it). */
  @Column({ name: 'last_day', type: 'varchar', length: 10 })
  lastDay: string;

  /** How many instances the rule has (the RRULE's COUNT), skipped days included. */
  @Column({ name: 'instance_count', type: 'integer' })
  instanceCount: number;

  /** Days of the rule left out at creation (EXDATE), comma-separated 'YYYY-MM-DD'. */
  @Column({ name: 'skipped_days', type: 'text', default: '' })
  skippedDays: string;

  /** Grows with every change of the series: the SEQUENCE of its calendar entry. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
