import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate } from '../../../database/raw-values';
import { sql } from '../../../database/sql';
import type { ContactActivity } from './contact-activity.registry';

/** A contact listed for review, with what the page shows of it and of its partner. */
export interface RetentionContactLine {
  id: number;
  fullName: string;
  partnerId: number;
  partnerName: string;
  partnerArchived: boolean;
}

/** The retention review's SQL on the directory's own tables (contacts, consent events, reviews). */
@Injectable()
export class RetentionQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every contact with the latest activity the directory itself knows of: its creation, its
   * latest consent event, its latest "keep" decision. One statement (consent events grouped once,
   * by `ix_consent_events_contact`). Each contact gives one to three rows.
   */
  async ownActivity(): Promise<ContactActivity[]> {
    const rows = await sql<{
      id: number;
      created_at: string | Date;
      consent_at: string | Date | null;
      kept_at: string | Date | null;
    }>(
      this.dataSource.manager,
      `SELECT c.id, c.created_at, e.consent_at, r.kept_at
         FROM contacts c
         LEFT JOIN (SELECT contact_id, MAX(at) AS consent_at FROM consent_events GROUP BY contact_id) e
           ON e.contact_id = c.id
         LEFT JOIN contact_retention_reviews r ON r.contact_id = c.id
        WHERE c.erased_at IS NULL`,
      [],
    );
    const out: ContactActivity[] = [];
    for (const row of rows) {
      const contactId = Number(row.id);
      out.push({ contactId, kind: 'created', at: rawDate(row.created_at) as Date });
      const consent = rawDate(row.consent_at);
      if (consent) out.push({ contactId, kind: 'consent', at: consent });
      const kept = rawDate(row.kept_at);
      if (kept) out.push({ contactId, kind: 'kept', at: kept });
    }
    return out;
  }

  /** These contacts with their partner's name and whether it is archived (one statement). */
  async lines(ids: number[]): Promise<Map<number, RetentionContactLine>> {
    const found = new Map<number, RetentionContactLine>();
    if (ids.length === 0) return found;
    const rows = await sql<{
      id: number;
      full_name: string;
      partner_id: number;
      partner_name: string;
      archived_at: string | Date | null;
    }>(
      this.dataSource.manager,
      `SELECT c.id, c.full_name, c.partner_id, p.name AS partner_name, p.archived_at
         FROM contacts c JOIN partners p ON p.id = c.partner_id
        WHERE c.id IN (?)`,
      [ids],
    );
    for (const row of rows)
      found.set(Number(row.id), {
        id: Number(row.id),
        fullName: row.full_name,
        partnerId: Number(row.partner_id),
        partnerName: row.partner_name,
        partnerArchived: row.archived_at !== null,
      });
    return found;
  }

  /** Records (or replaces) the contact's latest "keep" decision, in the caller's transaction. */
  async recordKeep(
    manager: EntityManager,
    contactId: number,
    at: Date,
    by: string,
    byUserId: number | null,
  ): Promise<void> {
    await sql(manager, `DELETE FROM contact_retention_reviews WHERE contact_id = ?`, [contactId]);
    await sql(
      manager,
      `INSERT INTO contact_retention_reviews (contact_id, kept_at, kept_by, kept_by_user_id)
       VALUES (?, ?, ?, ?)`,
      [contactId, at, by.slice(0, 160), byUserId],
    );
  }

  /** The contact's latest "keep" decision, or null. */
  async keptAt(manager: EntityManager, contactId: number): Promise<Date | null> {
    const rows = await sql<{ kept_at: string | Date }>(
      manager,
      `SELECT kept_at FROM contact_retention_reviews WHERE contact_id = ?`,
      [contactId],
    );
    return rows.length ? rawDate(rows[0].kept_at) : null;
  }
}
