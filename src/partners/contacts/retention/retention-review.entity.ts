import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../../database/column-types';
import type { Contact } from '../contact.entity';

/**
 * The latest retention review of a contact: staff looked at it after a long time without activity
 * and decided to keep it ("Conserver"). It counts as the contact's activity, so the contact leaves
 * the review list until the retention period has passed again. One row per contact (the latest
 * decision); every decision also has its audit entry on the contact.
 */
@Entity({ name: 'contact_retention_reviews' })
export class ContactRetentionReview {
  @PrimaryColumn({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @OneToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ name: 'kept_at', type: TIMESTAMP })
  keptAt: Date;

  /** Who decided (the staff member's name when the decision was taken). */
  @Column({ name: 'kept_by', type: 'varchar', length: 160 })
  keptBy: string;

  @Column({ name: 'kept_by_user_id', type: 'integer', nullable: true })
  keptByUserId: number | null;
}
