import type {
  RetentionReview,
  RetentionReviewLine,
} from '../contacts/retention/contact-retention.service';
import { calendarDayInZone } from '../../common/calendar-days';
import { formatLongDate } from '../../common/web/format';
import { pagerOf } from '../../common/web/pager';
import type { ViewService } from '../../common/web/view.service';
import type { AppConfig } from '../../config/app-config';

export interface RetentionRowView {
  id: number;
  fullName: string;
  contactHref: string;
  /** The erasure's confirmation page (RGPD article 17): the other answer to the review. */
  eraseHref: string;
  partnerName: string;
  partnerHref: string;
  partnerArchived: boolean;
  lastActivity: string;
  lastActivityKind: string;
}

function rowOf(views: ViewService, config: AppConfig, line: RetentionReviewLine): RetentionRowView {
  return {
    id: line.id,
    fullName: line.fullName,
    contactHref: `/partners/${line.partnerId}/contacts/${line.id}/edit`,
    eraseHref: `/partners/${line.partnerId}/contacts/${line.id}/erase`,
    partnerName: line.partnerName,
    partnerHref: `/partners/${line.partnerId}`,
    partnerArchived: line.partnerArchived,
    lastActivity: formatLongDate(line.lastActivityAt, config.locale, config.timeZone),
    lastActivityKind:
      views.textIfPresent(`retentionPages.kind.${line.lastActivityKind}`) ?? line.lastActivityKind,
  };
}

/** The CSV export's columns (headers `retentionPages.csv.<column>`). */
export const RETENTION_CSV_COLUMNS = [
  'contactId',
  'contact',
  'partner',
  'partnerArchived',
  'lastActivity',
  'kind',
] as const;

/** A contact due for review as a CSV line: the day of its last activity in TIME_ZONE. */
export function retentionCsvRow(
  views: ViewService,
  config: AppConfig,
  line: RetentionReviewLine,
): string[] {
  return [
    String(line.id),
    line.fullName,
    line.partnerName,
    views.text(line.partnerArchived ? 'retentionPages.csv.yes' : 'retentionPages.csv.no'),
    calendarDayInZone(line.lastActivityAt, config.timeZone),
    views.textIfPresent(`retentionPages.kind.${line.lastActivityKind}`) ?? line.lastActivityKind,
  ];
}

/** The retention review page: the period, the counts, the contacts due, oldest first. */
export function retentionPageModel(
  views: ViewService,
  config: AppConfig,
  review: RetentionReview,
  hrefFor: (page: number) => string,
  kept: number | null,
): Record<string, unknown> {
  return {
    title: views.text('retentionPages.title'),
    months: review.months,
    before: formatLongDate(review.before, config.locale, config.timeZone),
    total: review.page.total,
    contacts: review.contacts,
    page: review.page.page,
    rows: review.page.items.map((line) => rowOf(views, config, line)),
    pager: pagerOf(review.page, hrefFor),
    kept,
  };
}
