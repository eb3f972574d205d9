import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { RateLimiters } from '../../database/rate-limiters';

const WINDOW_SECONDS = 60 * 60;

/**
 * Sign-in link requests, counted per email and per client address over an hour, whether the
 * email is known or not (so the answer says nothing about it). Shared by every instance on
 * PostgreSQL, in memory on SQLite, like LoginThrottle (RateLimiters).
 */
@Injectable()
export class PortalThrottle {
  private readonly byEmail: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(
    config: AppConfig,
    private readonly limiters: RateLimiters,
  ) {
    this.byEmail = this.limiters.create({
      keyPrefix: 'portal-email',
      points: config.portalRequestsPerEmail,
      duration: WINDOW_SECONDS,
    });
    this.byAddress = this.limiters.create({
      keyPrefix: 'portal-address',
      points: config.portalRequestsPerAddress,
      duration: WINDOW_SECONDS,
    });
  }

  /** Counts one request; throws TooManyRequestsError once either counter is full. */
  async consume(emailKey: string, address: string): Promise<void> {
    const results = await Promise.allSettled([
      this.byEmail.consume(this.limiters.key(emailKey)),
      this.byAddress.consume(this.limiters.key(address)),
    ]);
    const waits = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => {
        if (r.reason instanceof RateLimiterRes)
          return Math.max(1, Math.ceil(r.reason.msBeforeNext / 1000));
        throw r.reason;
      });
    if (waits.length > 0) {
      throw new TooManyRequestsError('errors.portal.throttled', Math.max(...waits));
    }
  }
}
