import { Injectable } from '@nestjs/common';
import { type Actor, AuditService } from '../audit/audit.service';
import type { AuditEntry } from '../audit/audit-entry.entity';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors';
import { erasureReplacements, type ErasureSubject } from '../common/erasure';
import { ViewService } from '../common/web/view.service';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { DocumentsErasure, type PersonalReviewEntry } from '../documents/documents-erasure';
import { MailPersonalData, type PersonalMail } from '../mail/outbox/mail-personal-data';
import {
  MeetingPersonalData,
  type PersonalAgendaItem,
  type PersonalMeeting,
} from '../meetings/meeting-personal-data';
import { ContactErasure, type ContactPersonalData } from '../partners/contacts/contact-erasure';
import {
  PortalLinkPersonalData,
  type PersonalPortalLink,
} from '../portal/links/portal-link-personal-data';
import {
  FollowUpPersonalData,
  type PersonalFollowUp,
  type PersonalFollowUpLink,
} from '../projects/follow-ups/follow-up-personal-data';

/** Everything Maillage holds about one contact (RGPD article 15). */
export interface PersonalData extends ContactPersonalData {
  generatedAt: Date;
  meetings: PersonalMeeting[];
  agendaItems: PersonalAgendaItem[];
  followUps: PersonalFollowUp[];
  followUpLinks: PersonalFollowUpLink[];
  /** Their part in the minutes reviews, each with the meeting's title when they were invited. */
  reviews: (PersonalReviewEntry & { meetingTitle: string | null })[];
  mails: PersonalMail[];
  portalLinks: PersonalPortalLink[];
  audit: AuditEntry[];
}

/**
 * A person's rights over their data (docs/personal-data.md). Access: each context gives its part
 * through its own exported reader, a fixed number of statements whatever the history (the export
 * is audited, without the data). Erasure: each context erases its own tables, all in one
 * transaction, refused while the law keeps the attendance proof.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly views: ViewService,
    private readonly contacts: ContactErasure,
    private readonly mail: MailPersonalData,
    private readonly meetings: MeetingPersonalData,
    private readonly projects: FollowUpPersonalData,
    private readonly documents: DocumentsErasure,
    private readonly portal: PortalLinkPersonalData,
  ) {}

  /** The contact's data (audited: who exported whose data, when), or NotFoundError. */
  async exportOf(actor: Actor, contactId: number): Promise<PersonalData> {
    const directory = await this.contacts.personalDataOf(contactId);
    if (!directory) throw new NotFoundError('contact', contactId);
    await this.transactions.run((manager) =>
      this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: contactId,
        action: 'export',
      }),
    );
    const { meetings, agendaItems } = await this.meetings.personalDataOf(contactId);
    const { followUps, links } = await this.projects.personalDataOf(contactId);
    return {
      ...directory,
      generatedAt: this.clock.now(),
      meetings,
      agendaItems,
      followUps,
      followUpLinks: links,
      reviews: (await this.documents.personalDataOf(contactId)).map((entry) => ({
        ...entry,
        meetingTitle: meetings.find((m) => m.meetingId === entry.meetingId)?.title ?? null,
      })),
      mails: await this.mail.personalDataOf(contactId, directory.contact.emailKey),
      portalLinks: await this.portal.personalDataOf(contactId),
      audit: await this.audit.trailOf('contact', contactId),
    };
  }

  /**
   * Erases the contact (RGPD article 17): one transaction through every context. Refused (422)
   * while they are recorded present at a meeting held less than ATTENDANCE_PROOF_YEARS ago, and
   * (409) when already erased.
   */
  erase(actor: Actor, contactId: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      const contact = await this.contacts.contactIn(manager, contactId);
      if (!contact) throw new NotFoundError('contact', contactId);
      if (contact.erasedAt) throw new ConflictError('errors.privacy.alreadyErased');
      const now = this.clock.now();
      const years = this.config.attendanceProofYears;
      if (years > 0) {
        const since = new Date(now);
        since.setUTCFullYear(since.getUTCFullYear() - years);
        const present = await this.meetings.presentSince(manager, contactId, since);
        if (present) {
          const until = new Date(present);
          until.setUTCFullYear(until.getUTCFullYear() + years);
          throw new RuleViolationError({
            key: 'errors.privacy.attendanceProof',
            params: { years, until: until.toISOString().slice(0, 10) },
          });
        }
      }
      const label = this.views.text('privacy.erasedName');
      const trail = await this.audit.trailOf('contact', contactId, manager);
      const subject: ErasureSubject = {
        contactId,
        emailKey: contact.emailKey,
        label,
        now,
        replacements: erasureReplacements(
          [contact.fullName, contact.email, contact.phone, ...formerValues(trail)],
          label,
        ),
      };
      await this.mail.eraseIn(manager, subject);
      await this.meetings.eraseIn(manager, subject);
      await this.projects.eraseIn(manager, subject);
      await this.documents.eraseIn(manager, subject);
      await this.portal.eraseIn(manager, subject);
      await this.contacts.eraseIn(
        manager,
        actor,
        contact,
        subject,
        this.views.text('privacy.erasureSource'),
      );
      await this.audit.scrubIn(manager, 'contact', contactId, subject.replacements);
      await this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: contactId,
        action: 'erase',
      });
    });
  }
}

/** The names and addresses the contact had before (renamed since), from its audit trail. */
function formerValues(trail: AuditEntry[]): string[] {
  const values: string[] = [];
  for (const entry of trail)
    for (const field of ['fullName', 'email', 'phone'])
      for (const value of [entry.changes?.[field]?.before, entry.changes?.[field]?.after])
        if (typeof value === 'string') values.push(value);
  return values;
}
