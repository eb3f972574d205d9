import { Controller, Get, Header, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import type { Form } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import type { PortalIdentity } from '../../portal/links/portal-links.service';
import { renderPortalPage } from '../../portal/pages/portal-page';
import {
  CurrentPortal,
  PortalGuard,
  PortalSignInFilter,
} from '../../portal/session/portal-session';
import { searchPageModel } from '../pages/search-page';
import { PortalSearchService } from './portal-search.service';
import { sendHtml } from '../../common/http-answers';

/**
 * The search box of the partner portal: what the signed-in contact's partner may read there,
 * grouped by kind. A refused text (over 200 characters, several `q`) shows the page again, 400.
 */
@ApiExcludeController()
@Public() // not a staff page: PortalGuard below is the check
@UseGuards(PortalGuard)
@UseFilters(PortalSignInFilter)
@Controller('portal/search')
export class PortalSearchPagesController {
  constructor(
    private readonly searches: PortalSearchService,
    private readonly views: ViewService,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async page(
    @CurrentPortal() me: PortalIdentity,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { status, model } = await searchPageModel(this.views, raw, (q) =>
      this.searches.search(q, me.partner.id),
    );
    const html = renderPortalPage(this.views, request, me, 'pages/portal/search', model);
    sendHtml(response, html, status);
  }
}
