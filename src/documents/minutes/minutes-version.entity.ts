import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { User } from '../../auth/users/user.entity';
import { TIMESTAMP } from '../../database/column-types';
import type { DocumentVisibility } from '../document-visibility';
import type { Meeting } from '../../meetings/meeting.entity';
import type { MinutesViewModel } from './minutes.view-model';

/**
 * A published version of a meeting's minutes: an immutable snapshot of the rendered document.
 * A correction publishes the next version; earlier ones stay readable as they were.
 */
@Entity({ name: 'minutes_versions' })
@Index('uq_minutes_versions_meeting_version', ['meetingId', 'version'], { unique: true })
export class MinutesVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id', type: 'integer' })
  meetingId: number;

  @ManyToOne('Meeting', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  /** 1, 2, ... per meeting. */
  @Column({ type: 'integer' })
  version: number;

  /** The document title as published ("Compte rendu — Réunion de réseau"). */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** Email-safe HTML document (CSS inlined). */
  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  /**
   * The view model the version was rendered from, kept so its PDF shows what was published and
   * not today's record. Null for versions published before it was kept: their PDF is set from
   * the stored text.
   */
  @Column({ type: 'simple-json', nullable: true })
  snapshot: MinutesViewModel | null;

  /** "network" (staff and portal) by default; "public" opens the link below to anyone. */
  @Column({ type: 'varchar', length: 10, default: 'network' })
  visibility: DocumentVisibility;

  /**
   * The public link's token, made the first time the document is made public and kept after:
   * made public again, it is reachable at the same link. Null while it never was public.
   */
  @Index('uq_minutes_versions_public_token', { unique: true })
  @Column({ name: 'public_token', type: 'varchar', length: 64, nullable: true })
  publicToken: string | null;

  @Index('ix_minutes_versions_published_at')
  @Column({ name: 'published_at', type: TIMESTAMP })
  publishedAt: Date;

  @Column({ name: 'published_by_user_id', type: 'integer', nullable: true })
  publishedByUserId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'published_by_user_id' })
  publishedBy?: User | null;
}
