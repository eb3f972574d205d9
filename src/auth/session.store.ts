import { Store, type SessionData } from 'express-session';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { rawDate } from '../database/raw-values';
import { sql } from '../database/sql';
import { Transactions } from '../database/transactions';
import { SessionRecord } from './session-record';

/** express-session store on our own database: sessions survive restarts and expire server-side. */
export class DatabaseSessionStore extends Store {
  private lastPurge = 0;

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
        callback(null, JSON.parse(record.data) as SessionData);
      })
      .catch(callback);
  }

  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
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

  override touch(sid: string, session: SessionData, callback?: () => void): void {
    this.transactions
      .run((manager) =>
        sql(manager, 'UPDATE sessions SET expires_at = ? WHERE sid = ?', [
          this.expiry(session),
          sid,
        ]),
      )
      .then(() => callback?.())
      .catch(() => callback?.());
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.transactions
      .run((manager) => manager.getRepository(SessionRecord).delete({ sid }))
      .then(() => callback?.())
      .catch((err) => callback?.(err));
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
