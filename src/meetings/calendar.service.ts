import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { GoneError, NotFoundError } from '../common/domain-errors';
import { randomToken, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Partner } from '../partners/partner';
import { CalendarFeed } from './calendar-feed';
import { Meeting } from './meeting';
import { MeetingsService } from './meetings.service';

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

/** Calendar files (RFC 5545) of meetings, and the partners' secret feeds. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>,
    @InjectRepository(Meeting) private readonly meetingsRepository: Repository<Meeting>,
    private readonly meetings: MeetingsService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The host of PUBLIC_URL: the right-hand side of every UID. */
  private get host(): string {
    return new URL(this.config.publicUrl).hostname;
  }

  uidOf(meeting: Pick<Meeting, 'id'>): string {
    return `meeting-${meeting.id}@${this.host}`;
  }

  /** One meeting: METHOD:CANCEL and STATUS:CANCELLED once cancelled, METHOD:PUBLISH otherwise. */
  async meetingIcs(id: number): Promise<string> {
    const meeting = await this.meetings.findMeeting(id);
    const calendar = this.calendar(meeting.title);
    calendar.method(
      meeting.status === 'cancelled' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    );
    this.addEvent(calendar, meeting);
    return calendar.toString();
  }

  /** Creates the partner's feed URL, revoking the previous one (rotation). Shown once. */
  async createFeed(partnerId: number): Promise<{ url: string; createdAt: string }> {
    return this.transactions.run(async (manager) => {
      const partner = await manager.getRepository(Partner).existsBy({ id: partnerId });
      if (!partner) throw new NotFoundError('Partner', partnerId);
      const now = this.clock.now();
      const feeds = manager.getRepository(CalendarFeed);
      await feeds
        .createQueryBuilder()
        .update()
        .set({ revokedAt: now })
        .where('partner_id = :partnerId AND revoked_at IS NULL', { partnerId })
        .execute();
      const token = randomToken();
      await feeds.insert({ partnerId, tokenHash: sha256(token), createdAt: now, revokedAt: null });
      return {
        url: `${this.config.publicUrl}/calendar/${token}.ics`,
        createdAt: now.toISOString(),
      };
    });
  }

  async revokeFeed(partnerId: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const result = await manager
        .getRepository(CalendarFeed)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: this.clock.now() })
        .where('partner_id = :partnerId AND revoked_at IS NULL', { partnerId })
        .execute();
      if (!result.affected) throw new NotFoundError('Calendar feed of partner', partnerId);
    });
  }

  /** Every meeting the partner is invited to (or attended), cancelled ones as STATUS:CANCELLED. */
  async feedIcs(token: string): Promise<string> {
    const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await this.feeds.findOneBy({ tokenHash: sha256(token) })
      : null;
    if (!feed) throw new NotFoundError('Calendar feed');
    if (feed.revokedAt) throw new GoneError('This calendar feed was revoked');
    const [partner, meetings] = await Promise.all([
      this.feeds.manager
        .getRepository(Partner)
        .findOneOrFail({ select: { id: true, name: true }, where: { id: feed.partnerId } }),
      this.meetingsRepository
        .createQueryBuilder('m')
        .innerJoin('m.invitations', 'i', 'i.partnerId = :partnerId', {
          partnerId: feed.partnerId,
        })
        .orderBy('m.startsAt', 'ASC')
        .getMany(),
    ]);
    const calendar = this.calendar(`${this.config.organizerName} · ${partner.name}`);
    calendar.method(ICalCalendarMethod.PUBLISH);
    calendar.ttl(3600);
    for (const meeting of meetings) this.addEvent(calendar, meeting);
    return calendar.toString();
  }

  private calendar(name: string): ICalCalendar {
    const calendar = new ICalCalendar({
      name,
      prodId: { company: 'Maillage', product: 'meetings', language: 'FR' },
    });
    // Only the generator: VTIMEZONE for the events' zone, while DTSTAMP stays in UTC.
    calendar.timezone({ name: null, generator: getVtimezoneComponent });
    return calendar;
  }

  private addEvent(calendar: ICalCalendar, meeting: Meeting): void {
    const zone = this.config.timeZone;
    const location = [meeting.venueName, meeting.venueAddress].filter(Boolean).join(', ');
    const description = [meeting.description, meeting.onlineUrl, meeting.cancelReason]
      .filter(Boolean)
      .join('\n\n');
    calendar.createEvent({
      id: this.uidOf(meeting),
      sequence: meeting.sequence,
      stamp: meeting.updatedAt,
      created: meeting.createdAt,
      lastModified: meeting.updatedAt,
      start: wallClock(meeting.startsAt, zone),
      end: wallClock(meeting.endsAt, zone),
      timezone: zone,
      summary: meeting.title,
      description: description || null,
      location: location
        ? {
            title: location,
            ...(meeting.latitude !== null && meeting.longitude !== null
              ? { geo: { lat: meeting.latitude, lon: meeting.longitude } }
              : {}),
          }
        : meeting.onlineUrl,
      url: `${this.config.publicUrl}/meetings/${meeting.id}`,
      organizer: { name: this.config.organizerName, email: this.config.organizerEmail },
      status:
        meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
}
