import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { neutralise, streamSpreadsheetCsv } from '../../common/csv';
import { IdPipe } from '../../common/id.pipe';
import { MAX_PAGE, PageQueryDto } from '../../common/pagination';
import { type Form, formText, queryOf } from '../../common/web/forms';
import { pageHref } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { ContactRetentionService } from '../contacts/retention/contact-retention.service';
import { RETENTION_CSV_COLUMNS, retentionCsvRow, retentionPageModel } from './retention.view-model';
import { seeOther, offerFile } from '../../common/http-answers';

/** A flash or a page number echoed back: a whole number in range, else nothing. */
function wholeNumber(value: string, max: number): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= max ? number : null;
}

/**
 * The retention review (administrators): contacts without activity for CONTACT_RETENTION_MONTHS,
 * oldest first, archived partners' contacts included, each with a "Conserver" button; the whole
 * list as a CSV file.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class RetentionPagesController {
  constructor(
    private readonly retention: ContactRetentionService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('retention')
  async list(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(PageQueryDto, raw);
    const review = await this.retention.review(query);
    const hrefFor = pageHref('/admin/retention', {
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    });
    const kept = wholeNumber(formText(raw, 'kept'), 2_147_483_647);
    const model = retentionPageModel(this.views, this.config, review, hrefFor, kept);
    this.views.sendPage(request, response, 'pages/admin/retention', model);
  }

  /** "Conserver": the contact leaves the list until the period has passed again. */
  /** Every contact due for review, oldest first (UTF-8 with BOM, `;`, formulas neutralised). */
  @Get('retention.csv')
  async csv(@Res() response: Response): Promise<void> {
    response.type('text/csv; charset=utf-8');
    offerFile(response, 'revue-de-conservation.csv');
    const batches = this.retention.allDue();
    const header = RETENTION_CSV_COLUMNS.map((column) =>
      this.views.text(`retentionPages.csv.${column}`),
    );
    const views = this.views;
    const config = this.config;
    async function* lines() {
      yield header;
      for await (const batch of batches)
        for (const line of batch) yield retentionCsvRow(views, config, line).map(neutralise);
    }
    await streamSpreadsheetCsv(response, lines());
  }

  @Post('retention/:id/keep')
  async keep(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.retention.keep(actorOf(user), id);
    const page = wholeNumber(formText(body, 'page'), MAX_PAGE) ?? 1;
    const back = pageHref('/admin/retention', { kept: id })(page);
    seeOther(response, back);
  }
}
