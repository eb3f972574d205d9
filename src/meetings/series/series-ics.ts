import { Injectable } from '@nestjs/common';
import {
  ICalCalendarMethod,
  ICalEventRepeatingFreq,
  type ICalCalendar,
  type ICalRepeatingOptions,
  type ICalWeekday,
} from 'ical-generator';
import type { EntityManager } from 'typeorm';
import { localToInstant, shownLocalToInstant } from '../../common/calendar-days';
import { RuleViolationError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { MeetingIcs, type SeriesPlace } from '../calendar/meeting-ics';
import type { Meeting } from '../meeting.entity';
import type { MeetingSeries } from './meeting-series.entity';
import { ruleDays, type Weekday } from './series-rule';
import { invitationsOfMeetings, occurrencesOf, seriesById } from './series.queries';

const MINUTE = 60_000;

/** The series' rule as its stored fields say it (the days it generated, skipped ones included). */
export function seriesDays(series: MeetingSeries): string[] {
  return ruleDays({
    frequency: series.frequency,
    interval: series.interval,
    weekdays: series.weekdays.split(',') as Weekday[],
    nth: series.nth,
    from: series.firstDay,
    count: series.instanceCount,
  });
}

/** When an occurrence of the rule starts, as the rule says (10:00 Paris in winter and summer). */
export function ruleStart(series: MeetingSeries, day: string): Date {
  return localToInstant(day, series.startTime, series.timeZone)!;
}

/**
 * ruleStart for a time being set (a new series, a new start time): a day on which the clocks
 * skip that time (the March change, 02:30 in Europe) is refused, 422 on startTime, rather than
 * the meeting moved an hour without a word.
 */
export function shownRuleStart(
  series: Pick<MeetingSeries, 'startTime' | 'timeZone'>,
  day: string,
): Date {
  const start = shownLocalToInstant(day, series.startTime, series.timeZone);
  if (start) return start;
  const params = { day: day.split('-').reverse().join('/'), time: series.startTime };
  throw new RuleViolationError({ key: 'errors.series.skippedTime', params }, 'startTime');
}

/** A wall-clock Date (local getters) of a day and time, as ical-generator writes TZID values. */
function wall(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(y, m - 1, d, hh, mm);
}

/**
 * A series in iCalendar (RFC 5545): ONE event with the RRULE (DTSTART the first day at the series'
 * time, TZID = the network's zone, COUNT), EXDATE for days skipped, cancelled or not shown, and one
 * event per occurrence that differs from the rule (moved, or changed on its own) with the series'
 * UID and its RECURRENCE-ID. Written by ical-generator; the tests read it back with ical.js.
 */
@Injectable()
export class SeriesIcs {
  constructor(
    private readonly ics: MeetingIcs,
    private readonly config: AppConfig,
  ) {}

  uidOf(series: Pick<MeetingSeries, 'id'>): string {
    return `series-${series.id}@${new URL(this.config.publicUrl).hostname}`;
  }

  /** The series' UID and the RECURRENCE-ID of one occurrence (mails about that occurrence). */
  placeOf(series: MeetingSeries, meeting: Pick<Meeting, 'occurrenceDate'>): SeriesPlace {
    return {
      uid: this.uidOf(series),
      recurrenceId: wall(meeting.occurrenceDate!, series.startTime),
    };
  }

  /** `placeOf` for a meeting read inside a transaction; undefined when it is no occurrence. */
  async placeOfMeeting(
    manager: EntityManager,
    meeting: Pick<Meeting, 'seriesId' | 'occurrenceDate'>,
  ): Promise<SeriesPlace | undefined> {
    if (meeting.seriesId === null || meeting.occurrenceDate === null) return undefined;
    return this.placeOf(await seriesById(manager, meeting.seriesId), meeting);
  }

  /**
   * Each partner's calendar file of the series (METHOD:PUBLISH): the occurrences it is invited
   * to, the others left out by EXDATE. Two statements whatever the number of partners.
   */
  async calendarsForPartners(
    manager: EntityManager,
    seriesId: number,
    partnerIds: number[],
  ): Promise<Map<number, string>> {
    const series = await seriesById(manager, seriesId);
    const occurrences = await occurrencesOf(manager, seriesId);
    const invitations = await invitationsOfMeetings(
      manager,
      occurrences.map((m) => m.id),
    );
    const result = new Map<number, string>();
    for (const partnerId of partnerIds) {
      const mine = new Set(
        invitations.filter((i) => i.partnerId === partnerId).map((i) => i.meetingId),
      );
      result.set(
        partnerId,
        this.calendarOf(
          series,
          occurrences.filter((m) => mine.has(m.id)),
        ),
      );
    }
    return result;
  }

  /** A calendar file holding the series as `occurrences` show it (METHOD:PUBLISH). */
  calendarOf(series: MeetingSeries, occurrences: Meeting[]): string {
    const calendar = this.ics.calendar(series.title);
    calendar.method(ICalCalendarMethod.PUBLISH);
    this.addSeries(calendar, series, occurrences);
    return calendar.toString();
  }

  /**
   * Adds the series' events. `occurrences` are those to show (all of them, or those a partner is
   * invited to): every other day of the rule becomes an EXDATE, like the cancelled ones.
   */
  addSeries(calendar: ICalCalendar, series: MeetingSeries, occurrences: Meeting[]): void {
    if (occurrences.length === 0) return;
    occurrences = [...occurrences].sort((a, b) =>
      a.occurrenceDate!.localeCompare(b.occurrenceDate!),
    );
    const days = seriesDays(series);
    const byDay = new Map(occurrences.map((m) => [m.occurrenceDate!, m]));
    const live = occurrences.filter((m) => m.status !== 'cancelled');
    // The entry's own fields (title, place...) are those of the latest occurrence the series'
    // edits still reach: neither moved nor cancelled.
    const template =
      [...live].reverse().find((m) => !m.occurrenceMoved) ?? live.at(-1) ?? occurrences.at(-1)!;
    const duration = series.durationMinutes * MINUTE;
    const first = ruleStart(series, days[0]);
    const excluded = days.filter((day) => {
      const meeting = byDay.get(day);
      return !meeting || meeting.status === 'cancelled';
    });
    const uid = this.uidOf(series);
    const master: Meeting = {
      ...template,
      status: 'planned',
      cancelReason: null,
      startsAt: first,
      endsAt: new Date(first.getTime() + duration),
      sequence: series.sequence + occurrences.reduce((sum, m) => sum + m.sequence, 0),
    };
    this.ics.addEvent(calendar, master, [], {
      uid,
      repeating: {
        ...this.repeating(series, days.length),
        ...(excluded.length
          ? {
              exclude: excluded.map((d) => wall(d, series.startTime)),
              excludeTimezone: series.timeZone,
            }
          : {}),
      },
    });
    for (const meeting of live) {
      const start = ruleStart(series, meeting.occurrenceDate!);
      const same =
        meeting.startsAt.getTime() === start.getTime() &&
        meeting.endsAt.getTime() === start.getTime() + duration &&
        (['title', 'description', 'venueName', 'venueAddress', 'onlineUrl'] as const).every(
          (field) => meeting[field] === template[field],
        );
      if (!same) this.ics.addEvent(calendar, meeting, [], this.placeOf(series, meeting));
    }
  }

  private repeating(series: MeetingSeries, count: number): ICalRepeatingOptions {
    const byDay = series.weekdays.split(',') as ICalWeekday[];
    return series.frequency === 'weekly'
      ? {
          freq: ICalEventRepeatingFreq.WEEKLY,
          count,
          ...(series.interval > 1 ? { interval: series.interval } : {}),
          byDay,
          startOfWeek: 'MO' as ICalWeekday,
        }
      : {
          freq: ICalEventRepeatingFreq.MONTHLY,
          count,
          ...(series.interval > 1 ? { interval: series.interval } : {}),
          byDay,
          bySetPos: [series.nth!],
        };
  }
}
