import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import type { ErasureSubject } from '../../common/erasure';
import { replaceTextIn, sql } from '../../database/sql';
import { Transactions } from '../../database/transactions';
import { AppConfig } from '../../config/app-config';
import { likePattern } from '../../common/text';
import { keptFileName } from '../delivery/mail-transport';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxStatus } from './outbox-message.entity';

type RawTime = string | Date | null;
type RawValue = string | number | boolean | Date | null;

/** A mail sent (or to be sent) to a person, as the right of access lists it: no body. */
export interface PersonalMail {
  createdAt: Date;
  sentAt: Date | null;
  subject: string;
  purpose: string;
  status: OutboxStatus;
}

/** Why the dispatcher never sends a cancelled mail to an erased contact (its `last_error`). */
export const ERASED_RECIPIENT = 'recipient erased (RGPD art. 17)';

/**
 * The outbox's part of a person's rights (docs/personal-data.md): the mails to a contact (by
 * contact id or by their address) in one statement, and the erasure of the recipient from them.
 */
@Injectable()
export class MailPersonalData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  /** The mails to the contact or their address, oldest first: date, subject, purpose, status. */
  async personalDataOf(contactId: number, emailKey: string | null): Promise<PersonalMail[]> {
    const rows = await sql<Record<string, RawValue>>(
      this.dataSource.manager,
      `SELECT created_at, sent_at, subject, purpose, status FROM mail_outbox
        WHERE contact_id = ? OR LOWER(recipient_email) = ? ORDER BY created_at, id`,
      [contactId, emailKey ?? ''],
    );
    return rows.map((row) => ({
      createdAt: rawDate(row.created_at as RawTime) ?? new Date(0),
      sentAt: rawDate(row.sent_at as RawTime),
      subject: String(row.subject),
      purpose: String(row.purpose),
      status: row.status as OutboxStatus,
    }));
  }

  /**
   * Mail still queued for the person (pending, retrying, being sent) is cancelled: the dispatcher
   * sends only pending mail, and a send in flight cannot finish a row it no longer holds. Every
   * row to them (sent ones too: their date and subject stay for the counts) loses its address and
   * name. Their name and address are replaced in every stored subject, body and text attachment
   * (mails to others that named them: the minutes, the newsletter). Their unsubscribe links go.
   */
  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    const theirs = `(contact_id = ? OR LOWER(recipient_email) = ?)`;
    const who = [subject.contactId, subject.emailKey ?? ''];
    await this.removeKeptCopies(manager, theirs, who, subject);
    await sql(
      manager,
      `UPDATE mail_outbox SET status = 'cancelled', last_error = ?, claim_token = NULL, claimed_at = NULL
        WHERE ${theirs} AND status IN ('pending', 'sending')`,
      [ERASED_RECIPIENT, ...who],
    );
    // The newsletter's idempotency key names the address: it becomes the placeholder (still unique).
    const placeholder = `contact-${subject.contactId}@erased.invalid`;
    await sql(
      manager,
      `UPDATE mail_outbox SET recipient_email = ?, recipient_name = ?, unsubscribe_url = NULL,
              idempotency_key = REPLACE(idempotency_key, ?, ?) WHERE ${theirs}`,
      [placeholder, subject.label, subject.emailKey ?? placeholder, placeholder, ...who],
    );
    await replaceTextIn(
      manager,
      'mail_outbox',
      ['subject', 'html', 'text', 'attachments', 'recipient_name'],
      subject.replacements,
    );
    await replaceTextIn(manager, 'mail_bodies', ['html', 'text'], subject.replacements);
    await sql(manager, `DELETE FROM unsubscribe_tokens WHERE contact_id = ?`, [subject.contactId]);
  }

  /**
   * The .eml copies kept without SMTP (DATA_DIR/outbox) of the mails to the person or naming
   * them are files the database's replacements do not reach: they are deleted once the erasure
   * has committed (the outbox rows stay, erased).
   */
  private async removeKeptCopies(
    manager: EntityManager,
    theirs: string,
    who: (string | number)[],
    subject: ErasureSubject,
  ): Promise<void> {
    const names = subject.replacements.map(([from]) => from).filter((from) => from.length > 0);
    const like = `LIKE ? ESCAPE '\\'`;
    const naming = names.map(
      () =>
        `(subject ${like} OR html ${like} OR text ${like} OR body_id IN
          (SELECT id FROM mail_bodies WHERE html ${like} OR text ${like}))`,
    );
    const rows = await sql<{ id: number; purpose: string }>(
      manager,
      `SELECT id, purpose FROM mail_outbox
        WHERE transport = 'file' AND (${[theirs, ...naming].join(' OR ')})`,
      [...who, ...names.flatMap((name) => Array<string>(5).fill(likePattern(name)))],
    );
    if (rows.length === 0) return;
    const dir = this.config.outboxDir;
    this.transactions.afterCommit(manager, () => {
      for (const row of rows) rmSync(join(dir, keptFileName(row)), { force: true });
    });
  }
}
