import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import type { ErasureSubject } from '../../common/erasure';
import { replaceTextIn, sql } from '../../database/sql';

type RawTime = string | Date | null;
type RawValue = string | number | boolean | Date | null;

/** A follow-up a person wrote (through their personal link or the portal). */
export interface PersonalFollowUp {
  projectId: number;
  projectTitle: string;
  date: string;
  text: string;
}

/** A personal follow-up link: dates only, never its token. */
export interface PersonalFollowUpLink {
  projectId: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * The projects' part of a person's rights (docs/personal-data.md): the follow-ups a contact wrote
 * and their follow-up links (two statements), and the erasure: the author becomes the label (the
 * text stays, it is the project's record, with their name replaced), their links are revoked.
 */
@Injectable()
export class FollowUpPersonalData {
  constructor(private readonly dataSource: DataSource) {}

  async personalDataOf(
    contactId: number,
  ): Promise<{ followUps: PersonalFollowUp[]; links: PersonalFollowUpLink[] }> {
    const manager = this.dataSource.manager;
    const followUps = await sql<Record<string, RawValue>>(
      manager,
      `SELECT f.project_id, p.title, CAST(f.date AS TEXT) AS date, f.text FROM follow_ups f
         JOIN projects p ON p.id = f.project_id
        WHERE f.author_contact_id = ? ORDER BY f.at, f.id`,
      [contactId],
    );
    const links = await sql<Record<string, RawValue>>(
      manager,
      `SELECT project_id, created_at, expires_at, revoked_at, last_used_at FROM follow_up_links
        WHERE contact_id = ? ORDER BY created_at, id`,
      [contactId],
    );
    return {
      followUps: followUps.map((row) => ({
        projectId: Number(row.project_id),
        projectTitle: String(row.title),
        date: String(row.date),
        text: String(row.text),
      })),
      links: links.map((row) => ({
        projectId: Number(row.project_id),
        createdAt: rawDate(row.created_at as RawTime) ?? new Date(0),
        expiresAt: rawDate(row.expires_at as RawTime) ?? new Date(0),
        revokedAt: rawDate(row.revoked_at as RawTime),
        lastUsedAt: rawDate(row.last_used_at as RawTime),
      })),
    };
  }

  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    const { contactId, label, now } = subject;
    await sql(manager, `UPDATE follow_ups SET author_label = ? WHERE author_contact_id = ?`, [
      label,
      contactId,
    ]);
    await sql(manager, `UPDATE project_events SET actor_label = ? WHERE actor_contact_id = ?`, [
      label,
      contactId,
    ]);
    await sql(
      manager,
      `UPDATE follow_up_links SET revoked_at = ? WHERE contact_id = ? AND revoked_at IS NULL`,
      [now, contactId],
    );
    const pairs = subject.replacements;
    await replaceTextIn(manager, 'follow_ups', ['author_label', 'text', 'next_step'], pairs);
    await replaceTextIn(manager, 'project_events', ['actor_label'], pairs);
  }
}
