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
import type { Contact } from '../../partners/contacts/contact.entity';
import type { Speaker } from '../../themes/speakers/speaker.entity';
import type { Theme } from '../../themes/catalogue/theme.entity';
import type { Meeting } from '../meeting.entity';
import type { AgendaItemKind } from '../meeting-kinds';

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

  // Themes feature: the theme presented at this item, the speaker booked for it and their cost.

  @Index('ix_agenda_items_theme')
  @Column({ name: 'theme_id', type: 'integer', nullable: true })
  themeId: number | null;

  @ManyToOne('Theme', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id' })
  theme?: Theme | null;

  /** When the theme was recorded as presented here (the meeting's start); null until then. */
  @Column({ name: 'theme_presented_at', type: TIMESTAMP, nullable: true })
  themePresentedAt: Date | null;

  /** A speaker (intervenant) who presents the item. */
  @Index('ix_agenda_items_speaker')
  @Column({ name: 'speaker_id', type: 'integer', nullable: true })
  speakerId: number | null;

  @ManyToOne('Speaker', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'speaker_id' })
  speaker?: Speaker | null;

  /** The speaker's fee, fixed when they were booked, in euro cents. */
  @Column({ name: 'speaker_fee_cents', type: 'integer', nullable: true })
  speakerFeeCents: number | null;

  /** Round-trip travel to the venue, fixed when booked, in cents; null when distance unknown. */
  @Column({ name: 'speaker_travel_cents', type: 'integer', nullable: true })
  speakerTravelCents: number | null;
}
