import { Injectable } from '@nestjs/common';
import { calendarDayInZone, startOfDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { AppConfig, Locale } from '../../config/app-config';
import { MeetingsQueries } from '../../meetings/meetings.queries';
import { PartnersQueries } from '../../partners/partners.queries';
import { followUpStateOf } from '../../projects/follow-ups/follow-up-state';
import { ProjectsQueries } from '../../projects/projects.queries';
import { formatPeriod } from '../../common/web/format';
import { ViewService } from '../../common/web/view.service';
import { DocumentLinks } from '../document-links';
import { DocumentRenderer, RenderedDocument } from '../document-renderer';
import type { DocumentVisibility } from '../document-visibility';
import { MinutesService } from '../minutes/minutes.service';
import { NewsItem } from '../news/news-item.entity';
import { NewsService } from '../news/news.service';
import { Newsletter } from './newsletter.entity';
import {
  buildSections,
  NewsItemView,
  NewsletterViewModel,
  SectionItems,
} from './newsletter.view-model';

export const NEWSLETTER_TEMPLATE = 'documents/newsletter/newsletter';
/** How far ahead "upcoming meetings" look, from the day the issue is assembled. */
const UPCOMING_DAYS = 90;
/** At most this many entries in the project sections. */
const MAX_ITEMS = 30;

export interface NewsletterSummary {
  id: number;
  status: 'draft' | 'published';
  number: number | null;
  title: string;
  period: { from: string; to: string };
  publishedAt: string | null;
  visibility: DocumentVisibility;
  /** Published: the address for readers (the public link, or the portal's page). */
  url: string | null;
  /** The unguessable public link while the issue is public, else null. */
  publicLink: string | null;
}

export interface NewsletterResponse {
  newsletter: NewsletterViewModel;
  /** Drafts: the issue as it would be sent today. Published: the stored documents. */
  preview: RenderedDocument;
  /** Who may read it; the public link once published and public. */
  visibility: DocumentVisibility;
  publicLink: string | null;
}

/** A published issue's number, title and date. */
export interface NewsletterIssue {
  number: number;
  title: string;
  publishedAt: Date;
}

const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * What an issue says: assembled from the records of its period each time it is shown (news,
 * upcoming meetings, minutes published, projects, new partners; other contexts read through their
 * query services), with the staff's editorial and section choices, and its titles and addresses.
 */
@Injectable()
export class NewsletterComposer {
  constructor(
    private readonly news: NewsService,
    private readonly minutes: MinutesService,
    private readonly meetings: MeetingsQueries,
    private readonly partners: PartnersQueries,
    private readonly projects: ProjectsQueries,
    private readonly renderer: DocumentRenderer,
    private readonly links: DocumentLinks,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A draft rendered as it would be sent today; a published issue with its stored documents. */
  async show(newsletter: Newsletter): Promise<NewsletterResponse> {
    const locale = this.config.locale;
    if (newsletter.status === 'published') {
      const model = await this.viewModel(newsletter, locale, {
        number: newsletter.number as number,
        title: newsletter.title as string,
        publishedAt: newsletter.publishedAt as Date,
      });
      return {
        newsletter: model,
        preview: { html: newsletter.html ?? '', text: newsletter.text ?? '' },
        visibility: newsletter.visibility,
        publicLink: this.links.publicLink('newsletters', newsletter),
      };
    }
    const model = await this.viewModel(newsletter, locale, null);
    return {
      newsletter: model,
      preview: this.renderer.render(NEWSLETTER_TEMPLATE, { ...model }, locale),
      visibility: newsletter.visibility,
      publicLink: null,
    };
  }

  async viewModel(
    newsletter: Newsletter,
    locale: Locale,
    issue: NewsletterIssue | null,
  ): Promise<NewsletterViewModel> {
    const items = await this.assemble(newsletter.periodFrom, newsletter.periodTo);
    const translate = (key: string) => this.views.translator.translate(locale, key);
    const url = issue ? this.links.newsletterForReaders({ ...newsletter, ...issue }) : null;
    return {
      id: newsletter.id,
      status: issue ? 'published' : 'draft',
      number: issue?.number ?? null,
      title: issue?.title ?? this.draftTitle(newsletter, locale),
      period: { from: newsletter.periodFrom, to: newsletter.periodTo },
      editorial: newsletter.editorial?.trim() ? newsletter.editorial : null,
      sections: buildSections(newsletter.sections, items, (key) =>
        translate(`newsletter.section.${key}`),
      ),
      publishedAt: issue?.publishedAt.toISOString() ?? null,
      url,
      archiveUrl: issue ? this.links.newsletterArchive(newsletter.visibility) : null,
    };
  }

  issueTitle(number: number, newsletter: Newsletter, locale: Locale): string {
    return this.views.translator.translate(locale, 'newsletter.issueTitle', {
      number,
      period: formatPeriod(newsletter.periodFrom, newsletter.periodTo, locale),
    });
  }

  summaryOf(
    row: Pick<
      Newsletter,
      | 'id'
      | 'status'
      | 'number'
      | 'title'
      | 'periodFrom'
      | 'periodTo'
      | 'publishedAt'
      | 'visibility'
      | 'publicToken'
    >,
  ): NewsletterSummary {
    return {
      id: row.id,
      status: row.status,
      number: row.number,
      title: row.title ?? this.draftTitle(row, this.config.locale),
      period: { from: row.periodFrom, to: row.periodTo },
      publishedAt: row.publishedAt?.toISOString() ?? null,
      visibility: row.visibility,
      url:
        row.number !== null && row.status === 'published'
          ? this.links.newsletterForReaders({ ...row, number: row.number })
          : null,
      publicLink: row.status === 'published' ? this.links.publicLink('newsletters', row) : null,
    };
  }

  private draftTitle(newsletter: Pick<Newsletter, 'periodFrom' | 'periodTo'>, locale: Locale) {
    return this.views.translator.translate(locale, 'newsletter.draftTitle', {
      period: formatPeriod(newsletter.periodFrom, newsletter.periodTo, locale),
    });
  }

  /**
   * What the period holds, in a fixed number of queries: news dated in it, minutes published in
   * it, partners who joined in it, and the meetings planned in the next months.
   */
  private async assemble(from: string, to: string): Promise<SectionItems> {
    const zone = this.config.timeZone;
    const start = startOfDayInZone(from, zone);
    const end = startOfDayInZone(addDays(to, 1), zone);
    const now = this.clock.now();
    const [news, minutes, partners, meetings, launched, followUps, attention] = await Promise.all([
      this.news.between(from, to),
      this.minutes.publishedBetween(start, end),
      this.partners.activePartnersCreatedBetween(start, new Date(end.getTime() - 1), MAX_ITEMS),
      this.meetings.plannedMeetingsStartingBetween(
        now,
        new Date(now.getTime() + UPCOMING_DAYS * 86_400_000),
        MAX_ITEMS,
      ),
      this.projects.projectsLaunchedBetween(start, end, MAX_ITEMS),
      // Notable follow-ups: those that changed a project's status during the period.
      this.projects.statusChangesBetween(from, to, MAX_ITEMS),
      // Projects that need attention: tracked, follow-up overdue or stale, not snoozed.
      this.projects.projectsNeedingAttention(now, MAX_ITEMS),
    ]);
    const newsOf = (kind: NewsItem['kind']): NewsItemView[] =>
      news
        .filter((item) => item.kind === kind)
        .map((item) => ({
          id: item.id,
          title: item.title,
          body: item.body,
          date: item.date,
          link: item.link,
        }));
    return {
      regulation: newsOf('regulation'),
      'local-news': newsOf('local-news'),
      events: newsOf('event'),
      'upcoming-meetings': meetings.map((m) => ({
        id: m.id,
        title: m.title,
        startsAt: m.startsAt.toISOString(),
        venueName: m.venueName,
        venueAddress: m.venueAddress,
      })),
      minutes,
      'projects-launched': launched.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.leadPartner,
        date: p.launchedAt ? calendarDayInZone(p.launchedAt, zone) : null,
        state: null,
      })),
      'follow-ups': followUps,
      'projects-attention': attention.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.leadPartner,
        date: p.lastFollowUpAt ? calendarDayInZone(p.lastFollowUpAt, zone) : null,
        state: followUpStateOf(p, now),
      })),
      'new-partners': partners.map((p) => ({
        id: p.id,
        name: p.name,
        territory: p.territory,
        website: p.website,
      })),
    };
  }
}
