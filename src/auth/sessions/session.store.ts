import { Store, type SessionData } from 'express-session';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { Transactions } from '../../database/transactions';
import { SessionRecord } from './session-record.entity';

/** A session's server-side expiry is pushed back when it moves by more than this (see touch). */
export const SESSION_TOUCH_STEP_MS = 60_000;
/** Expiries remembered between get and touch; past this many, the oldest are forgotten. */
const REMEMBERED = 10_000;

/** express-session store on our own database: sessions survive restarts and expire server-side. */
export class DatabaseSessionStore extends Store {
  private lastPurge = 0;
  /** Per session id, the expiry its row had when get() read it (touch() needs no re-read). */
  private readonly storedExpiry = new Map<string, number>();

  constructor(
    private readonly sessions: Repository<SessionRecord>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    // Read on every staff page: a raw statement, no query building nor entity hydration.
    sql<{ data: string; expires_at: string | Date }>(
      this.sessions.manager,
      'SELECT data, expires_at FROM sessions WHERE sid = ?',
      [sid],
    )
      .then(([record]) => {
        const expiresAt = rawDate(record?.expires_at);
        if (!record || !expiresAt || expiresAt.getTime() <= this.clock.now().getTime())
          return callback(null, null);
        this.remember(sid, expiresAt.getTime());
        callback(null, JSON.parse(record.data) as SessionData);
      })
      .catch(callback);
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    const expiresAt = this.expiry(session);
    this.transactions
      .run(async (manager) => {
        await manager
          .getRepository(SessionRecord)
          .save({ sid, data: JSON.stringify(session), expiresAt });
        await this.purgeExpired(manager.getRepository(SessionRecord));
      })
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  /**
   * Sliding expiry (express-session `rolling`): called on every request with an unchanged session.
   * The row's expiry is written only when it moves by more than SESSION_TOUCH_STEP_MS, like the API
   * token's last use: a write transaction per page otherwise, for an idle timeout of hours that
   * may then end up to a minute early (never late).
   */
  override touch(sid: string, session: SessionData, callback?: () => void): void {
    const stored = this.storedExpiry.get(sid);
    this.storedExpiry.delete(sid);
    const expiresAt = this.expiry(session);
    const moved = stored === undefined ? Infinity : expiresAt.getTime() - stored;
    if (moved >= 0 && moved <= SESSION_TOUCH_STEP_MS) {
      callback?.();
      return;
    }
    this.transactions
      .runOne((manager) =>
        sql(manager, 'UPDATE sessions SET expires_at = ? WHERE sid = ?', [expiresAt, sid]),
      )
      .then(() => callback?.())
      .catch(() => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.storedExpiry.delete(sid);
    this.transactions
      .runOne((manager) => manager.getRepository(SessionRecord).delete({ sid }))
      .then(() => callback?.())
      .catch((err) => callback?.(err));
  }

  private remember(sid: string, expiresAt: number): void {
    this.storedExpiry.delete(sid);
    this.storedExpiry.set(sid, expiresAt);
    if (this.storedExpiry.size > REMEMBERED)
      this.storedExpiry.delete(this.storedExpiry.keys().next().value as string);
  }

  private expiry(session: SessionData): Date {
    const cookieExpiry = session.cookie?.expires
      ? new Date(session.cookie.expires).getTime()
      : undefined;
    return new Date(cookieExpiry ?? this.clock.now().getTime() + this.maxAgeMs);
  }

  /** Expired rows are removed now and then, on a write, rather than by a separate job. */
  private async purgeExpired(repository: Repository<SessionRecord>): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    await repository.delete({ expiresAt: LessThan(new Date(now)) });
  }
}
