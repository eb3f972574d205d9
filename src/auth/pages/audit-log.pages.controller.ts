import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type AuditFilter, AuditQueries } from '../../audit/audit.queries';
import { addDays, startOfDayInZone } from '../../common/calendar-days';
import { neutralise, streamSpreadsheetCsv } from '../../common/csv';
import { type Form, queryOf } from '../../common/web/forms';
import { pageHref } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { Roles } from '../auth.decorators';
import { auditLogModel, AuditLogQueryDto, auditRows } from './audit-log.view-model';
import { offerFile } from '../../common/http-answers';

/**
 * The audit screen (administrators): every recorded change, newest first, filtered by who, kind of
 * record, record, action and period, by pages; each change as field, old value, new value; the
 * same selection as a CSV file (one line per changed field).
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin')
export class AuditLogPagesController {
  constructor(
    private readonly audit: AuditQueries,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('audit')
  async list(@Req() request: Request, @Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(AuditLogQueryDto, raw);
    const page = await this.audit.page(this.filterOf(query), query.page, query.pageSize);
    const params = {
      ...this.linkParams(query),
      pageSize: query.pageSize === 20 ? undefined : query.pageSize,
    };
    const csv = new URLSearchParams(
      Object.entries(this.linkParams(query)).filter((e): e is [string, string] => !!e[1]),
    );
    const model = auditLogModel(
      this.views,
      this.config,
      query,
      page,
      pageHref('/admin/audit', params),
      `/admin/audit.csv${csv.size ? `?${csv}` : ''}`,
    );
    this.views.sendPage(request, response, 'pages/admin/audit', model);
  }

  @Get('audit.csv')
  async csv(@Res() response: Response, @Query() raw: Form) {
    const query = await queryOf(AuditLogQueryDto, raw);
    response.type('text/csv; charset=utf-8');
    offerFile(response, 'journal-des-modifications.csv');
    const header = ['date', 'who', 'entity', 'record', 'action', 'field', 'before', 'after'].map(
      (column) => this.views.text(`auditPages.csv.${column}`),
    );
    const views = this.views;
    const config = this.config;
    const batches = this.audit.batches(this.filterOf(query));
    async function* lines() {
      yield header;
      for await (const batch of batches)
        for (const row of auditRows(views, config, batch)) {
          const base = [row.at, row.actor, row.entity, row.recordId, row.action];
          if (!row.changes.length) yield [...base, '', '', ''].map(neutralise);
          for (const change of row.changes)
            yield [...base, change.field, change.before, change.after].map(neutralise);
        }
    }
    await streamSpreadsheetCsv(response, lines());
  }

  private filterOf(query: AuditLogQueryDto): AuditFilter {
    const tz = this.config.timeZone;
    return {
      who: query.who?.trim() || undefined,
      entityType: query.entity,
      entityId: query.id?.trim() || undefined,
      action: query.action,
      from: query.from ? startOfDayInZone(query.from, tz) : undefined,
      to: query.to ? startOfDayInZone(addDays(query.to, 1), tz) : undefined,
    };
  }

  private linkParams(query: AuditLogQueryDto): Record<string, string | undefined> {
    const { who, entity, id, action, from, to } = query;
    return { who, entity, id, action, from, to };
  }
}
