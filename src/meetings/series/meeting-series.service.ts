import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { localToInstant } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { compareFrench } from '../../common/french-order';
import { Transactions } from '../../database/transactions';
import { PartnersQueries } from '../../partners/partners.queries';
import type { AnswerInvitationDto } from '../invitations/answer-invitation.dto';
import type { CreateInvitationsDto } from '../invitations/create-invitations.dto';
import { InvitationMails } from '../invitations/invitation-mails';
import { InvitationsService, type AnswerLink } from '../invitations/invitations.service';
import { Meeting } from '../meeting.entity';
import { lockedMeeting } from '../meeting-locks.queries';
import type { CreateSeriesDto } from './create-series.dto';
import { MeetingSeries } from './meeting-series.entity';
import { SeriesIcs, shownRuleStart } from './series-ics';
import { ruleDays } from './series-rule';
import {
  comingInvitationsOfPartner,
  invitationsOfMeetings,
  occurrencesOf,
  seriesById,
  seriesPlaceOfMeeting,
} from './series.queries';
import type { UpdateSeriesDto } from './update-series.dto';

const MINUTE = 60_000;

/** The meeting fields an edit of the series carries to its coming occurrences. */
const SHARED_FIELDS = [
  'title',
  'kind',
  'description',
  'venueName',
  'venueAddress',
  'latitude',
  'longitude',
  'onlineUrl',
] as const;

export interface OccurrenceResponse {
  meetingId: number;
  occurrenceDate: string;
  startsAt: string;
  endsAt: string;
  status: string;
  moved: boolean;
}

export interface SeriesResponse {
  id: number;
  title: string;
  frequency: string;
  interval: number;
  weekdays: string[];
  nth: number | null;
  startTime: string;
  endTime: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
  count: number;
  skippedDays: string[];
  sequence: number;
  occurrences: OccurrenceResponse[];
}

/**
 * Meeting series (docs/meeting-series.md): the rule, and its occurrences as ordinary meetings
 * (so attendance, minutes, statistics and the dashboard read them like any meeting). Moving or
 * cancelling one occurrence goes through MeetingsService like any meeting.
 */
