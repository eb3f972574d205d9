import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import type { MailAttachmentFile } from './mail-attachment-file.entity';
import type { MailBody } from './mail-body.entity';
import { registerValueLabels } from '../../i18n/value-labels';

/**
 * pending: waiting for its turn (next_attempt_at); sending: claimed by a dispatcher (claim_token,
 * claimed_at); sent: handed to the SMTP server, or kept as an .eml file without SMTP; failed: given
 * up (last_error says why), can be retried by hand; cancelled: no longer wanted (the contact
 * unsubscribed before a bulk message left).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
registerValueLabels(OUTBOX_STATUSES, 'outbox.status');

/** What a message is for; features may add their own. */
/** The kinds of mail the product sends; the outbox page names each (outbox.purposeOf.*). */
export const MAIL_PURPOSES = [
  'invitation',
  'meeting-updated',
  'meeting-cancelled',
  'minutes',
  'newsletter',
  'project-reminder',
  'digest',
  'portal-link',
] as const;
export type MailPurpose = (typeof MAIL_PURPOSES)[number] | (string & {});

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** Text as is (an .ics), or base64 for binary content. */
  content: string;
  encoding?: 'utf8' | 'base64';
}

/**
 * How a sent message left: through SMTP, or kept as an .eml file (no SMTP configured); `demo`:
 * a message of the demo data, recorded as delivered without leaving (fictional recipients).
 */
export type OutboxTransport = 'smtp' | 'file' | 'demo';

/** One email to one recipient, written in the same transaction as the change that causes it. */
@Entity({ name: 'mail_outbox' })
@Index('ix_mail_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_mail_outbox_group', ['groupRef', 'status'])
export class OutboxMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40 })
  purpose: MailPurpose;

  /** `${purpose}:${subjectId}:${recipient}`: enqueueing the same key twice keeps one message. */
  @Index('uq_mail_outbox_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 300 })
  idempotencyKey: string;

  @Column({ name: 'recipient_email', type: 'varchar', length: 254 })
  recipientEmail: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 200, nullable: true })
  recipientName: string | null;

  @Index('ix_mail_outbox_contact')
  @Column({ name: 'contact_id', type: 'integer', nullable: true })
  contactId: number | null;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  /** The message's own body; null when it shares one (`bodyId`). */
  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  /**
   * The body shared with the other messages of its sending (a newsletter), personalised when sent
   * (see MailBody); null when the message has its own `html` and `text`.
   */
  @Index('ix_mail_outbox_body')
  @Column({ name: 'body_id', type: 'integer', nullable: true })
  bodyId: number | null;

  @ManyToOne('MailBody', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'body_id' })
  body?: MailBody;

  @Column({ type: 'simple-json' })
  attachments: MailAttachment[];

  /** An attachment stored once for the whole sending (see MailAttachmentFile), sent after its own. */
  @Index('ix_mail_outbox_shared_attachment')
  @Column({ name: 'shared_attachment_id', type: 'integer', nullable: true })
  sharedAttachmentId: number | null;

  @ManyToOne('MailAttachmentFile', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shared_attachment_id' })
  sharedAttachment?: MailAttachmentFile;

  /** Bulk mail (the newsletter): carries List-Unsubscribe and List-Unsubscribe-Post. */
  @Column({ type: 'boolean', default: false })
  bulk: boolean;

  @Column({ name: 'unsubscribe_url', type: 'varchar', length: 500, nullable: true })
  unsubscribeUrl: string | null;

  @Column({ name: 'unsubscribe_mailto', type: 'varchar', length: 500, nullable: true })
  unsubscribeMailto: string | null;

  /** Groups the messages of one sending (e.g. "newsletter:12") to report its progress. */
  @Column({ name: 'group_ref', type: 'varchar', length: 80, nullable: true })
  groupRef: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: TIMESTAMP })
  nextAttemptAt: Date;

  @Column({ name: 'claim_token', type: 'varchar', length: 64, nullable: true })
  claimToken: string | null;

  @Column({ name: 'claimed_at', type: TIMESTAMP, nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'sent_at', type: TIMESTAMP, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  transport: OutboxTransport | null;

  /** The Message-ID header, derived from the idempotency key: a resend carries the same one. */
  @Column({ name: 'message_id', type: 'varchar', length: 200 })
  messageId: string;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
