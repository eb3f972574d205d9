import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ViewService } from '../web/view.service';
import { DASHBOARD_LIMITS, StaffDashboardService } from './staff-dashboard.service';

const CHART = { width: 640, labelWidth: 200, barHeight: 28, gap: 10, valueWidth: 50 };

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
    const max = Math.max(1, ...data.chart.map((c) => c.count));
    const span = CHART.width - CHART.labelWidth - CHART.valueWidth;
    const bars = data.chart.map((c, index) => {
      const y = index * (CHART.barHeight + CHART.gap);
      const width = Math.round((c.count / max) * span);
      return {
        state: c.state,
        count: c.count,
        label: t(`projectsPages.state.${c.state}`),
        href: `/projects?state=${c.state}`,
        y,
        textY: y + CHART.barHeight / 2 + 5,
        x: CHART.labelWidth,
        width,
        labelX: CHART.labelWidth - 8,
        valueX: CHART.labelWidth + width + 6,
        height: CHART.barHeight,
      };
    });
    const symbols: Record<string, string> = {
      present: '●',
      excused: '◐',
      absent: '○',
      unrecorded: '?',
      'not-invited': '·',
    };
    response.type('html').send(
      this.views.renderPage(request, 'pages/home', {
        title: t('home.title'),
        limits: DASHBOARD_LIMITS,
        nextMeetings: data.nextMeetings,
        overdue: data.overdue,
        stale: data.stale,
        weakTies: data.weakTies,
        tracked: data.followUpCounts.tracked,
        never: data.followUpCounts.never,
        chart: {
          width: CHART.width,
          height: bars.length * (CHART.barHeight + CHART.gap),
          bars,
          description: bars.map((b) => `${b.label} : ${b.count}`).join(', '),
        },
        heatmap: {
          meetings: data.heatmap.meetings,
          totalPartners: data.heatmap.totalPartners,
          more: data.heatmap.totalPartners > data.heatmap.rows.length,
          shown: data.heatmap.rows.length,
          rows: data.heatmap.rows.map((row) => ({
            partnerName: row.partnerName,
            present: row.present,
            invited: row.invited,
            cells: row.cells.map((cell) => ({
              cell,
              symbol: symbols[cell],
              label: t(`dashboardPages.heatmap.${cell}`),
            })),
          })),
          legend: Object.entries(symbols).map(([cell, symbol]) => ({
            cell,
            symbol,
            label: t(`dashboardPages.heatmap.${cell}`),
          })),
        },
      }),
    );
  }
}
