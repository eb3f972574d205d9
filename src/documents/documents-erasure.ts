import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ErasureSubject } from '../common/erasure';
import { rawDate } from '../database/raw-values';
import { replaceTextIn, sql } from '../database/sql';

/** What a contact did in the minutes reviews (RGPD article 15): a proposal, or a draft opened. */
export interface PersonalReviewEntry {
  meetingId: number;
  at: Date;
  /** 'opened' for a draft read; else the proposal's kind. */
  action: 'opened' | 'comment' | 'suggestion';
  text: string | null;
  status: 'pending' | 'accepted' | 'rejected' | null;
  reason: string | null;
}

/**
 * The documents' part of the right to erasure (docs/personal-data.md). Published minutes versions
 * and newsletters are snapshots: they keep the names as they were. On erasure every stored form
 * of the person's name and address (as typed, HTML-escaped, inside JSON) is replaced by the label
 * in their HTML, text and snapshot, and in the drafts and news, so no page, PDF or mail made from
 * them names the person again. An exact-string replacement: a misspelt or abbreviated mention
 * typed by hand is not found.
 */
@Injectable()
export class DocumentsErasure {
  constructor(private readonly dataSource: DataSource) {}

  /** The contact's proposals and the review drafts they opened, oldest first. Two statements. */
  async personalDataOf(contactId: number): Promise<PersonalReviewEntry[]> {
    const manager = this.dataSource.manager;
    type Row = Record<string, string | number | Date | null>;
    const proposals = await sql<Row>(
      manager,
      `SELECT r.meeting_id, p.created_at AS at, p.kind, p.body, p.status, p.reason
         FROM minutes_review_proposals p JOIN minutes_review_rounds r ON r.id = p.round_id
        WHERE p.contact_id = ?`,
      [contactId],
    );
    const readings = await sql<Row>(
      manager,
      `SELECT r.meeting_id, x.opened_at AS at FROM minutes_review_readers x
         JOIN minutes_review_rounds r ON r.id = x.round_id
        WHERE x.contact_id = ? AND x.opened_at IS NOT NULL`,
      [contactId],
    );
    const entries: PersonalReviewEntry[] = [
      ...readings.map((row) => ({
        meetingId: Number(row.meeting_id),
        at: rawDate(row.at as string | Date)!,
        action: 'opened' as const,
        text: null,
        status: null,
        reason: null,
      })),
      ...proposals.map((row) => ({
        meetingId: Number(row.meeting_id),
        at: rawDate(row.at as string | Date)!,
        action: row.kind as 'comment' | 'suggestion',
        text: row.body as string,
        status: row.status as 'pending' | 'accepted' | 'rejected',
        reason: (row.reason as string | null) ?? null,
      })),
    ];
    return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    const pairs = subject.replacements;
    await replaceTextIn(manager, 'minutes_versions', ['title', 'html', 'text', 'snapshot'], pairs);
    await replaceTextIn(
      manager,
      'minutes_drafts',
      ['introduction', 'conclusion', 'item_overrides'],
      pairs,
    );
    await replaceTextIn(
      manager,
      'newsletters',
      ['title', 'editorial', 'html', 'text', 'web_html'],
      pairs,
    );
    await replaceTextIn(manager, 'news_items', ['title', 'body'], pairs);
    // The review rounds' frozen paragraphs and the proposals' texts and reasons (the reviewer's
    // own rows name them by contact id, whose name the contact's erasure already replaced).
    await replaceTextIn(manager, 'minutes_review_rounds', ['paragraphs'], pairs);
    await replaceTextIn(manager, 'minutes_review_proposals', ['body', 'reason'], pairs);
  }
}
