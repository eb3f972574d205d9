import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SignedLinkRecord } from '../../common/signed-link';
import { TIMESTAMP } from '../../database/column-types';
import type { Contact } from '../../partners/contacts/contact.entity';

/**
 * A sign-in link to the partner portal, for one contact. Only the SHA-256 of its 256-bit token is
 * stored (a copy of the database opens no portal). It expires (PORTAL_LINK_TTL_HOURS) and can be
 * revoked by staff; the portal session it opened ends with it.
 */
@Entity({ name: 'portal_links' })
@Index('ix_portal_links_contact', ['contactId', 'revokedAt'])
export class PortalLink implements SignedLinkRecord {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'contact_id', type: 'integer' })
  contactId: number;

  @ManyToOne('Contact', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Index('uq_portal_links_token', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  /** The staff member who sent it, or null when the contact asked for it. */
  @Column({ name: 'created_by_user_id', type: 'integer', nullable: true })
  createdByUserId: number | null;

  @Column({ name: 'expires_at', type: TIMESTAMP })
  expiresAt: Date;

  /** First time the link opened a portal session. */
  @Column({ name: 'used_at', type: TIMESTAMP, nullable: true })
  usedAt: Date | null;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}
