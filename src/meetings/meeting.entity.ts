import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { User } from '../auth/users/user.entity';
import { DOUBLE, TIMESTAMP } from '../database/column-types';
import type { AgendaItem } from './agenda/agenda-item.entity';
import type { Invitation } from './invitations/invitation.entity';
import type { MeetingKind, MeetingStatus } from './meeting-kinds';

/** A coordination meeting of the network (réunion de coordination, plateforme, CTIP...). */
@Entity({ name: 'meetings' })
@Index('ix_meetings_status_starts_at', ['status', 'startsAt'])
export class Meeting {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  kind: MeetingKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Stored in UTC; shown in the network's time zone (TIME_ZONE). */
  @Index('ix_meetings_starts_at')
  @Column({ name: 'starts_at', type: TIMESTAMP })
  startsAt: Date;

  @Column({ name: 'ends_at', type: TIMESTAMP })
  endsAt: Date;

  @Column({ name: 'venue_name', type: 'varchar', length: 200, nullable: true })
  venueName: string | null;

  @Column({ name: 'venue_address', type: 'varchar', length: 300, nullable: true })
  venueAddress: string | null;

  @Column({ type: DOUBLE, nullable: true })
  latitude: number | null;

  @Column({ type: DOUBLE, nullable: true })
  longitude: number | null;

  @Column({ name: 'online_url', type: 'varchar', length: 500, nullable: true })
  onlineUrl: string | null;

  @Column({ type: 'varchar', length: 20, default: 'planned' })
  status: MeetingStatus;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'cancelled_at', type: TIMESTAMP, nullable: true })
  cancelledAt: Date | null;

  /** When staff closed the meeting (attendance recorded, minutes drafted); null while open. */
  @Column({ name: 'closed_at', type: TIMESTAMP, nullable: true })
  closedAt: Date | null;

  /** Who closed it (kept as history: a removed account leaves it null, the audit trail keeps the name). */
  @Column({ name: 'closed_by_user_id', type: 'integer', nullable: true })
  closedByUserId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by_user_id' })
  closedBy?: User | null;

  /** The series this meeting is an occurrence of (docs/meeting-series.md), or null. */
  @Index('ix_meetings_series')
  @Column({ name: 'series_id', type: 'integer', nullable: true })
  seriesId: number | null;

  /** The occurrence's day in the series' rule ('YYYY-MM-DD'): its RECURRENCE-ID, kept when moved. */
  @Column({ name: 'occurrence_date', type: 'varchar', length: 10, nullable: true })
  occurrenceDate: string | null;

  /** Changed on its own (time or place): editing the series leaves it alone. */
  @Column({ name: 'occurrence_moved', type: 'boolean', default: false })
  occurrenceMoved: boolean;

  /** Grows with every change of the meeting: the SEQUENCE of its calendar entry (RFC 5545). */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;

  @OneToMany('Invitation', 'meeting')
  invitations?: Invitation[];

  @OneToMany('AgendaItem', 'meeting')
  agendaItems?: AgendaItem[];
}
