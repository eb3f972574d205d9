import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { MAX_PAGE, PageQueryDto } from '../../common/pagination';
import { type Form, formText, queryOf } from '../../common/web/forms';
import { pageHref } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { ContactRetentionService } from '../contacts/retention/contact-retention.service';
import { retentionPageModel } from './retention.view-model';

/** A flash or a page number echoed back: a whole number in range, else nothing. */
function wholeNumber(value: string, max: number): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 && number <= max ? number : null;
}

/**
 * The retention review (administrators): contacts without activity for CONTACT_RETENTION_MONTHS,
 * oldest first, archived partners' contacts included, each with a "Conserver" button.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/retention')
export class RetentionPagesController {
  constructor(
    private readonly retention: ContactRetentionService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get()
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
  @Post(':id/keep')
  async keep(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.retention.keep(actorOf(user), id);
    const page = wholeNumber(formText(body, 'page'), MAX_PAGE) ?? 1;
    const back = pageHref('/admin/retention', { kept: id })(page);
    response.redirect(HttpStatus.SEE_OTHER, back);
  }
}
