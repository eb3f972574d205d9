import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ICalCalendarMethod } from 'ical-generator';
import type { Repository } from 'typeorm';
import { calendarDayInZone } from '../common/calendar-days';
import { Clock } from '../common/clock';
import { GoneError, NotFoundError } from '../common/domain-errors';
import { randomToken, sha256 } from '../common/secrets';
import { normalizeForSearch } from '../common/text';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Partner } from '../partners/partner';
import { CalendarFeed } from './calendar-feed';
import { Meeting } from './meeting';
import { MeetingIcs } from './meeting-ics';
import { MeetingsService } from './meetings.service';

/** Calendar files (RFC 5545) of meetings, and the partners' secret feeds. */
@Injectable()
export class CalendarService {
  constructor(
    @InjectRepository(CalendarFeed) private readonly feeds: Repository<CalendarFeed>,
    @InjectRepository(Meeting) private readonly meetingsRepository: Repository<Meeting>,
    private readonly meetings: MeetingsService,
    private readonly ics: MeetingIcs,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
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
    return { filename: `${day}${slug ? `-${slug}` : ''}.ics`, text: this.ics.meeting(meeting) };
  }

  /** Creates the partner's feed URL, revoking the previous one (rotation). Shown once. */
  async createFeed(partnerId: number): Promise<{ url: string; createdAt: string }> {
    return this.transactions.run(async (manager) => {
      const partner = await manager.getRepository(Partner).existsBy({ id: partnerId });
      if (!partner) throw new NotFoundError('partner', partnerId);
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
      if (!result.affected) throw new NotFoundError('partnerCalendarFeed', partnerId);
    });
  }

  /** Every meeting the partner is invited to (or attended), cancelled ones as STATUS:CANCELLED. */
  async feedIcs(token: string): Promise<string> {
    const feed = /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? await this.feeds.findOneBy({ tokenHash: sha256(token) })
      : null;
    if (!feed) throw new NotFoundError('calendarFeed');
    if (feed.revokedAt) throw new GoneError('errors.calendar.revoked');
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
    const calendar = this.ics.calendar(`${this.config.organizerName} · ${partner.name}`);
    calendar.method(ICalCalendarMethod.PUBLISH);
    calendar.ttl(3600);
    for (const meeting of meetings) this.ics.addEvent(calendar, meeting);
    return calendar.toString();
  }
}
