import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, Repository } from 'typeorm';
import { calendarDayInZone, startOfDayInZone } from '../common/calendar-days';
import { actorOf, AuditService, diff } from '../audit/audit.service';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { AppConfig, Locale } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { MailOutbox, OutboxProgress } from '../mail/mail-outbox.service';
import { UNSUBSCRIBE_URL_SLOT } from '../mail/mail-body';
import { NewsletterAudience } from '../mail/newsletter-audience';
import { Meeting } from '../meetings/meeting';
import { Partner } from '../partners/partner';
import { FollowUp } from '../projects/follow-up';
import { followUpStateOf } from '../projects/follow-up-state';
import { Project } from '../projects/project';
import { PROJECT_STATUSES, TRACKED_STATUSES } from '../projects/project-status';
import { formatPeriod } from '../web/format';
import { ViewService } from '../web/view.service';
import { DocumentRenderer, RenderedDocument } from './document-renderer';
import { MinutesService } from './minutes.service';
import { NewsItem } from './news-item';
import { NewsService } from './news.service';
import { Newsletter } from './newsletter';
import type {
  CreateNewsletterDto,
  ListNewslettersQueryDto,
  UpdateNewsletterDto,
} from './newsletter.dto';
import {
  buildSections,
  NEWSLETTER_SECTIONS,
  NewsItemView,
  NewsletterViewModel,
  normalizeSections,
  SectionItems,
} from './newsletter.view-model';

export const NEWSLETTER_TEMPLATE = 'documents/newsletter/newsletter';
/** How far ahead "upcoming meetings" look, from the day the issue is assembled. */
const UPCOMING_DAYS = 90;
/** At most this many entries in the project sections. */
const MAX_ITEMS = 30;

/** The sending of a published issue: its outbox group and the counts by status. */
export interface NewsletterDelivery {
  newsletterId: number;
  number: number | null;
  group: string;
  progress: OutboxProgress;
}

export const newsletterGroup = (id: number): string => `newsletter:${id}`;

export interface NewsletterSummary {
  id: number;
  status: 'draft' | 'published';
  number: number | null;
  title: string;
  period: { from: string; to: string };
  publishedAt: string | null;
  url: string | null;
}

export interface NewsletterResponse {
  newsletter: NewsletterViewModel;
  /** Drafts: the issue as it would be sent today. Published: the stored documents. */
  preview: RenderedDocument;
}

const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * The newsletter: a draft for a period, assembled from the records each time it is shown (news,
 * upcoming meetings, minutes published, new partners), with the staff's editorial and section
 * choices; publishing numbers the issue and stores its email HTML, text and web page.
 */
