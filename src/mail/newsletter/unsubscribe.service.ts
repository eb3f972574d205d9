import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { NotFoundError } from '../../common/domain-errors';
import { sha256 } from '../../common/secrets';
import { Transactions } from '../../database/transactions';
import type { Contact } from '../../partners/contacts/contact.entity';
import { ContactsService } from '../../partners/contacts/contacts.service';
import { PartnersQueries } from '../../partners/partners.queries';
import { MailOutbox } from '../outbox/mail-outbox.service';
import { UnsubscribeToken } from './unsubscribe-token.entity';

export const UNSUBSCRIBE_SOURCE = 'unsubscribe link';
export const RESUBSCRIBE_SOURCE = 'unsubscribe page (resubscribed)';

export interface SubscriptionView {
  name: string;
  email: string;
  subscribed: boolean;
}

/** The public unsubscribe link: withdraw the newsletter consent, or give it back. */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectRepository(UnsubscribeToken) private readonly tokens: Repository<UnsubscribeToken>,
    private readonly transactions: Transactions,
    private readonly outbox: MailOutbox,
    private readonly contacts: ContactsService,
    private readonly partners: PartnersQueries,
    private readonly clock: Clock,
  ) {}

  async view(token: string): Promise<SubscriptionView> {
    const found = await this.tokens.findOneBy({ tokenHash: this.hashOf(token) });
    const contact = found && (await this.partners.contactById(found.contactId));
    if (!contact) throw new NotFoundError('unsubscribeLink');
    return this.viewOf(contact);
  }

  /** Withdraws the consent (date, source); the contact's bulk mail still queued is cancelled. */
  unsubscribe(token: string): Promise<SubscriptionView> {
    return this.setConsent(token, false, UNSUBSCRIBE_SOURCE);
  }

  resubscribe(token: string): Promise<SubscriptionView> {
    return this.setConsent(token, true, RESUBSCRIBE_SOURCE);
  }

  private setConsent(token: string, consent: boolean, source: string): Promise<SubscriptionView> {
    const tokenHash = this.hashOf(token);
    return this.transactions.run(async (manager) => {
      const link = await manager.getRepository(UnsubscribeToken).findOneBy({ tokenHash });
      const contact = link && (await this.partners.contactById(link.contactId, manager));
      if (!link || !contact) throw new NotFoundError('unsubscribeLink');
      await manager
        .getRepository(UnsubscribeToken)
        .update(link.id, { lastUsedAt: this.clock.now() });
      if (!consent) await this.outbox.cancelPendingBulk(manager, contact.id);
      // The partner directory dates the change, records its source and audits it.
      await this.contacts.setNewsletterConsentIn(manager, contact, consent, source);
      return this.viewOf(contact);
    });
  }

  private viewOf(contact: Contact): SubscriptionView {
    return {
      name: contact.fullName,
      email: contact.email ?? '',
      subscribed: contact.newsletterConsent,
    };
  }

  /** Anything that is not a token we issued (43 base64url characters) finds nothing. */
  private hashOf(token: string): string {
    return /^[A-Za-z0-9_-]{43}$/.test(token) ? sha256(token) : '-';
  }
}
