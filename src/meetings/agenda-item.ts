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
import type { Contact } from '../partners/contact';
import type { Meeting } from './meeting';
import type { AgendaItemKind } from './meeting-kinds';

/** A point of a meeting's agenda (ordre du jour), with what was said and decided afterwards. */
@Entity({ name: 'agenda_items' })
@Index('ix_agenda_items_meeting_position', ['meetingId', 'position'])
export class AgendaItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', 'agendaItems', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  /** Order in the agenda, 1 for the first item. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  kind: AgendaItemKind;

  /** A contact of a partner who presents the item (a speaker is the themes feature's). */
  @Index('ix_agenda_items_presenter_contact')
  @Column({ name: 'presenter_contact_id', type: 'integer', nullable: true })
  presenterContactId: number | null;

  @ManyToOne('Contact', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'presenter_contact_id' })
  presenterContact?: Contact;

  @Column({ name: 'planned_minutes', type: 'integer', nullable: true })
  plannedMinutes: number | null;

  /** After the meeting: what was presented. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', nullable: true })
  decisions: string | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
