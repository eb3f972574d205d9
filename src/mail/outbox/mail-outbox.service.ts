import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError } from '../../common/domain-errors';
import { Page } from '../../common/pagination';
import { sha256 } from '../../common/secrets';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { MailContent } from './mail-body.entity';
import {
  cancelPendingBulkOf,
  cancelPendingOfGroup,
  countByGroupAndStatus,
  countByStatus,
  deleteUnusedBody,
  insertIgnoringTwins,
  insertSharedAttachment,
  insertSharedBody,
  markPendingAsDemoSent,
} from './mail-outbox.queries';
import {
  MailAttachment,
  MailPurpose,
  OUTBOX_STATUSES,
  OutboxMessage,
  OutboxStatus,
} from './outbox-message.entity';

/** What a feature hands to the outbox: one message to one recipient. */
export type OutboxMessageInput = OutboxMessageHead &
  (
    | { html: string; text: string }
    /** A body stored once with storeSharedBody (bulk only: filled in with `unsubscribe.url`). */
    | { bodyId: number }
  );

interface OutboxMessageHead {
  purpose: MailPurpose;
  /** Unique per message, e.g. `invitation:${invitationId}:${email}`; a repeat is a no-op. */
  idempotencyKey: string;
  to: { email: string; name?: string | null };
  contactId?: number | null;
  subject: string;
  attachments?: MailAttachment[];
  /** An attachment stored once for the whole sending with storeSharedAttachment. */
  sharedAttachmentId?: number | null;
  /** Bulk mail (newsletter): needs `unsubscribe`, sent with List-Unsubscribe headers. */
  bulk?: boolean;
  /** From NewsletterAudience.unsubscribeLinks(): the https one-click URL and the mailto. */
  unsubscribe?: { url: string; mailto?: string | null };
  /** Groups the messages of one sending for its progress, e.g. `newsletter:12`. */
  group?: string | null;
}

export interface EnqueueResult {
  id: number;
  /** False when a message with the same idempotency key was already there. */
  created: boolean;
}

export type OutboxProgress = Record<OutboxStatus, number> & { total: number };

export interface OutboxListQuery {
  status?: OutboxStatus;
  group?: string;
  page: number;
  pageSize: number;
}

/**
 * The mail outbox. Features enqueue messages with the EntityManager of their own transaction, so
 * a change and the mail it causes are committed, or rolled back, together; the MailDispatcher
 * delivers them later, never during an HTTP request.
 */
@Injectable()
export class MailOutbox {
  private readonly enqueuedListeners: (() => void)[] = [];

