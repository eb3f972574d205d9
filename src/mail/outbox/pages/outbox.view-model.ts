import type { Page } from '../../../common/pagination';
import { pageHref, pager } from '../../../common/web/pager';
import type { ListOutboxQueryDto } from '../list-outbox-query.dto';
import {
  OUTBOX_STATUSES,
  type OutboxMessage,
  type OutboxTransport,
} from '../outbox-message.entity';
import { toOutboxMessageResponse } from '../outbox-message.mapper';

/** How a sent message is named: sent (SMTP), kept as .eml, or recorded by the demo data. */
const SENT_LABELS: Record<OutboxTransport, string> = { smtp: 'sent', file: 'kept', demo: 'demo' };

/** The wording the outbox page needs, in the site's language. */
export interface OutboxPageText {
  t(key: string): string;
  /** Whether the catalogue has this key. */
  has(key: string): boolean;
}

/** The outbox page (pages/mail/outbox): status filters, a page of messages, the pager. */
export function outboxPageModel(
  text: OutboxPageText,
  query: ListOutboxQueryDto,
  page: Page<OutboxMessage>,
): Record<string, unknown> {
  const { t } = text;
  return {
    title: t('outbox.title'),
    filters: [
      { label: t('outbox.all'), href: '/outbox', current: !query.status },
      ...OUTBOX_STATUSES.map((status) => ({
        label: t(`outbox.status.${status}`),
        href: `/outbox?status=${status}`,
        current: query.status === status,
      })),
    ],
    items: page.items.map((message) => {
      const item = toOutboxMessageResponse(message);
      const label =
        message.status === 'sent' && message.transport
          ? SENT_LABELS[message.transport]
          : message.status;
      return {
        ...item,
        statusLabel: t(`outbox.status.${label}`),
        // Each kind of mail by its name on the page; a kind the catalogue lacks, as stored.
        purpose: text.has(`outbox.purposeOf.${message.purpose}`)
          ? t(`outbox.purposeOf.${message.purpose}`)
          : message.purpose,
        when: message.sentAt ?? message.nextAttemptAt,
        canRetry: message.status === 'failed',
      };
    }),
    pager: pager(
      page.page,
      page.pageSize,
      page.total,
      pageHref('/outbox', { status: query.status }),
    ),
  };
}
