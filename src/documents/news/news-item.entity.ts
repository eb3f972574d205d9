import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TIMESTAMP } from '../../database/column-types';

/** Decrees and regulation, local news, local events (actualités, manifestations locales). */
export const NEWS_KINDS = ['regulation', 'local-news', 'event'] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

/** A piece of news for the newsletter. */
@Entity({ name: 'news_items' })
@Index('ix_news_items_date', ['date'])
export class NewsItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20 })
  kind: NewsKind;

  /** The day the news is about (publication of a decree, date of an event). */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP })
  updatedAt: Date;
}
