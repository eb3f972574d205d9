import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { MailContent } from '../outbox/mail-body.entity';
import type { OutboxMessage, OutboxTransport } from '../outbox/outbox-message.entity';

/** An outbox row with the body it is sent with (its own, or its shared body personalised). */
export type DeliverableMessage = Omit<OutboxMessage, 'html' | 'text'> & MailContent;

/** Why a delivery failed, and whether trying again later may help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/**
 * SMTP answers 5xx when the message will never be accepted (unknown mailbox, refused content):
 * permanent. 4xx (mailbox busy, greylisting), connection errors and timeouts: temporary.
 */
export function classifyFailure(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const detail = (e?.response || e?.message || String(error)).replace(/\s+/g, ' ').slice(0, 500);
  const reason = [code, e?.code, detail].filter(Boolean).join(' ');
  return new DeliveryError(reason, code !== undefined && code >= 500 && code < 600);
}

/**
 * Turns an outbox row into a MIME message and hands it over: to the SMTP server of SMTP_URL, or,
 * without one, to an .eml file under DATA_DIR/outbox (the message is then "kept": the app works
 * out of the box and staff can open what would have been sent).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private smtp?: Transporter;
  private readonly builder = createTransport({ streamTransport: true, buffer: true });

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get kind(): OutboxTransport {
    return this.config.smtpUrl ? 'smtp' : 'file';
  }

  /** The nodemailer message: multipart text + HTML, UTF-8, headers of bulk mail. */
  optionsFor(message: DeliverableMessage): SendMailOptions {
    const headers: Record<string, string> = {};
    if (message.bulk && message.unsubscribeUrl) {
      // One field, https first (RFC 2369), and the one-click POST of RFC 8058.
      headers['List-Unsubscribe'] = [message.unsubscribeUrl, message.unsubscribeMailto]
        .filter(Boolean)
        .map((uri) => `<${uri}>`)
        .join(', ');
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      headers['Precedence'] = 'bulk';
      headers['Auto-Submitted'] = 'auto-generated';
    }
    return {
      from: this.config.mailFrom,
      ...(this.config.mailReplyTo ? { replyTo: this.config.mailReplyTo } : {}),
      to: { name: message.recipientName ?? '', address: message.recipientEmail },
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      date: this.clock.now(),
      headers,
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
        ...(a.encoding === 'base64' ? { encoding: 'base64' } : {}),
      })),
    };
  }

  /** The raw RFC 5322 message, as it would be sent. */
  async raw(message: DeliverableMessage): Promise<Buffer> {
    const info = (await this.builder.sendMail(this.optionsFor(message))) as { message: Buffer };
    return info.message;
  }

  /** Delivers one message; throws a DeliveryError saying whether to try again. */
  async deliver(message: DeliverableMessage): Promise<OutboxTransport> {
    try {
      if (this.config.smtpUrl) {
        await this.smtpTransport().sendMail(this.optionsFor(message));
        return 'smtp';
      }
      this.keep(message, await this.raw(message));
      return 'file';
    } catch (error) {
      throw error instanceof DeliveryError ? error : classifyFailure(error);
    }
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }

  /** DATA_DIR/outbox/<id>-<purpose>.eml, written atomically; a resend rewrites the same file. */
  private keep(message: DeliverableMessage, raw: Buffer): void {
    const dir = this.config.outboxDir;
    mkdirSync(dir, { recursive: true });
    const name = keptFileName(message);
    const temporary = join(dir, `.${name}.tmp`);
    writeFileSync(temporary, raw);
    renameSync(temporary, join(dir, name));
  }

  private smtpTransport(): Transporter {
    if (!this.smtp) {
      this.smtp = createTransport({
        url: this.config.smtpUrl,
        pool: true,
        maxConnections: this.config.mailConnections,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      } as Parameters<typeof createTransport>[0]);
      this.logger.log(`Sending mail through ${new URL(this.config.smtpUrl!).host}`);
    }
    return this.smtp;
  }
}

/** The name of a message's kept copy under DATA_DIR/outbox (no SMTP configured). */
export function keptFileName(message: { id: number; purpose: string }): string {
  return `${String(message.id).padStart(6, '0')}-${message.purpose.replace(/[^a-z0-9-]/gi, '')}.eml`;
}
