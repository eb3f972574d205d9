import type {
  RetentionReview,
  RetentionReviewLine,
} from '../contacts/retention/contact-retention.service';
import { formatLongDate } from '../../common/web/format';
import { pagerOf } from '../../common/web/pager';
import type { ViewService } from '../../common/web/view.service';
import type { AppConfig } from '../../config/app-config';

export interface RetentionRowView {
  id: number;
  fullName: string;
  contactHref: string;
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
    partnerName: line.partnerName,
    partnerHref: `/partners/${line.partnerId}`,
    partnerArchived: line.partnerArchived,
    lastActivity: formatLongDate(line.lastActivityAt, config.locale, config.timeZone),
    lastActivityKind:
      views.textIfPresent(`retentionPages.kind.${line.lastActivityKind}`) ?? line.lastActivityKind,
  };
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
