import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Contact } from '../../partners/contacts/contact.entity';
import type { Invitation } from '../invitations/invitation.entity';

/**
 * A person of the invited partner: one who will come (phase "answer", from the answer link) or
 * one who came (phase "attendance", recorded by the organiser). Either a contact of the partner
 * or a free-text name, possibly replacing a usual contact ("X replaces Y").
 */
export type AttendeePhase = 'answer' | 'attendance';

@Entity({ name: 'invitation_attendees' })
@Index('uq_invitation_attendees_contact', ['invitationId', 'phase', 'contactId'], { unique: true })
export class InvitationAttendee {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'invitation_id', type: 'integer' })
  invitationId: number;

  @ManyToOne('Invitation', 'attendees', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Invitation;

  @Column({ type: 'varchar', length: 20 })
  phase: AttendeePhase;

  @Index('ix_invitation_attendees_contact')
  @Column({ name: 'contact_id', type: 'integer', nullable: true })
  contactId: number | null;

  @ManyToOne('Contact', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  /** The person's name as given (a contact's name is copied, so the record survives it). */
  @Column({ name: 'full_name', type: 'varchar', length: 160 })
  fullName: string;

  @Column({ name: 'replaces_contact_id', type: 'integer', nullable: true })
  replacesContactId: number | null;

  @ManyToOne('Contact', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaces_contact_id' })
  replacesContact?: Contact;

  @Column({ name: 'replaces_name', type: 'varchar', length: 160, nullable: true })
  replacesName: string | null;
}
