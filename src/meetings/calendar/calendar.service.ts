import { Injectable } from '@nestjs/common';
import { ICalCalendarMethod } from 'ical-generator';
import { DataSource } from 'typeorm';
import { calendarDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { GoneError, NotFoundError } from '../../common/domain-errors';
import { randomToken, sha256 } from '../../common/secrets';
import { normalizeForSearch } from '../../common/text';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { PartnersQueries } from '../../partners/partners.queries';
import {
  feedByTokenHash,
  insertFeed,
  meetingsOfPartner,
  revokeLiveFeeds,
} from './calendar-feeds.queries';
import type { Meeting } from '../meeting.entity';
import { MeetingIcs } from './meeting-ics';
import { MeetingsService } from '../meetings.service';
import { SeriesIcs } from '../series/series-ics';
import { occurrencesOf, seriesById, seriesByIds } from '../series/series.queries';

/** Calendar files (RFC 5545) of meetings, and the partners' secret feeds. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsService,
    private readonly ics: MeetingIcs,
    private readonly seriesIcs: SeriesIcs,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly partners: PartnersQueries,
  ) {}

  uidOf(meeting: Pick<Meeting, 'id'>): string {
    return this.ics.uidOf(meeting);
  }

  /** One meeting: METHOD:CANCEL and STATUS:CANCELLED once cancelled, METHOD:PUBLISH otherwise. */
  /** The meeting's .ics and the name to save it under: `2026-12-10-comite-emploi.ics`. */
  async meetingIcs(id: number): Promise<{ filename: string; text: string }> {
    const meeting = await this.meetings.findMeeting(id);
    const day = calendarDayInZone(meeting.startsAt, this.config.timeZone);
    const slug = normalizeForSearch(meeting.title)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '');
    const filename = `${day}${slug ? `-${slug}` : ''}.ics`;
    if (meeting.seriesId === null) return { filename, text: this.ics.meeting(meeting) };
    // An occurrence of a series: the series (RRULE, EXDATE, RECURRENCE-ID), as calendars want it.
    const manager = this.dataSource.manager;
    const [series, occurrences] = await Promise.all([
      seriesById(manager, meeting.seriesId),
      occurrencesOf(manager, meeting.seriesId),
    ]);
    return { filename, text: this.seriesIcs.calendarOf(series, occurrences) };
  }

  /** Creates the partner's feed URL, revoking the previous one (rotation). Shown once. */
  async createFeed(partnerId: number): Promise<{ url: string; createdAt: string }> {
    return this.transactions.run(async (manager) => {
      const partner = await this.partners.partnerExists(partnerId, manager);
      if (!partner) throw new NotFoundError('partner', partnerId);
      const now = this.clock.now();
      await revokeLiveFeeds(manager, partnerId, now);
      const token = randomToken();
      await insertFeed(manager, partnerId, sha256(token), now);
      return {
        url: `${this.config.publicUrl}/calendar/${token}.ics`,
        createdAt: now.toISOString(),
      };
    });
  }

  async revokeFeed(partnerId: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const revoked = await revokeLiveFeeds(manager, partnerId, this.clock.now());
      if (!revoked) throw new NotFoundError('partnerCalendarFeed', partnerId);
    });
  }

  /** Every meeting the partner is invited to (or attended), cancelled ones as STATUS:CANCELLED. */
  async feedIcs(token: string): Promise<string> {
    const manager = this.dataSource.manager;
    const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await feedByTokenHash(manager, sha256(token))
      : null;
    if (!feed) throw new NotFoundError('calendarFeed');
    if (feed.revokedAt) throw new GoneError('errors.calendar.revoked');
    if (await this.partners.partnerArchived(feed.partnerId, manager))
      throw new GoneError('errors.link.partnerArchived');
    const [partner, meetings] = await Promise.all([
      this.partners.partnerNameOrFail(feed.partnerId, manager),
      meetingsOfPartner(manager, feed.partnerId),
    ]);
    const calendar = this.ics.calendar(`${this.config.organizerName} · ${partner.name}`);
    calendar.method(ICalCalendarMethod.PUBLISH);
    calendar.ttl(3600);
    // Occurrences of a series become the series' entry (the others of the rule as EXDATE).
    const bySeries = new Map<number, Meeting[]>();
    for (const meeting of meetings) {
      if (meeting.seriesId === null) this.ics.addEvent(calendar, meeting);
      else bySeries.set(meeting.seriesId, [...(bySeries.get(meeting.seriesId) ?? []), meeting]);
    }
    for (const series of await seriesByIds(manager, [...bySeries.keys()])) {
      this.seriesIcs.addSeries(calendar, series, bySeries.get(series.id)!);
    }
    return calendar.toString();
  }
}
