import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { MailOutbox, OutboxMessageInput } from '../../mail/outbox/mail-outbox.service';
import { MailTemplates } from '../../mail/delivery/mail-templates';
import type { Contact } from '../../partners/contacts/contact.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import { ViewService } from '../../common/web/view.service';
import { invitedPartnerRows } from './invitations.queries';
import type { Meeting } from '../meeting.entity';
import { MeetingIcs } from '../calendar/meeting-ics';
import { SeriesIcs } from '../series/series-ics';

/** A contact as a mail needs it. */
type Recipient = Pick<Contact, 'id' | 'partnerId' | 'fullName' | 'email'>;

/**
 * The mail of invitations, enqueued in the transaction that invites or cancels. Recipients: every
 * contact with an email address of the invited partner (the invitation is the partner's; its
 * contacts share its one answer link). Keys: `invitation:<meeting>:<contact>`,
 * `meeting-cancelled:<meeting>:<contact>` and `meeting-updated:<meeting>:<contact>:<sequence>`
 * (one per change, each carrying the calendar entry as of that change).
 */
@Injectable()
export class InvitationMails {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly views: ViewService,
    private readonly ics: MeetingIcs,
    private readonly seriesIcs: SeriesIcs,
    private readonly config: AppConfig,
    private readonly partners: PartnersQueries,
  ) {}

  /** One invitation per contact of each newly invited partner, with its answer link and the .ics. */
  async invited(
    manager: EntityManager,
    meeting: Meeting,
    links: Array<{ partnerId: number; url: string }>,
  ): Promise<void> {
    if (links.length === 0) return;
    const urlOf = new Map(links.map((l) => [l.partnerId, l.url]));
    const contacts = await this.contactsOf(manager, [...urlOf.keys()]);
    const calendar = this.ics.meeting(meeting);
    // An occurrence of a series: each partner gets the series as it is invited to it.
    const seriesCalendars =
      meeting.seriesId === null
        ? null
        : await this.seriesIcs.calendarsForPartners(manager, meeting.seriesId, [...urlOf.keys()]);
    const subject = this.translate('meetings.mail.invitation.subject', { title: meeting.title });
    const messages = contacts.map((contact) => {
      const answerUrl = urlOf.get(contact.partnerId)!;
      return this.message(meeting, contact, {
        purpose: 'invitation',
        subject,
        template: 'meeting-invitation',
        model: { answerUrl },
        ics: seriesCalendars?.get(contact.partnerId) ?? calendar,
        method: 'PUBLISH',
      });
    });
    await this.outbox.enqueueMany(manager, messages);
  }

  /**
   * The new time or place (METHOD:REQUEST, same UID, the new SEQUENCE) to the contacts of every
   * invited partner: the same people as the invitation. `previous` is the meeting before the change.
   */
  async updated(
    manager: EntityManager,
    meeting: Meeting,
    previous: Pick<Meeting, 'startsAt' | 'endsAt'>,
    wholeSeries = false,
  ): Promise<void> {
    const contacts = await this.invitedContacts(manager, meeting);
    if (contacts.length === 0) return;
    const place = await this.seriesIcs.placeOfMeeting(manager, meeting);
    // A change of a whole series: one mail, with the series as the partner is invited to it.
    const seriesCalendars =
      wholeSeries && meeting.seriesId !== null
        ? await this.seriesIcs.calendarsForPartners(manager, meeting.seriesId, [
            ...new Set(contacts.map((c) => c.partnerId)),
          ])
        : null;
    // An earlier change not yet mailed is out of date: only the latest entry goes out.
    await this.outbox.supersedePending(
      manager,
      `meeting-updated:${meeting.id}`,
      'superseded by a later change',
    );
    const subject = this.translate('meetings.mail.updated.subject', { title: meeting.title });
    const timeChanged =
      previous.startsAt.getTime() !== meeting.startsAt.getTime() ||
      previous.endsAt.getTime() !== meeting.endsAt.getTime();
    await this.outbox.enqueueMany(
      manager,
      contacts.map((contact) =>
        this.message(meeting, contact, {
          purpose: 'meeting-updated',
          key: `meeting-updated:${meeting.id}:${contact.id}:${meeting.sequence}`,
          subject,
          template: 'meeting-updated',
          model: { previous, timeChanged },
          ics:
            seriesCalendars?.get(contact.partnerId) ??
            this.ics.updateRequest(
              meeting,
              { email: contact.email!, name: contact.fullName },
              place,
            ),
          method: seriesCalendars ? 'PUBLISH' : 'REQUEST',
        }),
      ),
    );
  }

  /** A cancellation notice (METHOD:CANCEL) to the contacts of every invited partner. */
  async cancelled(manager: EntityManager, meeting: Meeting): Promise<void> {
    const contacts = await this.invitedContacts(manager, meeting);
    if (contacts.length === 0) return;
    await this.outbox.supersedePending(
      manager,
      `meeting-updated:${meeting.id}`,
      'the meeting was cancelled',
    );
    // An occurrence of a series: the series' UID and this occurrence's RECURRENCE-ID.
    const place = await this.seriesIcs.placeOfMeeting(manager, meeting);
    const calendar = this.ics.meeting(meeting, place);
    const subject = this.translate('meetings.mail.cancelled.subject', { title: meeting.title });
    await this.outbox.enqueueMany(
      manager,
      contacts.map((contact) =>
        this.message(meeting, contact, {
          purpose: 'meeting-cancelled',
          subject,
          template: 'meeting-cancelled',
          model: { reason: meeting.cancelReason },
          ics: calendar,
          method: 'CANCEL',
        }),
      ),
    );
  }

  private message(
    meeting: Meeting,
    contact: Recipient,
    mail: {
      purpose: string;
      subject: string;
      template: string;
      model: Record<string, unknown>;
      ics: string;
      method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
      /** Idempotency key, when one mail per meeting and contact is not enough. */
      key?: string;
    },
  ): OutboxMessageInput {
    const rendered = this.templates.render(mail.template, {
      title: mail.subject,
      name: contact.fullName,
      meeting: {
        title: meeting.title,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        venueName: meeting.venueName,
        venueAddress: meeting.venueAddress,
        onlineUrl: meeting.onlineUrl,
      },
      ...mail.model,
    });
    return {
      purpose: mail.purpose,
      idempotencyKey: mail.key ?? `${mail.purpose}:${meeting.id}:${contact.id}`,
      to: { email: contact.email!, name: contact.fullName },
      contactId: contact.id,
      subject: mail.subject,
      ...rendered,
      attachments: [
        {
          filename: 'invitation.ics',
          contentType: `text/calendar; charset=utf-8; method=${mail.method}`,
          content: mail.ics,
        },
      ],
      group: `${mail.purpose}:${meeting.id}`,
    };
  }

  /** Every contact with an address of the partners invited to the meeting. */
  private async invitedContacts(manager: EntityManager, meeting: Meeting): Promise<Recipient[]> {
    const invitations = await invitedPartnerRows(manager, meeting.id);
    if (invitations.length === 0) return [];
    return this.contactsOf(
      manager,
      invitations.map((i) => i.partnerId),
    );
  }

  /** The contacts of these partners that have an email address (blank ones left out), by id. */
  private async contactsOf(manager: EntityManager, partnerIds: number[]): Promise<Recipient[]> {
    const contacts = await this.partners.contactsOfPartners(partnerIds, {}, manager);
    return contacts.filter((c) => c.email && c.email.trim() !== '');
  }

  private translate(key: string, values: Record<string, string>): string {
    return this.views.translator.translate(this.config.locale, key, values);
  }
}
