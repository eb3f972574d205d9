import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { PartnersQueries } from '../../partners/partners.queries';
import { invitedPartnerRows } from '../invitations/invitations.queries';
import type { Meeting } from '../meeting.entity';
import { MeetingsQueries } from '../meetings.queries';

/** A line of the sign-in sheet: a contact of an invited partner, numbered as printed. */
export interface SheetLine {
  number: number;
  contactId: number;
  fullName: string;
  jobTitle: string | null;
  partnerId: number;
  partnerName: string;
}

/** An invited partner on the sheet (with or without contacts), for the walk-in lines. */
export interface SheetPartner {
  id: number;
  name: string;
}

export interface SignInSheet {
  meeting: Meeting;
  lines: SheetLine[];
  partners: SheetPartner[];
}

/**
 * Who is expected to sign: the contacts of the partners invited to the meeting (the same partners
 * the invitation mails go to; walk-ins recorded later are not invited), partners still active and
 * not archived. Unlike the mails, a contact without an email address is listed: the address is
 * what a mail needs, not what makes someone part of the invited partner. Ordered by organisation,
 * then name, in the network's collation (accents and case ignored), ids breaking ties, so that
 * the printed sheet and the attendance screen number people alike. Three statements whatever the
 * number of invitees.
 */
@Injectable()
export class SignInSheetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsQueries,
    private readonly partners: PartnersQueries,
    private readonly config: AppConfig,
  ) {}

  async sheet(meetingId: number): Promise<SignInSheet> {
    const meeting = await this.meetings.meetingById(meetingId);
    if (!meeting) throw new NotFoundError('meeting', meetingId);
    // Nobody signs for a meeting that will not take place: a sheet would look like evidence.
    if (meeting.status === 'cancelled') {
      throw new RuleViolationError('errors.signIn.cancelled', 'status');
    }
    const invited = await invitedPartnerRows(this.dataSource.manager, meetingId);
    const rows = await this.partners.activePartnersWithContacts(invited.map((i) => i.partnerId));
    const collator = new Intl.Collator(this.config.locale, { sensitivity: 'base', numeric: true });
    const byName = (a: { name: string; id: number }, b: { name: string; id: number }) =>
      collator.compare(a.name, b.name) || a.id - b.id;
    const partners = [...new Map(rows.map((r) => [r.partnerId, r.partnerName])).entries()]
      .map(([id, name]) => ({ id, name }))
      .sort(byName);
    const rank = new Map(partners.map((p, index) => [p.id, index]));
    const lines = rows
      .filter((r) => r.contactId !== null)
      .sort(
        (a, b) =>
          rank.get(a.partnerId)! - rank.get(b.partnerId)! ||
          byName(
            { name: a.fullName ?? '', id: a.contactId! },
            { name: b.fullName ?? '', id: b.contactId! },
          ),
      )
      .map((r, index) => ({
        number: index + 1,
        contactId: r.contactId!,
        fullName: r.fullName ?? '',
        jobTitle: r.jobTitle,
        partnerId: r.partnerId,
        partnerName: r.partnerName,
      }));
    return { meeting, lines, partners };
  }
}
