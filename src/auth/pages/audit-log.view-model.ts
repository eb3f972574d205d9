import { IsIn, IsString, MaxLength } from 'class-validator';
import type { AuditEntry } from '../../audit/audit-entry.entity';
import { AUDIT_ACTIONS, AUDITED_ENTITIES } from '../../audit/audit-kinds';
import { readableChanges, type ReadableChange } from '../../audit/readable-changes';
import type { Page } from '../../common/pagination';
import { PageQueryDto } from '../../common/pagination';
import { BlankAsUndefined, IsOptionalNotNull, IsCalendarDay } from '../../common/dto-rules';
import { formatDateTime } from '../../common/web/format';
import { pagerOf, type PagerView } from '../../common/web/pager';
import type { ViewService } from '../../common/web/view.service';
import type { AppConfig } from '../../config/app-config';

/** The audit screen's filters (a GET form): who, kind of record, record, action, period. */
export class AuditLogQueryDto extends PageQueryDto {
  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsString()
  @MaxLength(100)
  who?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsIn(AUDITED_ENTITIES)
  entity?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsString()
  @MaxLength(40)
  id?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsCalendarDay()
  from?: string;

  @IsOptionalNotNull()
  @BlankAsUndefined()
  @IsCalendarDay()
  to?: string;
}

/** The page of a record, where the trail links back to (kinds without a page of their own: none). */
const RECORD_PAGES: Record<string, (id: string) => string> = {
  partner: (id) => `/partners/${id}`,
  meeting: (id) => `/meetings/${id}`,
  project: (id) => `/projects/${id}`,
  theme: (id) => `/themes/${id}`,
};

export interface AuditRowView {
  at: string;
  actor: string;
  entity: string;
  recordId: string;
  recordHref?: string;
  historyHref: string;
  action: string;
  changes: ReadableChange[];
}

export function auditRows(
  views: ViewService,
  config: AppConfig,
  entries: AuditEntry[],
): AuditRowView[] {
  const reading = { views, locale: config.locale, timeZone: config.timeZone };
  return entries.map((entry) => ({
    at: formatDateTime(entry.at, config.locale, config.timeZone),
    actor: entry.actorLabel,
    entity: views.textIfPresent(`audit.entity.${entry.entityType}`) ?? entry.entityType,
    recordId: entry.entityId,
    recordHref: RECORD_PAGES[entry.entityType]?.(entry.entityId),
    historyHref: historyHref(entry.entityType, entry.entityId),
    action: views.textIfPresent(`audit.action.${entry.action}`) ?? entry.action,
    changes: readableChanges(reading, entry.entityType, entry.changes),
  }));
}

/** The "Historique" link of a record: the audit screen filtered on it. */
export function historyHref(entityType: string, entityId: string | number): string {
  return `/admin/audit?${new URLSearchParams({ entity: entityType, id: String(entityId) })}`;
}

export function auditLogModel(
  views: ViewService,
  config: AppConfig,
  query: AuditLogQueryDto,
  page: Page<AuditEntry>,
  hrefFor: (page: number) => string,
  csvHref: string,
): Record<string, unknown> {
  const pager: PagerView | null = pagerOf(page, hrefFor);
  return {
    title: views.text('auditPages.title'),
    filters: {
      who: query.who ?? '',
      id: query.id ?? '',
      from: query.from ?? '',
      to: query.to ?? '',
      entities: AUDITED_ENTITIES.map((value) => ({
        value,
        label: views.text(`audit.entity.${value}`),
        selected: value === query.entity,
      })),
      actions: AUDIT_ACTIONS.map((value) => ({
        value,
        label: views.text(`audit.action.${value}`),
        selected: value === query.action,
      })),
    },
    rows: auditRows(views, config, page.items),
    total: page.total,
    totalExact: page.totalExact ?? true,
    pager,
    csvHref,
  };
}
