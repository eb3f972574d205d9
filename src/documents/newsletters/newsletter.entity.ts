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
import type { User } from '../../auth/users/user.entity';
import { TIMESTAMP } from '../../database/column-types';
import type { DocumentVisibility } from '../document-visibility';

export const NEWSLETTER_STATUSES = ['draft', 'published'] as const;
export type NewsletterStatus = (typeof NEWSLETTER_STATUSES)[number];

/** A section of the newsletter, in the order staff chose, possibly left out. */
export interface NewsletterSectionChoice {
  key: string;
  included: boolean;
}

/**
 * An issue of the newsletter (lettre d'information) for a period. A draft is assembled from the
 * network's records each time it is shown; publishing numbers it and stores its documents.
 */
@Entity({ name: 'newsletters' })
@Index('ix_newsletters_status_published_at', ['status', 'publishedAt'])
export class Newsletter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'period_from', type: 'date' })
  periodFrom: string;

  @Column({ name: 'period_to', type: 'date' })
  periodTo: string;

  @Column({ type: 'text', nullable: true })
  editorial: string | null;

  @Column({ type: 'simple-json' })
  sections: NewsletterSectionChoice[];

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: NewsletterStatus;

  /** Issue number, consecutive, given at publication. */
  @Index('uq_newsletters_number', { unique: true })
  @Column({ type: 'integer', nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title: string | null;

  /** Email-safe HTML (CSS inlined). */
  @Column({ type: 'text', nullable: true })
  html: string | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  /** The web archive page (/newsletters/:number). */
  @Column({ name: 'web_html', type: 'text', nullable: true })
  webHtml: string | null;

  /** "network" (staff and portal) by default; "public" opens the link below to anyone. */
  @Column({ type: 'varchar', length: 10, default: 'network' })
  visibility: DocumentVisibility;

  /**
   * The public link's token, made the first time the document is made public and kept after:
   * made public again, it is reachable at the same link. Null while it never was public.
   */
  @Index('uq_newsletters_public_token', { unique: true })
  @Column({ name: 'public_token', type: 'varchar', length: 64, nullable: true })
  publicToken: string | null;

  @Column({ name: 'published_at', type: TIMESTAMP, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'published_by_user_id', type: 'integer', nullable: true })
  publishedByUserId: number | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'published_by_user_id' })
  publishedBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
