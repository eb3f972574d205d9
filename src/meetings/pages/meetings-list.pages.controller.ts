import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { addDays, calendarDayInZone, startOfDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { queryOf, type Form } from '../../common/web/forms';
import { pageHref } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { ListMeetingsQueryDto } from '../list-meetings-query.dto';
import { MeetingClosingService } from '../closing/meeting-closing.service';
import { MeetingOverviewService } from './meeting-overview.service';
import { CalendarQueryDto, MeetingsPageQueryDto } from './meeting-pages.dto';
import { MeetingsService } from '../meetings.service';
import { calendarView, meetingsListView, monthGrid } from './meetings-list.view-model';

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
    const now = this.clock.now();
    const model = meetingsListView(this.views, page, counts, toClose, query, when, links, now);
    this.views.sendPage(request, response, 'pages/meetings/index', model);
  }

  @Get('calendar')
  async calendar(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(CalendarQueryDto, raw);
    const tz = this.config.timeZone;
    const now = this.clock.now();
    const today = calendarDayInZone(now, tz);
    const month = query.month ?? today.slice(0, 7);
    const { gridStart, gridEnd } = monthGrid(month);
    const meetings = await this.overview.startingBetween(
      startOfDayInZone(gridStart, tz),
      startOfDayInZone(addDays(gridEnd, 1), tz),
    );
    const model = calendarView(this.views, month, meetings, today, tz, now);
    this.views.sendPage(request, response, 'pages/meetings/calendar', model);
  }
}
