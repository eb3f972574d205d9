import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { UNSUBSCRIBE_URL_SLOT } from '../../mail/newsletter/newsletter-audience';
import { MailOutbox, OutboxProgress } from '../../mail/outbox/mail-outbox.service';
import type { OutboxMessage } from '../../mail/outbox/outbox-message.entity';
import { NewsletterAudience } from '../../mail/newsletter/newsletter-audience';
import { DocumentRenderer } from '../document-renderer';
import { Newsletter } from './newsletter.entity';
import { NEWSLETTER_TEMPLATE, NewsletterComposer, NewsletterSummary } from './newsletter-composer';

/** The sending of a published issue: its outbox group and the counts by status. */
export interface NewsletterDelivery {
  newsletterId: number;
  number: number | null;
  group: string;
  progress: OutboxProgress;
}

/** The outbox group of an issue's messages. */
export const newsletterGroup = (id: number): string => `newsletter:${id}`;

/** Publishing an issue is sending it: numbering, storing its documents, enqueuing its mail. */
@Injectable()
export class NewsletterSending {
  constructor(
    @InjectRepository(Newsletter) private readonly newsletters: Repository<Newsletter>,
    private readonly composer: NewsletterComposer,
    private readonly transactions: Transactions,
    private readonly renderer: DocumentRenderer,
    private readonly audit: AuditService,
    private readonly audience: NewsletterAudience,
    private readonly outbox: MailOutbox,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

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
      const title = this.composer.issueTitle(number, newsletter, locale);
      const model = await this.composer.viewModel(newsletter, locale, {
        number,
        title,
        publishedAt,
      });
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
      return this.composer.summaryOf(saved);
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

  /** The sending of published issues, by outbox group (the desk's list). */
  progressOfIssues(ids: number[]): Promise<Map<string, OutboxProgress>> {
    return this.outbox.progressByGroup(ids.map(newsletterGroup));
  }

  /** An issue's sending: its counts by status and its first `failedShown` failed messages. */
  async sendingOf(
    id: number,
    failedShown: number,
  ): Promise<{ progress: OutboxProgress; failed: OutboxMessage[] }> {
    const group = newsletterGroup(id);
    const [progress, failures] = await Promise.all([
      this.outbox.progress(group),
      this.outbox.list({ status: 'failed', group, page: 1, pageSize: failedShown }),
    ]);
    return { progress, failed: failures.items };
  }

  /** A failed message of this issue back to the queue (the outbox's own retry); else not found. */
  async retryMessage(id: number, messageId: number): Promise<void> {
    const message = await this.outbox.get(messageId);
    if (message.groupRef !== newsletterGroup(id))
      throw new NotFoundError('newsletterMessage', messageId);
    await this.outbox.retry(messageId);
  }
}
