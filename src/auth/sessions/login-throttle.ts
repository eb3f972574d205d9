import { Injectable } from '@nestjs/common';
import { RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { RateLimiters } from '../../database/rate-limiters';

const ACCOUNT_WINDOW_SECONDS = 15 * 60;
const ADDRESS_WINDOW_SECONDS = 60 * 60;

/**
 * Failed sign-ins are counted per (email, client address) and per client address. Once a counter
 * is full, every attempt it covers is refused with 429 and Retry-After, even with the right
 * password, until its window ends; a success clears the (email, address) counter.
 *
 * Counters are shared by every instance on a PostgreSQL database (RateLimiters): N failures spread
 * over several instances count as N. On SQLite (one process) they live in memory.
 */
@Injectable()
export class LoginThrottle {
  private readonly byAccount: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(
    config: AppConfig,
    private readonly limiters: RateLimiters,
  ) {
    this.byAccount = this.limiters.create({
      keyPrefix: 'login-account',
      points: config.loginFailuresPerAccount,
      duration: ACCOUNT_WINDOW_SECONDS,
    });
    this.byAddress = this.limiters.create({
      keyPrefix: 'login-address',
      points: config.loginFailuresPerAddress,
      duration: ADDRESS_WINDOW_SECONDS,
    });
  }

  /** Throws TooManyRequestsError while either counter is full. */
  async check(emailKey: string, address: string): Promise<void> {
    const [account, byAddress] = await Promise.all([
      this.byAccount.get(this.accountKey(emailKey, address)),
      this.byAddress.get(this.limiters.key(address)),
    ]);
    const waits = [
      this.blockedFor(account, this.byAccount.points),
      this.blockedFor(byAddress, this.byAddress.points),
    ].filter((s): s is number => s !== undefined);
    if (waits.length > 0) {
      throw new TooManyRequestsError('errors.auth.throttled', Math.max(...waits));
    }
  }

  async failed(emailKey: string, address: string): Promise<void> {
    await Promise.all([
      this.byAccount.penalty(this.accountKey(emailKey, address)),
      this.byAddress.penalty(this.limiters.key(address)),
    ]);
  }

  async succeeded(emailKey: string, address: string): Promise<void> {
    await this.byAccount.delete(this.accountKey(emailKey, address));
  }

  private accountKey(emailKey: string, address: string): string {
    return this.limiters.key(emailKey, address);
  }

  private blockedFor(res: RateLimiterRes | null, points: number): number | undefined {
    if (!res || res.consumedPoints < points) return undefined;
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  }
}
