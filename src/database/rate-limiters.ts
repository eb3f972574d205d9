import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** The table of the shared counters (migrations/postgres …RateLimits: ours, not the library's). */
export const RATE_LIMITS_TABLE = 'rate_limits';

/**
 * Counters for throttling (sign-in, portal links). On PostgreSQL they live in the database
 * (rate-limiter-flexible's PostgreSQL store, on the app's own pool), so every instance on that
 * database counts against the same totals; the table comes from our migration, the store does not
 * create it. On SQLite the app is one process: counters stay in memory (a restart clears them).
 * Callers count by key(…): an HMAC of the email and address, so the table holds neither in clear.
 */
@Injectable()
export class RateLimiters {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The key of a counter for these parts (an email, an address): the same on every instance. */
  key(...parts: string[]): string {
    return createHmac('sha256', this.config.sessionSecret ?? 'maillage-rate-limits')
      .update(parts.join('\n'))
      .digest('base64url');
  }

  /** keyPrefix names the counter (its rows are `<keyPrefix>:<key>`); duration in seconds. */
  create(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
    if (this.dataSource.options.type !== 'postgres') return new RateLimiterMemory(options);
    return new RateLimiterPostgres({
      ...options,
      storeClient: this.dataSource,
      storeType: 'typeorm',
      tableName: RATE_LIMITS_TABLE,
      tableCreated: true,
      // Expired rows are deleted (every five minutes) by the store itself.
      clearExpiredByTimeout: true,
    });
  }
}
