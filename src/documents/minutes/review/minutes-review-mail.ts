import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { MailTemplates } from '../../../mail/delivery/mail-templates';
import { MailOutbox, OutboxMessageInput } from '../../../mail/outbox/mail-outbox.service';
import type { Contact } from '../../../partners/contacts/contact.entity';
import { PartnersQueries } from '../../../partners/partners.queries';
import { formatCalendarDate } from '../../../common/web/format';
import { ViewService } from '../../../common/web/view.service';
import { MinutesReviewLinks } from './minutes-review-links';
import type { MinutesReviewRound } from './minutes-review-round.entity';

/**
 * Whether a contact gets review mail: an address, not erased, and still receiving minutes (the
 * minutes' opt-out, which the unsubscribe of minutes mails and the contact form set).
 */
export function mayBeMailed(contact: Pick<Contact, 'email' | 'erasedAt' | 'receivesMinutes'>) {
  return Boolean(contact.email) && !contact.erasedAt && contact.receivesMinutes;
}

/**
 * The review round's mails through the outbox, in the caller's transaction: the invitation when
 * the round opens and the reminder before the deadline. Each carries a personal portal sign-in
 * link leading to the review page. Keys `minutes-review:<round>:<contact>` and
 * `minutes-review-reminder:<round>:<contact>`, group `minutes-review:<meeting>`.
 */
@Injectable()
export class MinutesReviewMail {
  constructor(
    private readonly partners: PartnersQueries,
    private readonly links: MinutesReviewLinks,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** Mails these contacts (those who may be mailed); answers how many messages were queued. */
  async send(
    manager: EntityManager,
    round: MinutesReviewRound,
    meetingTitle: string,
    contactIds: number[],
    reminder: boolean,
  ): Promise<number> {
    const contacts = (await this.partners.contactsByIds(contactIds, {}, manager)).filter(
      mayBeMailed,
    );
    const locale = this.config.locale;
    const t = this.views.translator;
    const subject = t.translate(
      locale,
      reminder ? 'minutesReview.mail.reminderSubject' : 'minutesReview.mail.subject',
      { title: meetingTitle },
    );
    const deadline = formatCalendarDate(round.deadlineDay, locale);
    const messages: OutboxMessageInput[] = [];
    for (const contact of contacts) {
      const url = await this.links.urlFor(manager, contact.id, round.meetingId);
      const rendered = this.templates.render('minutes-review', {
        title: subject,
        name: contact.fullName,
        meeting: meetingTitle,
        deadline,
        url,
        reminder,
      });
      messages.push({
        purpose: reminder ? 'minutes-review-reminder' : 'minutes-review',
        idempotencyKey: `${reminder ? 'minutes-review-reminder' : 'minutes-review'}:${round.id}:${contact.id}`,
        to: { email: contact.email!, name: contact.fullName },
        contactId: contact.id,
        subject,
        ...rendered,
        group: `minutes-review:${round.meetingId}`,
      });
    }
    if (messages.length > 0) await this.outbox.enqueueMany(manager, messages);
    return messages.length;
  }
}
