import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { calendarDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import {
  type Form,
  formText,
  isRefusal,
  pick,
  queryOf,
  validateForm,
} from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { ActivityPeriodQueryDto } from '../activity/activity-period.dto';
import { ActivityReportFiles } from '../activity/activity-report.files';
import { ActivityReportService } from '../activity/activity-report.service';
import {
  activityReportPage,
  periodFieldErrors,
  refusedPeriodPage,
} from './activity-report.view-model';

const PERIOD_FIELDS = ['year', 'from', 'to'];

/**
 * The activity report for staff: the period form and the figures with a chart, and the same
 * report as PDF and CSV (links on the page). A refused period shows the form again (422), naming
 * the field; the documents' links answer the error pages instead.
 */
@ApiExcludeController()
@Controller('reports')
export class ActivityReportPagesController {
  constructor(
    private readonly reports: ActivityReportService,
    private readonly files: ActivityReportFiles,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('activity')
  async page(@Query() raw: Form, @Req() request: Request, @Res() response: Response) {
    const t = (key: string, params?: Record<string, string | number>) =>
      this.views.text(key, params);
    const year = Number(calendarDayInZone(this.clock.now(), this.config.timeZone).slice(0, 4));
    const typed = { from: formText(raw, 'from'), to: formText(raw, 'to') };
    const refuse = (errors: { field: string; message: string }[]) =>
      this.views.sendPage(
        request,
        response,
        'pages/reports/activity',
        refusedPeriodPage(t, typed, errors, year),
        422,
      );
    const { value, errors } = await validateForm(ActivityPeriodQueryDto, pick(raw, PERIOD_FIELDS));
    if (errors.length) return refuse(periodFieldErrors(t, errors));
    try {
      const report = await this.reports.report(value);
      const model = activityReportPage(report, this.files.formats(), year);
      this.views.sendPage(request, response, 'pages/reports/activity', model);
    } catch (error) {
      if (!isRefusal('rule')(error)) throw error;
      refuse([{ field: error.field ?? 'to', message: this.views.errorText(error) }]);
    }
  }

  @Get('activity.pdf')
  async pdf(@Query() raw: Form, @Res() response: Response): Promise<void> {
    const query = await queryOf(ActivityPeriodQueryDto, pick(raw, PERIOD_FIELDS));
    await this.files.sendPdf(response, await this.reports.report(query));
  }

  @Get('activity.csv')
  async csv(@Query() raw: Form, @Res() response: Response): Promise<void> {
    const query = await queryOf(ActivityPeriodQueryDto, pick(raw, PERIOD_FIELDS));
    await this.files.sendCsv(response, await this.reports.report(query));
  }
}
