import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { randomToken, sha256 } from '../../common/secrets';
import { AppConfig } from '../../config/app-config';
import { PartnersQueries } from '../../partners/partners.queries';
import { MailOutbox, OutboxMessageInput } from '../outbox/mail-outbox.service';
import { UnsubscribeToken } from './unsubscribe-token.entity';

/** Where each recipient's own unsubscribe link goes in a bulk sending's stored body. */
export { UNSUBSCRIBE_URL_SLOT } from '../outbox/mail-body.entity';

/** Recipients read, and messages built, per page (a multiple of MailOutbox.enqueueMany's chunk). */
export const AUDIENCE_PAGE = 500;

/** Unsubscribe tokens per INSERT (4 parameters a row). */
const TOKEN_CHUNK = 500;

export interface UnsubscribeLinks {
  /** `${PUBLIC_URL}/u/<token>`: the page, and the RFC 8058 one-click POST target. */
  url: string;
  /** `mailto:<MAIL_UNSUBSCRIBE_ADDRESS>?subject=unsubscribe <token>`, read by the agency. */
  mailto: string;
}

/** A bulk sending's content, with UNSUBSCRIBE_URL_SLOT where the recipient's link goes. */
export interface NewsletterContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * Who receives bulk mail (the newsletter), and their unsubscribe links. Only contacts who gave
 * their consent (newsletter_consent = true), with an email address, at a partner that is not
 * archived, are in the audience; the consent is read when the messages are enqueued, and an
 * unsubscribe also cancels that contact's bulk messages still waiting in the outbox.
 */
@Injectable()
export class NewsletterAudience {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly partners: PartnersQueries,
  ) {}

  /**
   * A fresh unsubscribe link for one contact (256 random bits, stored as its SHA-256). Issued
   * per message, so links in older newsletters keep working.
   */
  async unsubscribeLinks(manager: EntityManager, contactId: number): Promise<UnsubscribeLinks> {
    const [links] = await this.issue(manager, [contactId]);
    return links;
  }

  /**
   * Enqueues one bulk message per consenting contact, in the caller's transaction. The content is
   * stored once (MailBody) with UNSUBSCRIBE_URL_SLOT where each recipient's own link goes: the
   * dispatcher fills it in when it sends. Keys are `${purpose}:${subjectId}:${email}`, so
   * enqueueing the same sending again adds nobody twice (and keeps no second body).
   */
  async enqueue(
    manager: EntityManager,
    sending: {
      purpose?: string;
      subjectId: string | number;
      /** Progress reference, e.g. `newsletter:12`. */
      group: string;
      content: NewsletterContent;
    },
  ): Promise<{ recipients: number; created: number }> {
    const purpose = sending.purpose ?? 'newsletter';
    const { subject, html, text } = sending.content;
    const bodyId = await this.outbox.storeSharedBody(manager, { html, text });
    let recipients = 0;
    let created = 0;
    // Page by page, in the caller's one transaction: all or nothing, a constant handful of
    // statements per page, and only one page of recipients in memory at a time.
    for (let afterId = 0; ;) {
      // One keyset page of the audience: pages keep the memory of a sending bounded (a message
      // body is kilobytes; 50,000 of them at once took gigabytes).
      const page = await this.partners.optedInContactsAfter(afterId, AUDIENCE_PAGE, manager);
      if (page.length === 0) break;
      afterId = page[page.length - 1].contactId;
      recipients += page.length;
      const links = await this.issue(
        manager,
        page.map((r) => r.contactId),
      );
      const messages: OutboxMessageInput[] = page.map((recipient, i) => ({
        purpose,
        idempotencyKey: `${purpose}:${sending.subjectId}:${recipient.email.toLowerCase()}`,
        to: { email: recipient.email, name: recipient.name },
        contactId: recipient.contactId,
        subject,
        bodyId,
        bulk: true,
        unsubscribe: links[i],
        group: sending.group,
      }));
      created += await this.outbox.enqueueMany(manager, messages);
      if (page.length < AUDIENCE_PAGE) break;
    }
    if (created === 0) await this.outbox.discardUnusedBody(manager, bodyId);
    return { recipients, created };
  }

  private async issue(manager: EntityManager, contactIds: number[]): Promise<UnsubscribeLinks[]> {
    const now = this.clock.now();
    const tokens = contactIds.map(() => randomToken(32));
    const repository = manager.getRepository(UnsubscribeToken);
    for (let i = 0; i < contactIds.length; i += TOKEN_CHUNK) {
      await repository.insert(
        contactIds.slice(i, i + TOKEN_CHUNK).map((contactId, j) => ({
          contactId,
          tokenHash: sha256(tokens[i + j]),
          createdAt: now,
          lastUsedAt: null,
        })),
      );
    }
    return tokens.map((token) => ({
      url: `${this.config.publicUrl}/u/${token}`,
      mailto: `mailto:${this.config.mailUnsubscribeAddress}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
    }));
  }
}
