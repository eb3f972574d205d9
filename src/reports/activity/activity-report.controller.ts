import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import type { ActivityReport } from './activity-report';
import { ActivityReportFiles } from './activity-report.files';
import { ActivityReportService } from './activity-report.service';
import { ActivityPeriodQueryDto } from './activity-period.dto';

const PERIOD =
  'Period: ?year=2026, or ?from=YYYY-MM-DD&to=YYYY-MM-DD (days in TIME_ZONE, both included, ' +
  'at most 5 years); default: the current year. Held and closed meetings count, cancelled ones ' +
  'apart; projects are overdue as of the end of the period (or now, if it is not over).';

@ApiTags('reports')
@Controller('api/reports')
export class ActivityReportController {
  constructor(
    private readonly reports: ActivityReportService,
    private readonly files: ActivityReportFiles,
  ) {}

  @Get('activity')
  @ApiOperation({
    summary: 'Activity report: meetings, attendance by kind and month, themes, speakers, projects',
    description: PERIOD,
  })
  activity(@Query() query: ActivityPeriodQueryDto): Promise<ActivityReport> {
    return this.reports.report(query);
  }

  @Get('activity.pdf')
  @ApiOperation({ summary: 'Activity report as a PDF', description: PERIOD })
  @ApiFileResponse('The activity report (A4 landscape)')
  async pdf(@Query() query: ActivityPeriodQueryDto, @Res() response: Response): Promise<void> {
    await this.files.sendPdf(response, await this.reports.report(query));
  }

  @Get('activity.csv')
  @ApiOperation({ summary: 'Activity report as CSV', description: PERIOD })
  @ApiFileResponse('UTF-8 with BOM, ";" separated, CRLF, one section after another', 'text/csv')
  async csv(@Query() query: ActivityPeriodQueryDto, @Res() response: Response): Promise<void> {
    await this.files.sendCsv(response, await this.reports.report(query));
  }
}
