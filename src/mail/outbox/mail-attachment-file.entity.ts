import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';
import type { MailAttachment } from './outbox-message.entity';

/**
 * An attachment stored once and shared by the messages of one sending (a version's minutes as a
 * PDF), referenced by `mail_outbox.shared_attachment_id`: a hundred recipients do not mean a
 * hundred copies of the same file. Kept in the database, so any instance's dispatcher sends it,
 * and a retry sends the same bytes. A message keeps it alive (foreign key ON DELETE RESTRICT).
 */
@Entity({ name: 'mail_attachments' })
export class MailAttachmentFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  /** The bytes in base64 (the same text column on both engines). */
  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}

/** The stored file as the transport attaches it. */
export function attachmentOf(file: MailAttachmentFile): MailAttachment {
  return {
    filename: file.filename,
    contentType: file.contentType,
    content: file.content,
    encoding: 'base64',
  };
}
