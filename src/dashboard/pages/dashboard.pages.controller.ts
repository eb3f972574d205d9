import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ViewService } from '../../common/web/view.service';
import { homePage } from './dashboard.view-model';
import { StaffDashboardService } from '../staff-dashboard.service';
import { sendHtml } from '../../common/http-answers';

/** The staff home page: the dashboard (next meetings, projects to chase, weak ties, charts). */
@ApiExcludeController()
@Controller()
export class DashboardPagesController {
  constructor(
    private readonly dashboard: StaffDashboardService,
    private readonly views: ViewService,
  ) {}

  @Get()
  async home(@Req() request: Request, @Res() response: Response): Promise<void> {
    const t = (key: string, params: Record<string, string | number> = {}) =>
      this.views.text(key, params);
    const data = await this.dashboard.dashboard();
    sendHtml(response, this.views.renderPage(request, 'pages/home', homePage(t, data)));
  }
}
