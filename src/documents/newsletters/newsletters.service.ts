import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Page, pageOf } from '../../common/pagination';
import { Transactions } from '../../database/transactions';
import type { RenderedDocument } from '../document-renderer';
import { applyVisibility, DocumentVisibility, isPublicToken } from '../document-visibility';
import { Newsletter } from './newsletter.entity';
import { NewsletterComposer, NewsletterResponse, NewsletterSummary } from './newsletter-composer';
import { NewsletterDelivery, NewsletterSending } from './newsletter-sending';
import type {
  CreateNewsletterDto,
  ListNewslettersQueryDto,
  UpdateNewsletterDto,
} from './newsletter.dto';
import { NEWSLETTER_SECTIONS, normalizeSections } from './newsletter.view-model';

/**
 * The newsletter: a draft for a period, assembled from the records each time it is shown (news,
 * upcoming meetings, minutes published, new partners), with the staff's editorial and section
 * choices; publishing numbers the issue and stores its email HTML, text and web page.
 */
@Injectable()
export class NewslettersService {
  constructor(
    @InjectRepository(Newsletter) private readonly newsletters: Repository<Newsletter>,
    private readonly composer: NewsletterComposer,
    private readonly sending: NewsletterSending,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
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

  /** Published issues, newest first; with `publicOnly`, the public ones only. */
  async published(limit = 100, publicOnly = false): Promise<NewsletterSummary[]> {
    const rows = await this.newsletters.find({
      select: this.summaryColumns(),
      where: publicOnly ? { status: 'published', visibility: 'public' } : { status: 'published' },
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

  /** Publishes and sends the issue (NewsletterSending). */
  publish(id: number, user: User): Promise<NewsletterSummary> {
    return this.sending.publish(id, user);
  }

  /** How the sending of an issue goes (NewsletterSending). */
  delivery(id: number): Promise<NewsletterDelivery> {
    return this.sending.delivery(id);
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

  /** The numbers of the published issues among `ids`, by id (drafts have none: left out). */
  async publishedNumbers(ids: readonly number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.newsletters.find({
      select: { id: true, number: true },
      where: { id: In([...ids]), status: 'published' },
    });
    return new Map(rows.map((row) => [row.id, Number(row.number)]));
  }

  /** A public issue by its link's token; a network one, or an unknown token, is not found. */
  async publicIssue(token: string): Promise<Newsletter> {
    const newsletter = isPublicToken(token)
      ? await this.newsletters.findOneBy({
          publicToken: token,
          visibility: 'public',
          status: 'published',
        })
      : null;
    if (!newsletter) throw new NotFoundError('newsletter');
    return newsletter;
  }

  /**
   * Makes an issue public (its link is made the first time) or network-only again; audited. A
   * draft may be made public before it is published: its mail then carries the public link.
   */
  async setVisibility(
    id: number,
    visibility: DocumentVisibility,
    user: User,
  ): Promise<NewsletterSummary> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Newsletter);
      const newsletter = await repository.findOneBy({ id });
      if (!newsletter) throw new NotFoundError('newsletter', id);
      const changes = applyVisibility(newsletter, visibility);
      await repository.update(id, {
        visibility: newsletter.visibility,
        publicToken: newsletter.publicToken,
      });
      if (changes)
        await this.audit.record(manager, actorOf(user), {
          entityType: 'newsletter',
          entityId: id,
          action: 'update',
          changes,
        });
      return this.summaryOf(newsletter);
    });
  }

  private async find(id: number): Promise<Newsletter> {
    const newsletter = await this.newsletters.findOneBy({ id });
    if (!newsletter) throw new NotFoundError('newsletter', id);
    return newsletter;
  }

  private show(newsletter: Newsletter): Promise<NewsletterResponse> {
    return this.composer.show(newsletter);
  }

  private summaryOf(row: Newsletter): NewsletterSummary {
    return this.composer.summaryOf(row);
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
      visibility: true,
      publicToken: true,
    } as const;
  }
}
