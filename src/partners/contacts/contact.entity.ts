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
import type { Partner } from '../partner.entity';

/** A person at a partner organisation (personne de contact). */
@Entity({ name: 'contacts' })
export class Contact {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_contacts_partner')
  @Column({ name: 'partner_id', type: 'integer' })
  partnerId: number;

  @ManyToOne('Partner', 'contacts', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partner_id' })
  partner?: Partner;

  @Column({ name: 'full_name', type: 'varchar', length: 160 })
  fullName: string;

  @Column({ name: 'job_title', type: 'varchar', length: 160, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** Lower-cased email: unique whatever the case. Null when the contact has no email. */
  @Index('uq_contacts_email_key', { unique: true })
  @Column({ name: 'email_key', type: 'varchar', length: 254, nullable: true })
  emailKey: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ name: 'newsletter_consent', type: 'boolean', default: false })
  newsletterConsent: boolean;

  @Column({ name: 'newsletter_consent_at', type: TIMESTAMP, nullable: true })
  newsletterConsentAt: Date | null;

  /** Where the consent (or its withdrawal) came from: "form", "import", "unsubscribe link"... */
  @Column({ name: 'newsletter_consent_source', type: 'varchar', length: 120, nullable: true })
  newsletterConsentSource: string | null;

  @Column({ name: 'receives_minutes', type: 'boolean', default: true })
  receivesMinutes: boolean;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** When the contact was erased (RGPD article 17): the row stays, anonymised, for the counts. */
  @Column({ name: 'erased_at', type: TIMESTAMP, nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