@Injectable()
export class MeetingSeriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
    private readonly mails: InvitationMails,
    private readonly ics: SeriesIcs,
    private readonly partners: PartnersQueries,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Creates the series and every occurrence of its rule but the skipped days. */
  create(dto: CreateSeriesDto, user?: User): Promise<SeriesResponse> {
    const zone = this.config.timeZone;
    const duration = minutesBetween(dto.startTime, dto.endTime);
    if (duration <= 0) throw new RuleViolationError('errors.meeting.endBeforeStart', 'endTime');
    const days = ruleDays({
      frequency: dto.frequency,
      interval: dto.interval ?? 1,
      weekdays: [...new Set(dto.weekdays)],
      nth: dto.frequency === 'monthly' ? (dto.nth ?? null) : null,
      from: dto.firstDay,
      until: dto.until ?? null,
      count: dto.count ?? null,
    });
    const skipped = [...new Set(dto.skippedDays ?? [])].sort();
    const stray = skipped.find((day) => !days.includes(day));
    if (stray) {
      throw new RuleViolationError(
        {
          key: 'errors.series.skippedNotInRule',
          params: { day: stray.split('-').reverse().join('/') },
        },
        'skippedDays',
      );
    }
    const kept = days.filter((day) => !skipped.includes(day));
    if (kept.length === 0)
      throw new RuleViolationError('errors.series.noOccurrence', 'skippedDays');
    const firstStart = localToInstant(kept[0], dto.startTime, zone)!;
    if (firstStart <= this.clock.now()) {
      throw new RuleViolationError('errors.series.firstPast', 'firstDay');
    }
    return this.transactions.run(async (manager) => {
      const series = await manager.getRepository(MeetingSeries).save(
        manager.getRepository(MeetingSeries).create({
          title: dto.title.trim(),
          frequency: dto.frequency,
          interval: dto.interval ?? 1,
          weekdays: [...new Set(dto.weekdays)].join(','),
          nth: dto.frequency === 'monthly' ? (dto.nth ?? null) : null,
          startTime: dto.startTime,
          durationMinutes: duration,
          timeZone: zone,
          firstDay: days[0],
          lastDay: days.at(-1)!,
          instanceCount: days.length,
          skippedDays: skipped.join(','),
          sequence: 0,
        }),
      );
      const repository = manager.getRepository(Meeting);
      const meetings = kept.map((day) => {
        const startsAt = shownRuleStart(series, day);
        return repository.create({
          title: dto.title.trim(),
          kind: dto.kind,
          description: dto.description ?? null,
          startsAt,
          endsAt: new Date(startsAt.getTime() + duration * MINUTE),
          venueName: dto.venueName ?? null,
          venueAddress: dto.venueAddress ?? null,
          latitude: dto.latitude ?? null,
          longitude: dto.longitude ?? null,
          onlineUrl: dto.onlineUrl ?? null,
          status: 'planned',
          cancelReason: null,
          cancelledAt: null,
          sequence: 0,
          seriesId: series.id,
          occurrenceDate: day,
          occurrenceMoved: false,
        });
      });
      await repository.save(meetings, { chunk: 50 });
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting-series',
        entityId: series.id,
        action: 'create',
        changes: diff({}, { ...series, meetingIds: meetings.map((m) => m.id) }, [
          'title',
          'frequency',
          'interval',
          'weekdays',
          'nth',
          'startTime',
          'durationMinutes',
          'firstDay',
          'lastDay',
          'skippedDays',
          'meetingIds',
        ]),
      });
      return seriesResponse(series, meetings);
    });
  }

  async detail(id: number): Promise<SeriesResponse> {
    const manager = this.dataSource.manager;
    const series = await seriesById(manager, id);
    return seriesResponse(series, await occurrencesOf(manager, id));
  }

  /** The series of a meeting and its rank in it ("Réunion 1 sur 12"), or null. */
  placeOfMeeting(meetingId: number) {
    return seriesPlaceOfMeeting(this.dataSource.manager, meetingId);
  }

  /** The partners invited to at least one coming occurrence, in French order (the series page). */
  async invitedPartners(occurrences: Meeting[]): Promise<Array<{ id: number; name: string }>> {
    const now = this.clock.now();
    const coming = occurrences.filter((m) => m.status === 'planned' && m.startsAt > now);
    const manager = this.dataSource.manager;
    const invitations = await invitationsOfMeetings(
      manager,
      coming.map((m) => m.id),
    );
    const partners = await this.partners.partnersByIds(
      invitations.map((i) => i.partnerId),
      manager,
    );
    return partners
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => compareFrench(a.name, b.name));
  }

  /** The series and its occurrences, as entities (the pages). */
  async load(id: number): Promise<{ series: MeetingSeries; occurrences: Meeting[] }> {
    const manager = this.dataSource.manager;
    const series = await seriesById(manager, id);
    return { series, occurrences: await occurrencesOf(manager, id) };
  }

  /**
   * Changes the series: its coming occurrences (planned, not started, not moved on their own)
   * take the new fields and times; past, cancelled and moved ones stay as they were. The invited
   * partners get ONE mail with the series' new calendar entry when a time or place changed.
   */
  update(id: number, dto: UpdateSeriesDto, user?: User): Promise<SeriesResponse> {
    return this.transactions.run(async (manager) => {
      const series = await seriesById(manager, id, true);
      const startTime = dto.startTime ?? series.startTime;
      // A new start alone keeps the duration; a new end alone keeps the start.
      const endTime = dto.endTime ?? timePlusMinutes(startTime, series.durationMinutes);
      const duration = minutesBetween(startTime, endTime);
      if (duration <= 0) {
        throw new RuleViolationError(
          'errors.meeting.endBeforeStart',
          dto.endTime !== undefined ? 'endTime' : 'startTime',
        );
      }
      const now = this.clock.now();
      const occurrences = await occurrencesOf(manager, id);
      const coming = occurrences.filter(
        (m) => m.status === 'planned' && m.startsAt > now && !m.occurrenceMoved,
      );
      const seriesBefore = { ...series };
      if (dto.title !== undefined) series.title = dto.title.trim();
      series.startTime = startTime;
      series.durationMinutes = duration;
      let firstChanged: { meeting: Meeting; before: Meeting; mail: boolean } | null = null;
      for (const occurrence of coming) {
        const meeting = await lockedMeeting(manager, occurrence.id);
        const before = { ...meeting };
        for (const field of SHARED_FIELDS) {
          const value = dto[field];
          if (value !== undefined) (meeting as unknown as Record<string, unknown>)[field] = value;
        }
        if (dto.title !== undefined) meeting.title = dto.title.trim();
        meeting.startsAt = shownRuleStart(series, meeting.occurrenceDate!);
        meeting.endsAt = new Date(meeting.startsAt.getTime() + duration * MINUTE);
        const changes = diff(before, meeting, [...SHARED_FIELDS, 'startsAt', 'endsAt']);
        if (Object.keys(changes).length === 0) continue;
        meeting.sequence += 1;
        await manager.getRepository(Meeting).save(meeting);
        await this.audit.record(manager, actorOf(user), {
          entityType: 'meeting',
          entityId: meeting.id,
          action: 'update',
          changes,
        });
        const mail = ['startsAt', 'endsAt', 'venueName', 'venueAddress', 'onlineUrl'].some(
          (field) => field in changes,
        );
        firstChanged ??= { meeting, before, mail };
      }
      const seriesChanges = diff(seriesBefore, series, ['title', 'startTime', 'durationMinutes']);
      if (firstChanged || Object.keys(seriesChanges).length > 0) {
        series.sequence += 1;
        await manager.getRepository(MeetingSeries).save(series);
        await this.audit.record(manager, actorOf(user), {
          entityType: 'meeting-series',
          entityId: id,
          action: 'update',
          changes: seriesChanges,
        });
      }
      if (firstChanged?.mail) {
        await this.mails.updated(manager, firstChanged.meeting, firstChanged.before, true);
      }
      return seriesResponse(series, await occurrencesOf(manager, id));
    });
  }

  /**
   * Invites partners to every coming occurrence (planned, not started). ONE invitation mail per
   * contact, carrying the series' calendar entry and the answer link of the first occurrence.
   */
  invite(
    id: number,
    dto: CreateInvitationsDto,
    user?: User,
  ): Promise<{ occurrences: number; created: number; links: AnswerLink[] }> {
    const given = [dto.all !== undefined, dto.kinds !== undefined, dto.partnerIds !== undefined];
    if (given.filter(Boolean).length !== 1) {
      throw new RuleViolationError('errors.invitations.oneTarget', 'partnerIds');
    }
    return this.transactions.run(async (manager) => {
      await seriesById(manager, id, true);
      const coming = await this.comingOccurrences(manager, id);
      if (coming.length === 0) throw new RuleViolationError('errors.series.noneComing', 'status');
      let created = 0;
      let firstLinks: AnswerLink[] = [];
      for (const [index, meeting] of coming.entries()) {
        const result = await this.invitations.inviteIn(manager, meeting.id, dto, user, {
          mail: false,
        });
        created += result.created;
        if (index === 0) firstLinks = result.links;
      }
      // The partners new to the first occurrence: they get the series' one mail.
      await this.mails.invited(manager, coming[0], firstLinks);
      return { occurrences: coming.length, created, links: firstLinks };
    });
  }

  /**
   * The partner's answer for the whole series: the same answer on each coming occurrence it is
   * invited to (per-occurrence answers go through the invitation as before).
   */
  answerForPartner(
    id: number,
    partnerId: number,
    dto: AnswerInvitationDto,
  ): Promise<{ answered: number }> {
    return this.transactions.run(async (manager) => {
      await seriesById(manager, id);
      const coming = await comingInvitationsOfPartner(manager, id, partnerId, this.clock.now());
      if (coming.length === 0) {
        throw new RuleViolationError('errors.series.partnerNotInvited', 'partnerId');
      }
      for (const { invitation, meeting } of coming) {
        await this.invitations.answerIn(manager, invitation, meeting, dto);
      }
      return { answered: coming.length };
    });
  }

  /** The series' .ics (every occurrence) and the name to save it under. */
  async seriesIcs(id: number): Promise<{ filename: string; text: string }> {
    const { series, occurrences } = await this.load(id);
    return { filename: `serie-${series.id}.ics`, text: this.ics.calendarOf(series, occurrences) };
  }

  private async comingOccurrences(manager: EntityManager, id: number): Promise<Meeting[]> {
    const now = this.clock.now();
    return (await occurrencesOf(manager, id)).filter(
      (m) => m.status === 'planned' && m.startsAt > now,
    );
  }
}

function minutesBetween(start: string, end: string): number {
  const [sh, sm] = start.split(':').map(Number);
  const [eh, em] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

/** '10:00' + 90 → '11:30'. */
export function timePlusMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = h * 60 + m + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function seriesResponse(series: MeetingSeries, occurrences: Meeting[]): SeriesResponse {
  return {
    id: series.id,
    title: series.title,
    frequency: series.frequency,
    interval: series.interval,
    weekdays: series.weekdays.split(','),
    nth: series.nth,
    startTime: series.startTime,
    endTime: timePlusMinutes(series.startTime, series.durationMinutes),
    timeZone: series.timeZone,
    firstDay: series.firstDay,
    lastDay: series.lastDay,
    count: series.instanceCount,
    skippedDays: series.skippedDays ? series.skippedDays.split(',') : [],
    sequence: series.sequence,
    occurrences: occurrences.map((m) => ({
      meetingId: m.id,
      occurrenceDate: m.occurrenceDate!,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      status: m.status,
      moved: m.occurrenceMoved,
    })),
  };
}
