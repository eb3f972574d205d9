import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sqlChanges, SqlValue } from './sql';
import { Transactions } from './transactions';

/** A claim older than this and not finished is taken to be its dead holder's, and taken over. */
export const DEFAULT_STALE_AFTER_MS = 30 * 60_000;

export type PassOutcome<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs a scheduled pass once per period across every instance on the database. An instance claims
 * (job, period) by inserting its row in scheduled_passes: the primary key lets one insert win, the
 * others skip. The winner marks the row finished; if its pass fails it deletes the row, so the
 * next tick (of any instance) tries again. A claim left unfinished for longer than staleAfterMs
 * (its holder was killed) is taken over by a conditional UPDATE, which again only one instance
 * wins. The same statements serve SQLite (one process: there the claim is just a record).
 */
@Injectable()
export class PeriodicPasses {
  private readonly logger = new Logger('PeriodicPasses');
  /** This instance, in the claims it writes: host, process, and a random part per start. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(private readonly transactions: Transactions) {}

  /**
   * Runs `pass` if this instance claims (job, period) at `now` (the caller's clock), else skips.
   * A failed pass releases its claim and throws.
   */
  async runOnce<T>(
    job: string,
    period: string,
    now: Date,
    pass: () => Promise<T>,
    staleAfterMs = DEFAULT_STALE_AFTER_MS,
  ): Promise<PassOutcome<T>> {
    if (!(await this.claim(job, period, now, staleAfterMs))) return { ran: false };
    let result: T;
    try {
      result = await pass();
    } catch (error) {
      await this.write(
        'DELETE FROM scheduled_passes WHERE job = ? AND period = ? AND claimed_by = ?',
        [job, period, this.instanceId],
      ).catch((releaseError: unknown) =>
        this.logger.warn(`could not release ${job} ${period}: ${String(releaseError)}`),
      );
      throw error;
    }
    await this.write(
      'UPDATE scheduled_passes SET finished_at = ? WHERE job = ? AND period = ? AND claimed_by = ?',
      [new Date(), job, period, this.instanceId],
    );
    return { ran: true, result };
  }

  /** True when this instance now holds (job, period): a new claim, or a stale one taken over. */
  async claim(
    job: string,
    period: string,
    now: Date,
    staleAfterMs = DEFAULT_STALE_AFTER_MS,
  ): Promise<boolean> {
    const inserted = await this.write(
      'INSERT INTO scheduled_passes (job, period, claimed_by, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (job, period) DO NOTHING',
      [job, period, this.instanceId, now],
    );
    if (inserted === 1) return true;
    const takenOver = await this.write(
      'UPDATE scheduled_passes SET claimed_by = ?, claimed_at = ? WHERE job = ? AND period = ? AND finished_at IS NULL AND claimed_at < ?',
      [this.instanceId, now, job, period, new Date(now.getTime() - staleAfterMs)],
    );
    if (takenOver === 1) this.logger.warn(`${job} ${period}: a stale claim was taken over`);
    return takenOver === 1;
  }

  private write(text: string, values: SqlValue[]): Promise<number> {
    return this.transactions.run((manager) => sqlChanges(manager, text, values));
  }
}