  constructor(
    @InjectRepository(OutboxMessage) private readonly messages: Repository<OutboxMessage>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Called once the transaction that enqueued messages has committed (the dispatcher of this
   * process sends them at once instead of at its next poll).
   */
  onEnqueued(listener: () => void): void {
    this.enqueuedListeners.push(listener);
  }

  private enqueued(manager: EntityManager): void {
    this.transactions.afterCommit(manager, () => this.enqueuedListeners.forEach((l) => l()));
  }

  /** Inserts the message in the caller's transaction; the same idempotency key twice keeps one. */
  async enqueue(manager: EntityManager, message: OutboxMessageInput): Promise<EnqueueResult> {
    const row = this.toRow(message);
    const repository = manager.getRepository(OutboxMessage);
    const existing = await repository.findOne({
      where: { idempotencyKey: row.idempotencyKey },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
    // ON CONFLICT DO NOTHING: a concurrent twin neither fails nor aborts the caller's transaction.
    const postgres = manager.connection.options.type === 'postgres';
    const inserted = await insertIgnoringTwins(manager, [row], postgres);
    const saved = await repository.findOneOrFail({
      where: { idempotencyKey: row.idempotencyKey },
      select: { id: true },
    });
    // PostgreSQL returns no row when a concurrent transaction inserted the key first; SQLite
    // transactions are serialized, so the check above already saw it.
    const raw: unknown = inserted.raw;
    const created = !Array.isArray(raw) || raw.length > 0;
    if (created) this.enqueued(manager);
    return { id: saved.id, created };
  }

  /** Many messages at once (a newsletter): a few statements per hundred messages. */
  async enqueueMany(manager: EntityManager, messages: OutboxMessageInput[]): Promise<number> {
    const repository = manager.getRepository(OutboxMessage);
    let created = 0;
    const unique = new Map(messages.map((m) => [m.idempotencyKey, m]));
    const all = [...unique.values()];
    for (let i = 0; i < all.length; i += 100) {
      const chunk = all.slice(i, i + 100);
      const existing = await repository.find({
        where: { idempotencyKey: In(chunk.map((m) => m.idempotencyKey)) },
        select: { idempotencyKey: true },
      });
      const known = new Set(existing.map((e) => e.idempotencyKey));
      const fresh = chunk.filter((m) => !known.has(m.idempotencyKey));
      if (fresh.length === 0) continue;
      await insertIgnoringTwins(
        manager,
        fresh.map((m) => this.toRow(m)),
      );
      created += fresh.length;
    }
    if (created) this.enqueued(manager);
    return created;
  }

  /**
   * Stores the body of a bulk sending once, in the caller's transaction; its messages reference
   * it by `bodyId`, with UNSUBSCRIBE_URL_SLOT where each recipient's own link goes.
   */
  storeSharedBody(manager: EntityManager, body: MailContent): Promise<number> {
    return insertSharedBody(manager, body, this.clock.now());
  }

  /**
   * Stores a file attached to every message of one sending (a version's minutes as a PDF) once,
   * in the caller's transaction; its messages reference it by `sharedAttachmentId`.
   */
  storeSharedAttachment(
    manager: EntityManager,
    file: { filename: string; contentType: string; content: Buffer },
  ): Promise<number> {
    return insertSharedAttachment(
      manager,
      {
        filename: file.filename,
        contentType: file.contentType,
        base64: file.content.toString('base64'),
      },
      this.clock.now(),
    );
  }

  /** Drops a shared body no message references (a repeated sending that added nobody). */
  async discardUnusedBody(manager: EntityManager, bodyId: number): Promise<void> {
    await deleteUnusedBody(manager, bodyId);
  }

  /** Counts by status of one sending (e.g. `newsletter:12`). */
  async progress(group: string): Promise<OutboxProgress> {
    const rows = await countByStatus(this.messages.manager, group);
    const progress = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as OutboxProgress;
    progress.total = 0;
    for (const row of rows) {
      progress[row.status] = Number(row.count);
      progress.total += Number(row.count);
    }
    return progress;
  }

  /** Counts by status of several sendings at once (a list of newsletters): one query. */
  async progressByGroup(groups: string[]): Promise<Map<string, OutboxProgress>> {
    const empty = (): OutboxProgress => {
      const progress = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as OutboxProgress;
      progress.total = 0;
      return progress;
    };
    const result = new Map(groups.map((group) => [group, empty()]));
    if (groups.length === 0) return result;
    const rows = await countByGroupAndStatus(this.messages.manager, groups);
    for (const row of rows) {
      const progress = result.get(row.groupRef);
      if (!progress) continue;
      progress[row.status] = Number(row.count);
      progress.total += Number(row.count);
    }
    return result;
  }

  async list(query: OutboxListQuery): Promise<Page<OutboxMessage>> {
    const [items, total] = await this.messages.findAndCount({
      where: {
        ...(query.status ? { status: query.status } : {}),
        ...(query.group ? { groupRef: query.group } : {}),
      },
      order: { id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: number): Promise<OutboxMessage> {
    const message = await this.messages.findOneBy({ id });
    if (!message) throw new NotFoundError('outboxMessage', id);
    return message;
  }

  /** A failed message goes back to the queue, with its attempts counted afresh. */
  async retry(id: number): Promise<OutboxMessage> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(OutboxMessage);
      const message = await repository.findOneBy({ id });
      if (!message) throw new NotFoundError('outboxMessage', id);
      if (message.status !== 'failed')
        throw new ConflictError({
          key: 'errors.outbox.retryNotFailed',
          params: { status: { key: `outbox.status.${message.status}` } },
        });
      message.status = 'pending';
      message.attempts = 0;
      message.nextAttemptAt = this.clock.now();
      message.claimToken = null;
      message.claimedAt = null;
      return repository.save(message);
    });
  }

  /** The bulk messages of a contact still waiting to leave are dropped (they unsubscribed). */
  async cancelPendingBulk(manager: EntityManager, contactId: number): Promise<void> {
    await cancelPendingBulkOf(manager, contactId, 'unsubscribed before sending');
  }

  /**
   * The messages of a group still waiting to leave are dropped because newer news replaces them
   * (a meeting's earlier change of time, once it changes again or is cancelled).
   */
  async supersedePending(manager: EntityManager, group: string, reason: string): Promise<void> {
    await cancelPendingOfGroup(manager, group, reason);
  }

  /**
   * Demo data only: the waiting messages of these sendings are recorded as delivered when they were
   * queued, with the transport `demo`, and never leave (their recipients are fictional). Messages
   * already claimed or sent are left alone. Returns how many were recorded.
   */
  async recordDemoDelivery(groups: string[]): Promise<number> {
    if (groups.length === 0) return 0;
    return this.transactions.run((manager) => markPendingAsDemoSent(manager, groups));
  }

  /** `<hash.purpose@host>`: the same key always gives the same Message-ID, so a resend is recognisable. */
  messageIdFor(idempotencyKey: string, purpose: string): string {
    const host = /^https?:\/\/([^/:]+)/.exec(this.config.publicUrl)?.[1] ?? 'maillage.local';
    const tag = purpose.replace(/[^a-z0-9-]/gi, '').slice(0, 30) || 'mail';
    return `<${sha256(idempotencyKey).slice(0, 40)}.${tag}@${host}>`;
  }

  private toRow(message: OutboxMessageInput): Partial<OutboxMessage> {
    const email = message.to.email?.trim();
    if (!email || !email.includes('@'))
      throw new Error(`Outbox: "${message.to.email}" is not an email address`);
    if (!message.idempotencyKey) throw new Error('Outbox: a message needs an idempotency key');
    if (message.bulk && !message.unsubscribe?.url)
      throw new Error('Outbox: a bulk message needs its unsubscribe link (NewsletterAudience)');
    const shared = 'bodyId' in message;
    if (shared && !(message.bulk && message.unsubscribe?.url))
      throw new Error('Outbox: a shared body is for bulk messages, with their unsubscribe link');
    const oneLine = (value: string, max: number) => value.replace(/\s+/g, ' ').trim().slice(0, max);
    return {
      purpose: message.purpose,
      idempotencyKey: message.idempotencyKey.slice(0, 300),
      recipientEmail: email,
      recipientName: message.to.name ? oneLine(message.to.name, 200) : null,
      contactId: message.contactId ?? null,
      subject: oneLine(message.subject, 300),
      html: shared ? null : message.html,
      text: shared ? null : message.text,
      bodyId: shared ? message.bodyId : null,
      attachments: message.attachments ?? [],
      sharedAttachmentId: message.sharedAttachmentId ?? null,
      bulk: message.bulk ?? false,
      unsubscribeUrl: message.unsubscribe?.url ?? null,
      unsubscribeMailto: message.unsubscribe?.mailto ?? null,
      groupRef: message.group ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: this.clock.now(),
      claimToken: null,
      claimedAt: null,
      sentAt: null,
      transport: null,
      messageId: this.messageIdFor(message.idempotencyKey, message.purpose),
      lastError: null,
      createdAt: this.clock.now(),
    };
  }
}
