import { Injectable } from '@nestjs/common';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import {
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalRepeatingOptions,
} from 'ical-generator';
import { AppConfig } from '../../config/app-config';
import type { Meeting } from '../meeting.entity';

/**
 * Where an event sits in a series (docs/meeting-series.md): the series' UID, and either the rule
 * (the series' own entry) or the RECURRENCE-ID of one occurrence (wall-clock Dates, see wallClock).
 */
export interface SeriesPlace {
  uid: string;
  repeating?: ICalRepeatingOptions;
  recurrenceId?: Date;
}

/**
 * The wall-clock time of `date` in `timeZone`, as a Date whose *local* fields hold it.
 * ical-generator writes `DTSTART;TZID=<zone>:` with the local getters of a native Date, so this
 * gives "20260312T093000" for 08:30 UTC in Europe/Brussels whatever the server's own zone.
 */
export function wallClock(date: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return new Date(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** Builds the iCalendar (RFC 5545) text of meetings: the .ics download, feeds, mail attachments. */
@Injectable()
export class MeetingIcs {
  constructor(private readonly config: AppConfig) {}

  /** The host of PUBLIC_URL: the right-hand side of every UID. */
  private get host(): string {
    return new URL(this.config.publicUrl).hostname;
  }

  uidOf(meeting: Pick<Meeting, 'id'>): string {
    return `meeting-${meeting.id}@${this.host}`;
  }

  /** One meeting: METHOD:CANCEL and STATUS:CANCELLED once cancelled, METHOD:PUBLISH otherwise. */
  meeting(meeting: Meeting, place?: SeriesPlace): string {
    const calendar = this.calendar(meeting.title);
    calendar.method(
      meeting.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    );
    this.addEvent(calendar, meeting, [], place);
    return calendar.toString();
  }

  /**
   * The update of a meeting mailed to one invited person (RFC 5546 METHOD:REQUEST, which names
   * the attendee): same UID, the meeting's new SEQUENCE, so calendars move the entry they have.
   */
  updateRequest(
    meeting: Meeting,
    attendee: { email: string; name: string },
    place?: SeriesPlace,
  ): string {
    const calendar = this.calendar(meeting.title);
    calendar.method(ICalCalendarMethod.REQUEST);
    this.addEvent(calendar, meeting, [attendee], place);
    return calendar.toString();
  }

  calendar(name: string): ICalCalendar {
    const calendar = new ICalCalendar({
      // ical-generator writes the calendar's name (NAME, X-WR-CALNAME) as given, where it escapes
      // the events' text: a line break in a title would start a line of its own.
      name: icsText(name),
      prodId: { company: 'Maillage', product: 'meetings', language: 'FR' },
    });
    // Only the generator: VTIMEZONE for the events' zone, while DTSTAMP stays in UTC.
    calendar.timezone({ name: null, generator: getVtimezoneComponent });
    return calendar;
  }

  addEvent(
    calendar: ICalCalendar,
    meeting: Meeting,
    attendees: Array<{ email: string; name: string }> = [],
    place?: SeriesPlace,
  ): void {
    const zone = this.config.timeZone;
    const location = printable(
      [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', '),
    );
    const description = printable(
      [meeting.description, meeting.onlineUrl, meeting.cancelReason].filter(Boolean).join('\n\n'),
    );
    calendar.createEvent({
      id: place?.uid ?? this.uidOf(meeting),
      sequence: meeting.sequence,
      repeating: place?.repeating ?? null,
      recurrenceId: place?.recurrenceId ?? null,
      stamp: meeting.updatedAt,
      created: meeting.createdAt,
      lastModified: meeting.updatedAt,
      start: wallClock(meeting.startsAt, zone),
      end: wallClock(meeting.endsAt, zone),
      timezone: zone,
      summary: printable(meeting.title),
      description: description || null,
      location: location
        ? {
            title: location,
            ...(meeting.latitude !== null && meeting.longitude !== null
              ? { geo: { lat: meeting.latitude, lon: meeting.longitude } }
              : {}),
          }
        : meeting.onlineUrl,
      // Calendar files go to partners (mails, feeds): their way in is the portal, where they
      // answer and read the minutes; the staff page would only ask them to sign in.
      url: `${this.config.publicUrl}/portal`,
      organizer: { name: this.config.organizerName, email: this.config.organizerEmail },
      attendees: attendees.map((a) => ({ ...a, name: printable(a.name), rsvp: false })),
      status:
        meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}

/** Text as an iCalendar TEXT value (RFC 5545, 3.3.11): backslash, ; and , escaped, line breaks as \n. */
export function icsText(text: string): string {
  return printable(text)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/**
 * Text without the control characters iCalendar's TEXT cannot hold (RFC 5545, 3.3.11), line
 * breaks and tabs kept: ical-generator escapes the rest of the events' text itself.
 */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