@Injectable()
export class NewslettersService {
  constructor(
    @InjectRepository(Newsletter) private readonly newsletters: Repository<Newsletter>,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    private readonly news: NewsService,
    private readonly minutes: MinutesService,
    private readonly transactions: Transactions,
    private readonly renderer: DocumentRenderer,
    private readonly views: ViewService,
    private readonly audit: AuditService,
    private readonly audience: NewsletterAudience,
    private readonly outbox: MailOutbox,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(dto: CreateNewsletterDto, user: User): Promise<NewsletterResponse> {
    if (dto.from > dto.to) {
      throw new RuleViolationError('errors.period.fromAfterTo', 'from');
    }
    const saved = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Newsletter);
      const newsletter = await repository.save(
        repository.create({
          periodFrom: dto.from,
          periodTo: dto.to,
          editorial: dto.editorial ?? null,
          sections: normalizeSections([]),
          status: 'draft',
          number: null,
          title: null,
          html: null,
          text: null,
          webHtml: null,
          publishedAt: null,
          publishedByUserId: null,
        }),
      );
      await this.audit.record(manager, actorOf(user), {
        entityType: 'newsletter',
        entityId: newsletter.id,
        action: 'create',
        changes: diff({}, newsletter, ['periodFrom', 'periodTo', 'editorial']),
      });
      return newsletter;
    });
    return this.show(saved);
  }

  async list(query: ListNewslettersQueryDto): Promise<Page<NewsletterSummary>> {
    const [rows, total] = await this.newsletters.findAndCount({
      select: this.summaryColumns(),
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(
      rows.map((row) => this.summaryOf(row)),
      total,
      query,
    );
  }

  /** Published issues, newest first. */
  async published(limit = 100): Promise<NewsletterSummary[]> {
    const rows = await this.newsletters.find({
      select: this.summaryColumns(),
      where: { status: 'published' },
      order: { number: 'DESC' },
      take: limit,
    });
    return rows.map((row) => this.summaryOf(row));
  }

  async read(id: number): Promise<NewsletterResponse> {
    return this.show(await this.find(id));
  }

  async update(id: number, dto: UpdateNewsletterDto, user: User): Promise<NewsletterResponse> {
    const saved = await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Newsletter);
      const newsletter = await repository.findOneBy({ id });
      if (!newsletter) throw new NotFoundError('newsletter', id);
      if (newsletter.status !== 'draft')
        throw new ConflictError({
          key: 'errors.newsletter.published',
          params: { number: newsletter.number ?? '' },
        });
      const before = { ...newsletter };
      if (dto.editorial !== undefined) newsletter.editorial = dto.editorial;
      if (dto.sections !== undefined) {
        const known = new Set<string>(NEWSLETTER_SECTIONS);
        const seen = new Set<string>();
        dto.sections.forEach((section, index) => {
          if (!known.has(section.key))
            throw new RuleViolationError(
              {
                key: 'errors.newsletter.unknownSection',
                params: { section: section.key, known: NEWSLETTER_SECTIONS.join(', ') },
              },
              `sections.${index}.key`,
            );
          if (seen.has(section.key))
            throw new RuleViolationError(
              { key: 'errors.newsletter.sectionTwice', params: { section: section.key } },
              `sections.${index}.key`,
            );
          seen.add(section.key);
        });
        // The sections not listed keep their choice, after the listed ones.
        const rest = normalizeSections(newsletter.sections).filter((s) => !seen.has(s.key));
        newsletter.sections = normalizeSections([...dto.sections, ...rest]);
      }
      const after = await repository.save(newsletter);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'newsletter',
        entityId: id,
        action: 'update',
        changes: diff(before, after, ['editorial', 'sections']),
      });
      return after;
    });
    return this.show(saved);
  }

  /**
   * Numbers the issue (the next consecutive number), stores its documents and enqueues it to
   * every consenting contact (NewsletterAudience: bulk, List-Unsubscribe, a visible unsubscribe
   * link in the footer), all in one transaction: publishing is sending. The unique number index
   * turns a concurrent twin into a 409, never a duplicate; a failure leaves no issue and no mail.
   */
  async publish(id: number, user: User): Promise<NewsletterSummary> {
    const locale = this.config.locale;
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Newsletter);
      const newsletter = await repository.findOneBy({ id });
      if (!newsletter) throw new NotFoundError('newsletter', id);
      if (newsletter.status !== 'draft')
        throw new ConflictError({
          key: 'errors.newsletter.published',
          params: { number: newsletter.number ?? '' },
        });
      const last = await repository.findOne({
        where: { status: 'published' },
        order: { number: 'DESC' },
        select: { id: true, number: true },
      });
      const number = (last?.number ?? 0) + 1;
      const publishedAt = this.clock.now();
      const title = this.issueTitle(number, newsletter, locale);
      const model = await this.viewModel(newsletter, locale, { number, title, publishedAt });
      const email = this.renderer.render(NEWSLETTER_TEMPLATE, { ...model }, locale);
      const web = this.renderer.html(
        NEWSLETTER_TEMPLATE,
        { ...model, url: null, web: true },
        locale,
      );
      const before = { ...newsletter };
      Object.assign(newsletter, {
        status: 'published',
        number,
        title,
        html: email.html,
        text: email.text,
        webHtml: web,
        publishedAt,
        publishedByUserId: user.id,
      });
      const saved = await repository.save(newsletter);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'newsletter',
        entityId: id,
        action: 'update',
        changes: diff(before, saved, ['status', 'number', 'title', 'publishedAt']),
      });
      // The mail version: the stored email plus the unsubscribe footer, rendered and stored once;
      // the dispatcher puts each recipient's own link in place of the slot when it sends.
      const mail = this.renderer.render(
        NEWSLETTER_TEMPLATE,
        { ...model, unsubscribeUrl: UNSUBSCRIBE_URL_SLOT },
        locale,
      );
      await this.audience.enqueue(manager, {
        subjectId: id,
        group: newsletterGroup(id),
        content: { subject: title, html: mail.html, text: mail.text },
      });
      return this.summaryOf(saved);
    });
  }

  /** How the sending of an issue goes: counts by status of its messages (none for a draft). */
  async delivery(id: number): Promise<NewsletterDelivery> {
    const newsletter = await this.newsletters.findOne({
      where: { id },
      select: { id: true, number: true },
    });
    if (!newsletter) throw new NotFoundError('newsletter', id);
    const group = newsletterGroup(id);
    return {
      newsletterId: id,
      number: newsletter.number,
      group,
      progress: await this.outbox.progress(group),
    };
  }

  /** The stored documents of a published issue, by id (API). */
  async documents(id: number): Promise<RenderedDocument> {
    const newsletter = await this.find(id);
    if (newsletter.status !== 'published' || newsletter.html === null || newsletter.text === null)
      throw new ConflictError('errors.newsletter.draft');
    return { html: newsletter.html, text: newsletter.text };
  }

  /** A published issue by its number (public archive). Drafts have no number: never found. */
  async publishedIssue(number: number): Promise<Newsletter> {
    const newsletter = await this.newsletters.findOneBy({ number, status: 'published' });
    if (!newsletter) throw new NotFoundError('newsletterNumber', number);
    return newsletter;
  }

  private async find(id: number): Promise<Newsletter> {
    const newsletter = await this.newsletters.findOneBy({ id });
    if (!newsletter) throw new NotFoundError('newsletter', id);
    return newsletter;
  }

  private async show(newsletter: Newsletter): Promise<NewsletterResponse> {
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
      };
    }
    const model = await this.viewModel(newsletter, locale, null);
    return {
      newsletter: model,
      preview: this.renderer.render(NEWSLETTER_TEMPLATE, { ...model }, locale),
    };
  }

  private async viewModel(
    newsletter: Newsletter,
    locale: Locale,
    issue: { number: number; title: string; publishedAt: Date } | null,
  ): Promise<NewsletterViewModel> {
    const items = await this.assemble(newsletter.periodFrom, newsletter.periodTo);
    const translate = (key: string) => this.views.translator.translate(locale, key);
    const url = issue ? this.urlOf(issue.number) : null;
    return {
      id: newsletter.id,
      status: issue ? 'published' : 'draft',
      number: issue?.number ?? null,
      title:
        issue?.title ??
        this.views.translator.translate(locale, 'newsletter.draftTitle', {
          period: formatPeriod(newsletter.periodFrom, newsletter.periodTo, locale),
        }),
      period: { from: newsletter.periodFrom, to: newsletter.periodTo },
      editorial: newsletter.editorial?.trim() ? newsletter.editorial : null,
      sections: buildSections(newsletter.sections, items, (key) =>
        translate(`newsletter.section.${key}`),
      ),
      publishedAt: issue?.publishedAt.toISOString() ?? null,
      url,
      archiveUrl: issue ? `${this.config.publicUrl}/newsletters` : null,
    };
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
      this.partners.find({
        where: { createdAt: Between(start, new Date(end.getTime() - 1)), active: true },
        order: { name: 'ASC', id: 'ASC' },
        select: { id: true, name: true, territory: true, website: true },
        take: MAX_ITEMS,
      }),
      this.meetings.find({
        where: {
          status: 'planned',
          startsAt: Between(now, new Date(now.getTime() + UPCOMING_DAYS * 86_400_000)),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
        select: { id: true, title: true, startsAt: true, venueName: true, venueAddress: true },
        take: MAX_ITEMS,
      }),
      // Joins are many-to-one only: LIMIT (not take(), which adds a DISTINCT pre-select) is exact.
      this.projects
        .createQueryBuilder('p')
        .leftJoinAndSelect('p.leadPartner', 'lead')
        .where('p.launched_at >= :start AND p.launched_at < :end', { start, end })
        .orderBy('p.launchedAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(MAX_ITEMS)
        .getMany(),
      // Notable follow-ups: those that changed a project's status during the period.
      this.followUps
        .createQueryBuilder('f')
        .innerJoinAndSelect('f.project', 'project')
        .leftJoinAndSelect('project.leadPartner', 'lead')
        .where('f.date >= :from AND f.date <= :to', { from, to })
        .andWhere('f.status_to IS NOT NULL')
        .orderBy('f.date', 'ASC')
        .addOrderBy('f.id', 'ASC')
        .limit(MAX_ITEMS)
        .getMany(),
      // Projects that need attention: tracked, follow-up overdue or stale, not snoozed.
      this.projects
        .createQueryBuilder('p')
        .leftJoinAndSelect('p.leadPartner', 'lead')
        // "Not an untracked status" is "a tracked status" (the column holds PROJECT_STATUSES only),
        // but with IN the planner picks ix_projects_status and sorts every tracked project (29 ms
        // at L); with NOT IN it walks ix_projects_due_at in order and stops at the limit (0.3 ms).
        .where('p.status NOT IN (:...untracked)', {
          untracked: PROJECT_STATUSES.filter((s) => !TRACKED_STATUSES.includes(s)),
        })
        .andWhere('p.due_at <= :now', { now })
        .andWhere('(p.snoozed_until IS NULL OR p.snoozed_until <= :now)', { now })
        .orderBy('p.dueAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(MAX_ITEMS)
        .getMany(),
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
        leadPartner: p.leadPartner?.name ?? null,
        date: p.launchedAt ? calendarDayInZone(p.launchedAt, zone) : null,
        state: null,
      })),
      'follow-ups': followUps.map((f) => ({
        project: f.project?.title ?? '',
        leadPartner: f.project?.leadPartner?.name ?? null,
        date: f.date,
        text: f.text,
        statusTo: f.statusTo,
      })),
      'projects-attention': attention.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.leadPartner?.name ?? null,
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

  private issueTitle(number: number, newsletter: Newsletter, locale: Locale): string {
    return this.views.translator.translate(locale, 'newsletter.issueTitle', {
      number,
      period: formatPeriod(newsletter.periodFrom, newsletter.periodTo, locale),
    });
  }

  private urlOf(number: number): string {
    return `${this.config.publicUrl}/newsletters/${number}`;
  }

  private summaryColumns() {
    return {
      id: true,
      status: true,
      number: true,
      title: true,
      periodFrom: true,
      periodTo: true,
      publishedAt: true,
    } as const;
  }

  private summaryOf(
    row: Pick<
      Newsletter,
      'id' | 'status' | 'number' | 'title' | 'periodFrom' | 'periodTo' | 'publishedAt'
    >,
  ): NewsletterSummary {
    const locale = this.config.locale;
    return {
      id: row.id,
      status: row.status,
      number: row.number,
      title:
        row.title ??
        this.views.translator.translate(locale, 'newsletter.draftTitle', {
          period: formatPeriod(row.periodFrom, row.periodTo, locale),
        }),
      period: { from: row.periodFrom, to: row.periodTo },
      publishedAt: row.publishedAt?.toISOString() ?? null,
      url: row.number !== null && row.status === 'published' ? this.urlOf(row.number) : null,
    };
  }
}
