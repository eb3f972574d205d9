import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { Contact } from '../partners/contact';
import { MailOutbox, OutboxMessageInput } from './mail-outbox.service';
import { UnsubscribeToken } from './unsubscribe-token';

export interface NewsletterRecipient {
  contactId: number;
  email: string;
  name: string;
}

export interface UnsubscribeLinks {
  /** `${PUBLIC_URL}/u/<token>`: the page, and the RFC 8058 one-click POST target. */
  url: string;
  /** `mailto:<MAIL_UNSUBSCRIBE_ADDRESS>?subject=unsubscribe <token>`, read by the agency. */
  mailto: string;
}

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
  ) {}

  async recipients(manager: EntityManager): Promise<NewsletterRecipient[]> {
    const contacts = await manager
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoin('c.partner', 'p')
      .select(['c.id', 'c.fullName', 'c.email'])
      .where('c.newsletter_consent = :yes', { yes: true })
      .andWhere('p.active = :yes')
      .andWhere("c.email IS NOT NULL AND c.email <> ''")
      .orderBy('c.id', 'ASC')
      .getMany();
    return contacts.map((c) => ({ contactId: c.id, email: c.email!, name: c.fullName }));
  }

  /**
   * A fresh unsubscribe link for one contact (256 random bits, stored as its SHA-256). Issued
   * per message, so links in older newsletters keep working.
   */
  async unsubscribeLinks(manager: EntityManager, contactId: number): Promise<UnsubscribeLinks> {
    const [links] = await this.issue(manager, [contactId]);
    return links;
  }

  /**
   * Enqueues one bulk message per consenting contact, in the caller's transaction. `render` gets
   * the recipient and their unsubscribe URL (to show it in the body). Keys are
   * `${purpose}:${subjectId}:${email}`, so enqueueing the same sending again adds nobody twice.
   */
  async enqueue(
    manager: EntityManager,
    sending: {
      purpose?: string;
      subjectId: string | number;
      /** Progress reference, e.g. `newsletter:12`. */
      group: string;
      render: (recipient: NewsletterRecipient, unsubscribeUrl: string) => NewsletterContent;
    },
  ): Promise<{ recipients: number; created: number }> {
    const purpose = sending.purpose ?? 'newsletter';
    const recipients = await this.recipients(manager);
    const links = await this.issue(
      manager,
      recipients.map((r) => r.contactId),
    );
    const messages: OutboxMessageInput[] = recipients.map((recipient, i) => ({
      purpose,
      idempotencyKey: `${purpose}:${sending.subjectId}:${recipient.email.toLowerCase()}`,
      to: { email: recipient.email, name: recipient.name },
      contactId: recipient.contactId,
      ...sending.render(recipient, links[i].url),
      bulk: true,
      unsubscribe: links[i],
      group: sending.group,
    }));
    const created = await this.outbox.enqueueMany(manager, messages);
    return { recipients: recipients.length, created };
  }

  private async issue(manager: EntityManager, contactIds: number[]): Promise<UnsubscribeLinks[]> {
    const now = this.clock.now();
    const tokens = contactIds.map(() => randomToken(32));
    const repository = manager.getRepository(UnsubscribeToken);
    for (let i = 0; i < contactIds.length; i += 200) {
      await repository.insert(
        contactIds.slice(i, i + 200).map((contactId, j) => ({
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
