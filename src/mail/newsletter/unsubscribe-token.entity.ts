import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import type { Contact } from '../../partners/contacts/contact.entity';

/**
 * A newsletter unsubscribe link. A fresh 256-bit token is issued for each bulk message and only
 * its SHA-256 is stored: a leaked table gives no working link, and older newsletters' links keep
 * working (each row stays valid until the contact is deleted).
 */
@Entity({ name: 'unsubscribe_tokens' })
export class UnsubscribeToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_unsubscribe_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_unsubscribe_tokens_contact')
  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;
}
