import { ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/** The unfolded values of a header in a raw message. */
export function headerValues(raw: string, name: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const prefix = `${name.toLowerCase()}:`;
  return head
    .split(/\r?\n/)
    .filter((line) => line.toLowerCase().startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

type Refusal = { code: number; message: string };

function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A real SMTP server in the test process. Messages it accepts are kept raw and parsed with
 * mailparser; it can refuse (4xx / 5xx) or hang on chosen messages to play failures and crashes.
 */
export class TestSmtpServer {
  readonly received: Received[] = [];
  /** Answers for the next DATA commands, in order (then: accept). */
  readonly refuseNext: Refusal[] = [];
  /** Recipients always refused with this answer. */
  readonly refuseRecipients = new Map<string, Refusal>();
  /** Recipients whose DATA is never answered until release(). */
  readonly hangFor = new Set<string>();
  /** Milliseconds each accepted message waits before its "250 OK" (a slow server). */
  delayMs = 0;
  /** Messages waiting for their delayed answer now. */
  delayed = 0;
  /** Called when a DATA is held (hangFor). */
  onHang?: (to: string[]) => void;
  /** Connections that broke mid-conversation (a client killed while sending is a scenario, not a failure). */
  readonly connectionErrors: Error[] = [];
  private readonly held: Array<(error: Error) => void> = [];
  private server!: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        this.handle(
          stream,
          session.envelope.rcptTo.map((r) => r.address),
          callback,
        ).catch((error: Error) => {
          // The client went away before the end of DATA: the message was never accepted.
          this.connectionErrors.push(error);
          callback(error);
        });
      },
    });
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Answers the held messages with a temporary failure (they were never accepted). */
  releaseHeld(): void {
    for (const answer of this.held.splice(0)) answer(refusal(451, 'Try again later'));
  }

  async stop(): Promise<void> {
    this.releaseHeld();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  copiesFor(email: string): Received[] {
    return this.received.filter((r) => r.to.includes(email));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting for the SMTP server');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private async handle(
    stream: SMTPServerDataStream,
    to: string[],
    callback: (error?: Error | null) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const refused = to.map((r) => this.refuseRecipients.get(r)).find(Boolean);
    if (refused) return callback(refusal(refused.code, refused.message));
    if (to.some((r) => this.hangFor.has(r))) {
      this.held.push(callback);
      this.onHang?.(to);
      return;
    }
    const next = this.refuseNext.shift();
    if (next) return callback(refusal(next.code, next.message));
    if (this.delayMs > 0) {
      this.delayed += 1;
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      this.delayed -= 1;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    this.received.push({ to, raw, mail: await simpleParser(raw) });
    callback();
  }
}
