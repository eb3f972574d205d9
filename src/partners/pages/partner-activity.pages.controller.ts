import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IdPipe } from '../../common/id.pipe';
import { PageQueryDto } from '../../common/pagination';
import { InvalidInputException } from '../../common/validation';
import { validateForm } from '../../common/web/forms';
import { PartnerPageViews } from './partner-page-views';

/**
 * The "see all" pages behind a partner's page, which shows only its latest meetings and first
 * projects: every meeting it was invited to (or attended) and every project it leads or joins,
 * page by page.
 */
@ApiExcludeController()
@Controller('partners/:id')
export class PartnerActivityPagesController {
  constructor(private readonly pages: PartnerPageViews) {}

  @Get('meetings')
  async meetings(
    @Param('id', IdPipe) id: number,
    @Query('page') page: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.pages.showMeetings(request, response, id, await pageNumber(page));
  }

  @Get('projects')
  async projects(
    @Param('id', IdPipe) id: number,
    @Query('page') page: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.pages.showProjects(request, response, id, await pageNumber(page));
  }
}

/** `?page=` (1 when absent); anything else than a whole number from 1 answers 400 naming it. */
async function pageNumber(page: unknown): Promise<number> {
  const { value, errors } = await validateForm(PageQueryDto, page === undefined ? {} : { page });
  if (errors.length) throw new InvalidInputException(errors);
  return value.page;
}
