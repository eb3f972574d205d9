import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * Whether this instance is shutting down. On SIGTERM (or app.close()) readiness answers 503 at
 * once and, for SHUTDOWN_DELAY_SECONDS, the server still serves, so that the load balancer sees
 * it and sends new requests elsewhere; then Nest stops the server taking connections, waits for
 * the requests in flight, the mail dispatcher finishes the message it is sending, and the
 * database pool closes last (TypeORM's onApplicationShutdown).
 */
@Injectable()
export class Draining {
  private readonly logger = new Logger('Draining');
  private since?: Date;

  constructor(private readonly config: AppConfig) {}

  get draining(): boolean {
    return this.since !== undefined;
  }

  /** Turns readiness to 503, then waits SHUTDOWN_DELAY_SECONDS. Called once, first at shutdown. */
  async begin(signal?: string): Promise<void> {
    if (this.since) return;
    this.since = new Date();
    const delay = this.config.shutdownDelaySeconds;
    this.logger.log(`Draining${signal ? ` on ${signal}` : ''}: readiness answers 503`);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay * 1000));
  }
}
