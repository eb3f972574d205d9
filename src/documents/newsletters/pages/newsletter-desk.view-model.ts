import type { Page } from '../../../common/pagination';
import type { OutboxMessage } from '../../../mail/outbox/outbox-message.entity';
import type { OutboxProgress } from '../../../mail/outbox/mail-outbox.service';
import { pageHref, pager } from '../../../common/web/pager';
import type { Form } from '../../pages/document-forms';
import type { NewsletterResponse, NewsletterSummary } from '../newsletter-composer';

/** A catalogue message by key (ViewService.text). */
type Text = (key: string) => string;

/** What a page shows again after a refused form: its status, the messages, what was typed. */
export interface FormState {
  status?: number;
  errors?: string[];
  typed?: Form;
  notice?: string | null;
}

/** Counts and state of a sending: pending includes the messages being handed over now. */
export function deliveryView(progress: OutboxProgress) {
  const waiting = progress.pending + progress.sending;
  const done = progress.sent + progress.failed + progress.cancelled;
  // The status line says what actually happened: still sending, sent to all, some failed, nobody.
  const state =
    progress.total === 0
      ? 'none'
      : waiting > 0
        ? 'running'
        : progress.failed > 0
          ? 'failures'
          : 'sent';
  return {
    ...progress,
    waiting,
    done,
    state,
    running: waiting > 0,
    percent: progress.total > 0 ? Math.floor((done * 100) / progress.total) : 100,
  };
}

/** The first and last day of the month of `today` (YYYY-MM-DD): the period the form proposes. */
export function monthOf(today: string): { from: string; to: string } {
  const last = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
  return { from: `${today.slice(0, 7)}-01`, to: last.toISOString().slice(0, 10) };
}

/** The newsletter desk: the issues with their sending, and the form of a new draft. */
export function newsletterListView(
  text: Text,
  page: Page<NewsletterSummary>,
  progress: Map<string, OutboxProgress>,
  groupOf: (id: number) => string,
  today: string,
  state: FormState,
) {
  const month = monthOf(today);
  const typed = state.typed ?? {};
  const errors = state.errors ?? [];
  return {
    title: text('newsletterPages.listTitle'),
    items: page.items.map((n) => {
      const delivery = progress.get(groupOf(n.id));
      return {
        ...n,
        published: n.status === 'published',
        statusLabel: text(`newsletterPages.status.${n.status}`),
        delivery: delivery ? deliveryView(delivery) : null,
      };
    }),
    form: {
      from: typeof typed.from === 'string' ? typed.from : month.from,
      to: typeof typed.to === 'string' ? typed.to : month.to,
      editorial: typeof typed.editorial === 'string' ? typed.editorial : '',
    },
    errors,
    invalid: errors.length > 0,
    pager: pager(page.page, page.pageSize, page.total, pageHref('/desk/newsletters')),
  };
}

/** One issue: its editorial and sections form, its preview, and how its sending goes. */
export function newsletterIssueView(
  current: NewsletterResponse,
  sending: { progress: OutboxProgress; failed: OutboxMessage[] } | null,
  state: FormState,
) {
  const { newsletter, preview } = current;
  const published = newsletter.status === 'published';
  const typed = state.typed;
  const errors = state.errors ?? [];
  return {
    title: newsletter.title,
    newsletter,
    published,
    publicPath: published ? `/newsletters/${newsletter.number}` : null,
    sharing: {
      isPublic: current.visibility === 'public',
      publicLink: current.publicLink,
      visibilityPath: `/desk/newsletters/${newsletter.id}/visibility`,
    },
    editorial:
      typed && typeof typed.editorial === 'string' ? typed.editorial : (newsletter.editorial ?? ''),
    sections: newsletter.sections.map((s) => ({
      key: s.key,
      title: s.title,
      count: s.items.length,
      included: typed ? typed[`section-${s.key}`] === 'yes' : s.included,
    })),
    previewUrl: `/desk/newsletters/${newsletter.id}/preview`,
    previewText: preview.text,
    delivery: sending ? deliveryView(sending.progress) : null,
    deliveryUrl: `/api/newsletters/${newsletter.id}/delivery`,
    failed: (sending?.failed ?? []).map((m) => ({
      id: m.id,
      email: m.recipientEmail,
      name: m.recipientName,
      reason: m.lastError,
      attempts: m.attempts,
    })),
    errors,
    invalid: errors.length > 0,
    notice: state.notice ?? null,
  };
}
