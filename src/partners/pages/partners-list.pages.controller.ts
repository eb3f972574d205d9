import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InvalidInputException } from '../../common/validation';
import { validateForm } from '../../common/web/forms';
import { ListPartnersQueryDto } from '../list/list-partners-query.dto';
import { PartnersService } from '../partners.service';
import { PartnerPageViews } from './partner-page-views';
import { partnersListModel } from './partners-list.view-model';

/** The partner directory: list, search and filters, with pages. */
@ApiExcludeController()
@Controller('partners')
export class PartnersListPagesController {
  constructor(
    private readonly partners: PartnersService,
    private readonly pages: PartnerPageViews,
  ) {}

  @Get()
  async list(
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Validated here rather than by the global pipe, so that page notices (?deleted=1) pass.
    const { value: query, errors } = await validateForm(ListPartnersQueryDto, raw);
    if (errors.length) throw new InvalidInputException(errors);
    const page = await this.partners.list(query);
    const model = partnersListModel(this.pages, query, page, raw.deleted === '1');
    this.pages.send(request, response, 'pages/partners/list', model);
  }
}
