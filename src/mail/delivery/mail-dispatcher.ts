import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../common/clock';
import { randomToken } from '../../common/secrets';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { attachmentOf, MailAttachmentFile } from '../outbox/mail-attachment-file.entity';
import { MailBody, MailContent, personalise } from '../outbox/mail-body.entity';
import { MailOutbox } from '../outbox/mail-outbox.service';
import { DeliveryError, MailTransport } from './mail-transport';
import {
  claimDue,
  ClaimOutcome,
  finishClaimed,
  releaseClaimed,
} from '../outbox/mail-outbox.queries';
import { OutboxMessage } from '../outbox/outbox-message.entity';

/** What a batch's messages share: bodies and attachments stored once for a whole sending. */
interface Shared {
  bodies: Map<number, MailBody>;
  attachments: Map<number, MailAttachmentFile>;
}

/** A claimed message, with its claim's token and what it shares with its batch. */
interface Claimed {
  message: OutboxMessage;
  token: string;
  shared: Shared;
}

/** Delay before attempt n+1 after n failed attempts: base, 2·base, 4·base... capped at a day. */
export function backoffSeconds(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 86_400);
}

/**
 * Delivers the outbox, in the background: never during an HTTP request.
 *
 * Each round claims a batch atomically (pending → sending, with a claim token and claimed_at), so
 * two dispatchers (two app instances) never take the same row: on PostgreSQL the candidates are
 * locked with FOR UPDATE SKIP LOCKED, on SQLite the single UPDATE runs under the database write
 * lock. A claim older than MAIL_CLAIM_TIMEOUT_SECONDS (the sender crashed mid-send) is taken
 * back. Every later write is conditional on the claim token, and a sent message is never claimed
 * again. A crash between the SMTP server's "250 OK" and our "sent" can only lead to a resend with
 * the same Message-ID, which receiving systems recognise as the same message.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MailDispatcher');
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<number>>();
  private stopping = false;
  /** Messages were enqueued while a drain was running: drain again when it ends. */
  private drainAgain = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    outbox: MailOutbox,
  ) {
    outbox.onEnqueued(() => this.wake());
  }

  onApplicationBootstrap(): void {
    if (this.config.mailDispatcher) this.start();
  }

  /** Mail was enqueued and committed here: send it now rather than at the next poll. */
  private wake(): void {
    if (!this.timer) return;
    if (this.inFlight.size === 0) void this.drainOnce().catch(() => undefined);
    else this.drainAgain = true;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Polls the outbox every MAIL_POLL_SECONDS. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.inFlight.size === 0) void this.drainOnce().catch(() => undefined);
    }, this.config.mailPollSeconds * 1000);
    this.timer.unref();
  }

  /** Stops polling and waits for the message being sent; claimed messages not yet sent go back. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopping = true;
    try {
      await Promise.allSettled([...this.inFlight]);
    } finally {
      this.stopping = false;
    }
  }

  /** Sends everything due now, batch after batch; resolves with the number of messages handled. */
  drainOnce(): Promise<number> {
    this.drainAgain = false;
    const run = this.drain().finally(() => {
      this.inFlight.delete(run);
      if (this.drainAgain) this.wake();
    });
    this.inFlight.add(run);
    return run;
  }

  /**
   * Sends on MAIL_CONNECTIONS lanes, one message at a time each (the SMTP pool has as many
   * connections), as nodemailer alone sends. A lane that finds nothing left claims the next batch
   * at once, without waiting for the others to finish theirs. When stopping, each lane finishes
   * the message in hand, and the messages claimed but never attempted go back to the queue.
   */
  private async drain(): Promise<number> {
    const queue: Claimed[] = [];
    let handled = 0;
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const refill = () =>
      (claiming ??= this.claimBatch()
        .then((claimed) => (claimed.length ? void queue.push(...claimed) : void (exhausted = true)))
        .finally(() => (claiming = undefined)));
    const lane = async () => {
      while (!this.stopping) {
        const next = queue.shift();
        if (next) {
          await this.send(next.message, next.token, next.shared);
          handled += 1;
        } else if (exhausted) return;
        else await refill();
      }
    };
    await Promise.all(Array.from({ length: this.config.mailConnections }, lane));
    for (const token of new Set(queue.map((c) => c.token)))
      await this.release(
        queue.filter((c) => c.token === token).map((c) => c.message),
        token,
      );
    return handled;
  }

  /** The next batch, with what its messages share: empty when nothing is due. */
  private async claimBatch(): Promise<Claimed[]> {
    const token = randomToken(24);
    const batch = await this.claim(token);
    if (batch.length === 0) return [];
    const shared = {
      bodies: await this.sharedBodies(batch),
      attachments: await this.sharedAttachments(batch),
    };
    return batch.map((message) => ({ message, token, shared }));
  }

  /** Atomically takes up to MAIL_BATCH_SIZE due messages (and stale claims) for this token. */
  private claim(token: string): Promise<OutboxMessage[]> {
    const now = this.clock.now();
    const stale = new Date(now.getTime() - this.config.mailClaimTimeoutSeconds * 1000);
    return this.transactions.run((manager) =>
      claimDue(manager, { token, now, stale, limit: this.config.mailBatchSize }),
    );
  }

  /** The shared bodies of a batch, each read once (a batch of a newsletter shares one). */
  private async sharedBodies(batch: OutboxMessage[]): Promise<Map<number, MailBody>> {
    const ids = [...new Set(batch.map((m) => m.bodyId).filter((id) => id !== null))];
    if (ids.length === 0) return new Map();
    const bodies = await this.dataSource.getRepository(MailBody).findBy({ id: In(ids) });
    return new Map(bodies.map((body) => [body.id, body]));
  }

  /** The shared attachments of a batch, each read once (a sending's messages share one). */
  private async sharedAttachments(
    batch: OutboxMessage[],
  ): Promise<Map<number, MailAttachmentFile>> {
    const ids = [...new Set(batch.map((m) => m.sharedAttachmentId).filter((id) => id !== null))];
    if (ids.length === 0) return new Map();
    const files = await this.dataSource.getRepository(MailAttachmentFile).findBy({ id: In(ids) });
    return new Map(files.map((file) => [file.id, file]));
  }

  /** What the message is sent with: its own body, or its shared body with its unsubscribe URL. */
  private contentOf(message: OutboxMessage, bodies: Map<number, MailBody>): MailContent | null {
    if (message.bodyId === null)
      return message.html === null || message.text === null
        ? null
        : { html: message.html, text: message.text };
    const body = bodies.get(message.bodyId);
    return body ? personalise(body, message.unsubscribeUrl ?? '') : null;
  }

  private async send(message: OutboxMessage, token: string, shared: Shared): Promise<void> {
    if (message.attempts > this.config.mailMaxAttempts) {
      // Taken back after crashes too many times: stop trying, say so.
      await this.finish(message, token, {
        status: 'failed',
        lastError: 'interrupted too many times while sending',
      });
      return;
    }
    const content = this.contentOf(message, shared.bodies);
    if (!content) {
      await this.finish(message, token, { status: 'failed', lastError: 'the message has no body' });
      return;
    }
    const file =
      message.sharedAttachmentId === null
        ? null
        : shared.attachments.get(message.sharedAttachmentId);
    const attachments = file ? [...message.attachments, attachmentOf(file)] : message.attachments;
    let transport: OutboxMessage['transport'];
    try {
      transport = await this.transport.deliver({ ...message, ...content, attachments });
    } catch (error) {
      const failure = error as DeliveryError;
      const giveUp = failure.permanent || message.attempts >= this.config.mailMaxAttempts;
      const delay = backoffSeconds(message.attempts, this.config.mailRetryBaseSeconds);
      this.logger.warn(
        `Message ${message.id} to ${message.recipientEmail}: ${failure.message}` +
          (giveUp ? ' (failed)' : ` (retry in ${delay}s)`),
      );
      await this.finish(message, token, {
        status: giveUp ? 'failed' : 'pending',
        lastError: failure.message,
        ...(giveUp ? {} : { nextAttemptAt: new Date(this.clock.now().getTime() + delay * 1000) }),
      });
      return;
    }
    const updated = await this.finish(message, token, {
      status: 'sent',
      sentAt: this.clock.now(),
      transport,
      lastError: null,
    });
    if (!updated) {
      this.logger.warn(
        `Message ${message.id} was sent, but its claim had been taken back meanwhile`,
      );
    }
  }

  /** Writes the outcome only if the claim is still ours; true when it was. */
  private async finish(
    message: OutboxMessage,
    token: string,
    outcome: ClaimOutcome,
  ): Promise<boolean> {
    return this.transactions.runOne((manager) =>
      finishClaimed(manager, message.id, token, outcome),
    );
  }

  /** Claimed but not attempted (shutting down): back to the queue as if never claimed. */
  private async release(messages: OutboxMessage[], token: string): Promise<void> {
    if (messages.length === 0) return;
    await this.transactions.run((manager) =>
      releaseClaimed(
        manager,
        token,
        messages.map((m) => m.id),
      ),
    );
  }
}
