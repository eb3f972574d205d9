import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  addDays,
  calendarDayInZone,
  isoWeek,
  startOfDayInZone,
  weekdayIndex,
} from '../common/calendar-days';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { ListMeetingsQueryDto } from './list-meetings-query.dto';
import { MEETING_STATUSES } from './meeting-kinds';
import { MeetingClosingService, needsClosing } from './meeting-closing.service';
import { MeetingOverviewService } from './meeting-overview.service';
import { CalendarQueryDto, MeetingsPageQueryDto, WHEN } from './meeting-pages.dto';
import { queryOf, type Form } from './meeting-pages.kit';
import type { MeetingResponse } from './meeting.mappers';
import { MeetingsService } from './meetings.service';

/** The meetings list (filters, pages) and the month calendar. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingsListPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly overview: MeetingOverviewService,
    private readonly closing: MeetingClosingService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  async index(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(MeetingsPageQueryDto, raw);
    const when = query.when ?? 'upcoming';
    const tz = this.config.timeZone;
    const listQuery = Object.assign(new ListMeetingsQueryDto(), {
      page: query.page,
      pageSize: query.pageSize,
      status: query.status,
      upcoming: when === 'upcoming' ? true : when === 'past' ? false : undefined,
      toClose: when === 'to-close' ? true : undefined,
      from: query.from ? startOfDayInZone(query.from, tz).toISOString() : undefined,
      to: query.to ? startOfDayInZone(addDays(query.to, 1), tz).toISOString() : undefined,
    });
    const page = await this.meetings.list(listQuery);
    const counts = await this.overview.answerCounts(page.items.map((m) => m.id));
    const toClose = await this.closing.countToClose();
    const links = pageHref('/meetings', {
      when,
      status: query.status,
      from: query.from,
      to: query.to,
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    this.views.sendPage(request, response, 'pages/meetings/index', {
      title: this.views.text('meetingsPages.list.title'),
      meetings: page.items.map((m) => ({
        ...this.meetingView(m),
        counts: counts.get(m.id),
      })),
      total: page.total,
      toClose: when === 'to-close' ? 0 : toClose,
      filters: {
        from: query.from ?? '',
        to: query.to ?? '',
        whens: WHEN.map((value) => ({
          value,
          label: this.views.text(`meetingsPages.list.when.${value}`),
          selected: value === when,
        })),
        statuses: MEETING_STATUSES.map((value) => ({
          value,
          label: this.views.text(`meetings.status.${value}`),
          selected: value === query.status,
        })),
      },
      pager: pager(page.page, page.pageSize, page.total, links),
    });
  }

  @Get('calendar')
  async calendar(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(CalendarQueryDto, raw);
    const tz = this.config.timeZone;
    const today = calendarDayInZone(this.clock.now(), tz);
    const month = query.month ?? today.slice(0, 7);
    const first = `${month}-01`;
    const [year, monthNumber] = month.split('-').map(Number);
    const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const gridStart = addDays(first, -weekdayIndex(first));
    const gridEnd = addDays(last, 6 - weekdayIndex(last));
    const meetings = await this.overview.startingBetween(
      startOfDayInZone(gridStart, tz),
      startOfDayInZone(addDays(gridEnd, 1), tz),
    );
    const byDay = new Map<string, MeetingResponse[]>();
    for (const m of meetings) {
      const day = calendarDayInZone(new Date(m.startsAt), tz);
      byDay.set(day, [...(byDay.get(day) ?? []), m]);
    }
    const weeks: unknown[] = [];
    for (let monday = gridStart; monday <= gridEnd; monday = addDays(monday, 7)) {
      weeks.push({
        number: isoWeek(monday),
        days: Array.from({ length: 7 }, (_, i) => {
          const day = addDays(monday, i);
          return {
            day,
            dayOfMonth: Number(day.slice(8)),
            outside: day.slice(0, 7) !== month,
            today: day === today,
            meetings: (byDay.get(day) ?? []).map((m) => this.meetingView(m)),
          };
        }),
      });
    }
    const shift = (delta: number) => {
      const d = new Date(Date.UTC(year, monthNumber - 1 + delta, 1));
      return d.toISOString().slice(0, 7);
    };
    this.views.sendPage(request, response, 'pages/meetings/calendar', {
      title: this.views.text('meetingsPages.calendar.title'),
      month: first,
      weekdays: [0, 1, 2, 3, 4, 5, 6].map((i) => ({
        short: this.views.text(`meetingsPages.calendar.weekdayShort.${i}`),
        long: this.views.text(`meetingsPages.calendar.weekday.${i}`),
      })),
      weeks,
      previous: `/meetings/calendar?month=${shift(-1)}`,
      next: `/meetings/calendar?month=${shift(1)}`,
      count: meetings.filter((m) => calendarDayInZone(new Date(m.startsAt), tz).startsWith(month))
        .length,
    });
  }

  private meetingView(m: MeetingResponse) {
    return {
      id: m.id,
      title: m.title,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      venueName: m.venueName,
      kind: this.views.text(`meetings.kind.${m.kind}`),
      status: this.views.text(`meetings.status.${m.status}`),
      cancelled: m.status === 'cancelled',
      needsClosing: needsClosing(m, this.clock.now()),
    };
  }
}
