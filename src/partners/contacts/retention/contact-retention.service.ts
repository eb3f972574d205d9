import { Injectable } from '@nestjs/common';
import { type Actor, actorLabel, actorUserId, AuditService } from '../../../audit/audit.service';
import { Clock } from '../../../common/clock';
import { ConflictError, NotFoundError } from '../../../common/domain-errors';
import { type Page, pageOf, type PageQueryDto } from '../../../common/pagination';
import { AppConfig } from '../../../config/app-config';
import { Transactions } from '../../../database/transactions';
import { Contact } from '../contact.entity';
import { type ContactActivity, ContactActivityRegistry } from './contact-activity.registry';
import { type RetentionContactLine, RetentionQueries } from './retention.queries';

/** A contact due for review: no activity since before the retention period. */
export interface RetentionReviewLine extends RetentionContactLine {
  lastActivityAt: Date;
  /** What the latest activity was (`retentionPages.kind.<kind>`). */
  lastActivityKind: string;
}

export interface RetentionReview {
  page: Page<RetentionReviewLine>;
  /** The retention period (CONTACT_RETENTION_MONTHS). */
  months: number;
  /** Contacts whose latest activity is before this moment are listed. */
  before: Date;
  /** All contacts of the directory (the listed ones are `page.total` of them). */
  contacts: number;
}

export interface RetentionDecision {
  contactId: number;
  keptAt: Date;
  keptBy: string;
}

/** `months` calendar months before `moment` (31 March less one month: 28 or 29 February). */
export function monthsBefore(moment: Date, months: number): Date {
  const target = new Date(moment.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const last = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

/**
 * The retention review (RGPD, storage limitation): contacts whose latest activity is older than
 * CONTACT_RETENTION_MONTHS, oldest first, and the staff decision to keep one (which counts as its
 * activity). A contact's latest activity is the latest of what the directory knows (creation,
 * consent events, keep decisions) and of what the features registered in ContactActivityRegistry
 * know (answers naming it, attendance, agenda items it presents, follow-ups it wrote, portal
 * links it asked for or used): a constant number of statements, one per source, whatever the
 * number of contacts (docs/personal-data.md).
 */
@Injectable()
export class ContactRetentionService {
  constructor(
    private readonly queries: RetentionQueries,
    private readonly registry: ContactActivityRegistry,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async review(query: PageQueryDto): Promise<RetentionReview> {
    const { due, before, months, contacts } = await this.due();
    const slice = due.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
    const items = await this.linesOf(slice);
    return { page: pageOf(items, due.length, query), months, before, contacts };
  }

  /** Every contact due for review, oldest first, in batches (the CSV export). */
  async *allDue(batchSize = 500): AsyncGenerator<RetentionReviewLine[]> {
    const { due } = await this.due();
    for (let start = 0; start < due.length; start += batchSize)
      yield await this.linesOf(due.slice(start, start + batchSize));
  }

  /** Each contact's latest activity, those before the period's start oldest first. */
  private async due(): Promise<{
    due: ContactActivity[];
    before: Date;
    months: number;
    contacts: number;
  }> {
    const months = this.config.contactRetentionMonths;
    const before = monthsBefore(this.clock.now(), months);
    const [own, elsewhere] = await Promise.all([this.queries.ownActivity(), this.registry.all()]);
    const latest = new Map<number, ContactActivity>();
    const keepLatest = (activity: ContactActivity) => {
      const current = latest.get(activity.contactId);
      if (!current || activity.at.getTime() > current.at.getTime())
        latest.set(activity.contactId, activity);
    };
    for (const activity of own) keepLatest(activity);
    // Rows about contacts deleted since (follow-ups keep their author's id) are not contacts.
    for (const activity of elsewhere) if (latest.has(activity.contactId)) keepLatest(activity);
    const due = [...latest.values()]
      .filter((activity) => activity.at.getTime() < before.getTime())
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.contactId - b.contactId);
    return { due, before, months, contacts: latest.size };
  }

  /** The contacts of these activities with their partner, in the same order (one statement). */
  private async linesOf(activities: ContactActivity[]): Promise<RetentionReviewLine[]> {
    const lines = await this.queries.lines(activities.map((activity) => activity.contactId));
    const items: RetentionReviewLine[] = [];
    for (const activity of activities) {
      const line = lines.get(activity.contactId);
      if (line)
        items.push({ ...line, lastActivityAt: activity.at, lastActivityKind: activity.kind });
    }
    return items;
  }

  /**
   * Staff keep the contact after reviewing it: the decision (when, by whom) is its activity, so it
   * leaves the list until the period has passed again. Audited on the contact.
   */
  keep(actor: Actor, contactId: number): Promise<RetentionDecision> {
    return this.transactions.run(async (manager) => {
      const contact = await manager
        .getRepository(Contact)
        .findOne({ where: { id: contactId }, select: { id: true, erasedAt: true } });
      if (!contact) throw new NotFoundError('contact', contactId);
      // An erased contact is gone: there is nothing left to keep (as for any other edit, 409).
      if (contact.erasedAt) throw new ConflictError('errors.contact.erased');
      const previous = await this.queries.keptAt(manager, contactId);
      const keptAt = this.clock.now();
      const keptBy = actorLabel(actor);
      await this.queries.recordKeep(manager, contactId, keptAt, keptBy, actorUserId(actor));
      await this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: contactId,
        action: 'keep',
        changes: {
          retentionKeptAt: { before: previous?.toISOString() ?? null, after: keptAt.toISOString() },
        },
      });
      return { contactId, keptAt, keptBy };
    });
  }
}
