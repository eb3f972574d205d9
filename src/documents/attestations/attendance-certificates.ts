import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Content } from 'pdfmake/interfaces';
import { calendarDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { endsOnAnotherDay, formatLongDate, formatTime } from '../../common/web/format';
import { PdfDocuments } from '../../common/web/pdf/pdf-documents';
import { OwnAgency } from '../../common/web/pdf/own-agency';
import { pdfFileName } from '../../common/web/pdf/pdf-response';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import {
  AttendanceFiguresQueries,
  PersonRecordedPresent,
} from '../../meetings/attendance/attendance-figures.queries';
import { MeetingForDocuments, MeetingsQueries } from '../../meetings/meetings.queries';
import { PartnersQueries } from '../../partners/partners.queries';
import { compareFrenchLoosely } from '../../common/french-order';

/** Certificates are issued for meetings that took place. */
const HELD = new Set(['held', 'closed']);

const compareText = compareFrenchLoosely;

/** Someone a certificate can be issued to, as the minutes page lists them. */
export interface CertificateHolder {
  contactId: number | null;
  fullName: string;
  partnerName: string;
}

/**
 * Attendance certificates ("attestations de présence"): the agency certifies that a person
 * recorded present at a held or closed meeting attended it, with the time, the place and the
 * duration, a place and date of issue and a block to sign. Only people on the recorded attendance
 * (phase `attendance`, partner marked present) get one: people announced in an answer were
 * expected, not seen. Guests recorded by name, without a contact record, are in the meeting's
 * file; a single certificate is asked for by contact.
 */
@Injectable()
export class AttendanceCertificates {
  constructor(
    private readonly meetings: MeetingsQueries,
    private readonly attendance: AttendanceFiguresQueries,
    private readonly partners: PartnersQueries,
    private readonly pdf: PdfDocuments,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly ownAgency: OwnAgency,
  ) {}

  /** The people recorded present, by organisation then name; empty before the meeting is held. */
  async holders(meetingId: number): Promise<CertificateHolder[]> {
    const meeting = await this.meetings.meetingForMinutes(meetingId);
    if (!meeting || !HELD.has(meeting.status)) return [];
    return (await this.present(meetingId)).map(({ contactId, fullName, partnerName }) => ({
      contactId,
      fullName,
      partnerName,
    }));
  }

  /** One contact's certificate. 404 for an unknown meeting or contact, 422 when not present. */
  async forContact(
    meetingId: number,
    contactId: number,
  ): Promise<{ stream: Readable; fileName: string }> {
    const meeting = await this.heldMeeting(meetingId);
    const contact = await this.partners.contactById(contactId);
    if (!contact) throw new NotFoundError('contact', contactId);
    const person = (await this.present(meetingId)).find((p) => p.contactId === contactId);
    if (!person)
      throw new RuleViolationError(
        { key: 'errors.attestations.notPresent', params: { name: contact.fullName } },
        'contactId',
      );
    const title = this.views.text('attestations.title');
    const agency = await this.ownAgency.name();
    return {
      stream: await this.pdf.create({
        title,
        subject: meeting.title,
        content: this.certificate(meeting, person, agency),
        agency,
      }),
      fileName: pdfFileName(
        person.fullName,
        (name) => `${title} — ${name} — ${this.dayOf(meeting)}`,
      ),
    };
  }

  /** Every certificate of a meeting in one file, one a page, by organisation then name. */
  async forMeeting(meetingId: number): Promise<{ stream: Readable; fileName: string }> {
    const meeting = await this.heldMeeting(meetingId);
    const people = await this.present(meetingId);
    if (people.length === 0)
      throw new RuleViolationError('errors.attestations.nobodyPresent', 'meetingId');
    const title = this.views.text('attestations.fileTitle');
    const agency = await this.ownAgency.name();
    const content = people.map((person, index): Content => ({
      stack: this.certificate(meeting, person, agency),
      ...(index > 0 ? { pageBreak: 'before' as const } : {}),
    }));
    return {
      // One certificate a page, each for its holder: no "Page 37 / 98".
      stream: await this.pdf.create({
        title,
        subject: meeting.title,
        content,
        pageNumbers: false,
        agency,
      }),
      fileName: pdfFileName(meeting.title, (name) => `${title} — ${name} — ${this.dayOf(meeting)}`),
    };
  }

  private async heldMeeting(meetingId: number): Promise<MeetingForDocuments> {
    const meeting = await this.meetings.meetingForMinutes(meetingId);
    if (!meeting) throw new NotFoundError('meeting', meetingId);
    if (!HELD.has(meeting.status) || meeting.startsAt > this.clock.now())
      throw new RuleViolationError('errors.attestations.notHeld', 'meetingId');
    return meeting;
  }

  private async present(meetingId: number): Promise<PersonRecordedPresent[]> {
    const people = await this.attendance.peopleRecordedPresent(meetingId);
    return people.sort(
      (a, b) =>
        compareText(a.partnerName, b.partnerName) ||
        compareText(a.fullName, b.fullName) ||
        a.attendeeId - b.attendeeId,
    );
  }

  private dayOf(meeting: MeetingForDocuments): string {
    return calendarDayInZone(meeting.startsAt, this.config.timeZone);
  }

  private certificate(
    meeting: MeetingForDocuments,
    person: PersonRecordedPresent,
    agencyName: string,
  ): Content[] {
    const t = (key: string, params: Record<string, string | number> = {}) =>
      this.views.text(key, params);
    const { locale, timeZone } = this.config;
    const minutes = Math.max(
      0,
      Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000),
    );
    const hours = Math.floor(minutes / 60);
    const place = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
    const where = place || (meeting.onlineUrl ? t('attestations.online') : '');
    return [
      {
        text: t('attestations.title'),
        style: 'title',
        alignment: 'center',
        margin: [0, 30, 0, 30],
      },
      {
        text: t('attestations.statement', {
          agency: agencyName,
          // "Agence de développement local…" already says it: "L’Agence de…", not "L’agence Agence…".
          named: /^(agence|agency)\s/i.test(agencyName) ? 'yes' : 'no',
          name: person.fullName,
          hasRole: person.jobTitle ? 'yes' : 'no',
          role: person.jobTitle ?? '',
          organisation: person.partnerName,
          meeting: meeting.title,
          date: formatLongDate(meeting.startsAt, locale, timeZone),
          from: formatTime(meeting.startsAt, locale, timeZone),
          otherDay: endsOnAnotherDay(meeting.startsAt, meeting.endsAt, timeZone) ? 'yes' : 'no',
          endDate: formatLongDate(meeting.endsAt, locale, timeZone),
          to: formatTime(meeting.endsAt, locale, timeZone),
          hasPlace: where ? 'yes' : 'no',
          place: where,
          duration: t('attestations.duration', {
            hours,
            minutes: minutes % 60,
            both: hours > 0 && minutes % 60 > 0 ? 'yes' : 'no',
          }),
        }),
        fontSize: 11,
        lineHeight: 1.4,
        margin: [0, 0, 0, 16],
      },
      { text: t('attestations.purpose'), fontSize: 11, margin: [0, 0, 0, 30] },
      {
        text: t('attestations.issued', {
          date: formatLongDate(this.clock.now(), locale, timeZone),
        }),
        margin: [0, 0, 0, 24],
      },
      {
        margin: [260, 0, 0, 0],
        stack: [
          { text: t('attestations.forAgency', { agency: agencyName }), bold: true },
          { text: t('attestations.signatory'), style: 'muted', margin: [0, 2, 0, 50] },
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.7 }] },
          { text: t('attestations.signature'), style: 'small', margin: [0, 3, 0, 0] },
        ],
      },
    ];
  }
}
