import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { FileKind } from '../../common/file-signature';
import { BINARY, TIMESTAMP } from '../../database/column-types';
import type { Meeting } from '../meeting.entity';

/**
 * A scanned signed sign-in sheet (PDF, JPEG or PNG), kept in the database rather than on a disk
 * so that every app server sharing the database serves it. A meeting may have several: a
 * multi-page sheet often arrives as one image per page.
 */
@Entity({ name: 'sign_in_scans' })
export class SignInScan {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('ix_sign_in_scans_meeting')
  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  /** The name the file had on the sender's computer, for people to recognise it. */
  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName: string;

  /** What the bytes are (read from them, not from the name or the declared type). */
  @Column({ type: 'varchar', length: 10 })
  kind: FileKind;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: BINARY, select: false })
  content: Buffer;

  @Column({ name: 'uploaded_by_user_id', type: 'integer', nullable: true })
  uploadedByUserId: number | null;

  /** The uploader's name as it was then (kept if the account goes). */
  @Column({ name: 'uploaded_by_name', type: 'varchar', length: 200 })
  uploadedByName: string;

  @Column({ name: 'uploaded_at', type: TIMESTAMP })
  uploadedAt: Date;
}
