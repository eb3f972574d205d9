import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import { Contact } from './contact.entity';

/** What a contact agrees to receive: the newsletter (consent), the minutes (their choice). */
export const CONSENT_TOPICS = ['newsletter', 'minutes'] as const;
export type ConsentTopic = (typeof CONSENT_TOPICS)[number];

/**
 * One opt-in or opt-out of a contact, kept forever with the contact (RGPD article 7: the
 * controller shows when and how consent was given): when, which topic, given or withdrawn, the
 * source (staff, import, unsubscribe link, a source typed with the consent) and who recorded it.
 */
@Entity({ name: 'consent_events' })
@Index('ix_consent_events_contact', ['contactId', 'at'])
export class ConsentEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne(() => Contact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ type: 'varchar', length: 20 })
  topic: ConsentTopic;

  @Column({ type: 'boolean' })
  granted: boolean;

  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ type: 'varchar', length: 120 })
  source: string;

  /** "Marie Dupont", "import CSV (Marie Dupont)", "lien de désinscription". */
  @Column({ name: 'recorded_by', type: 'varchar', length: 160 })
  recordedBy: string;

  @Column({ name: 'recorded_by_user_id', type: 'integer', nullable: true })
  recordedByUserId: number | null;
}
