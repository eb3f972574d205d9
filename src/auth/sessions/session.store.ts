import type { Request } from 'express';
import { Store, type Session, type SessionData } from 'express-session';
import { LessThan, Repository } from 'typeorm';
import { Clock } from '../../common/clock';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { Transactions } from '../../database/transactions';
import { SessionRecord } from './session-record.entity';
import { USER_COLUMNS, type UserRow } from '../users/user-row';

/** A session's server-side expiry is pushed back when it moves by more than this (see touch). */
export const SESSION_TOUCH_STEP_MS = 60_000;
/** Expiries remembered between get and touch; past this many, the oldest are forgotten. */
const REMEMBERED = 10_000;

/** The user id a session's data names once signed in (`userId`, see IdentityService). */
const SIGNED_IN_USER = {
  sqlite: "json_extract(s.data, '$.userId')",
  postgres: "CAST(CAST(s.data AS json) ->> 'userId' AS integer)",
};

const USER_ROW = Symbol('user row read with the session');
type WithUserRow = { [USER_ROW]?: UserRow };
type SessionRow = { data: string; expires_at: string | Date } & NullableUserRow;
type NullableUserRow = { [K in keyof UserRow]: UserRow[K] | null };

/**
 * The signed-in user's row, read with the session by the store on this request (one statement
 * for both on every staff page), or undefined. IdentityService checks it as it would a fresh read.
 */
export function sessionUserRow(request: Request): UserRow | undefined {
  return (request as WithUserRow)[USER_ROW];
}

/** express-session store on our own database: sessions survive restarts and expire server-side. */
export class DatabaseSessionStore extends Store {
  private lastPurge = 0;
  /** Per session id, the expiry its row had when get() read it (touch() needs no re-read). */
  private readonly storedExpiry = new Map<string, number>();

  private readonly sessionSql: string;

  constructor(
    private readonly sessions: Repository<SessionRecord>,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly maxAgeMs: number,
  ) {
    super();
    const postgres = sessions.manager.connection.options.type === 'postgres';
    this.sessionSql = `SELECT s.data, s.expires_at, ${USER_COLUMNS}
        FROM sessions s
        LEFT JOIN users u ON u.id = ${postgres ? SIGNED_IN_USER.postgres : SIGNED_IN_USER.sqlite}
       WHERE s.sid = ?`;
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    // Read on every staff page: one raw statement for the session and its signed-in user.
    sql<SessionRow>(this.sessions.manager, this.sessionSql, [sid])
      .then(([record]) => {
        const expiresAt = rawDate(record?.expires_at);
        if (!record || !expiresAt || expiresAt.getTime() <= this.clock.now().getTime())
          return callback(null, null);
        this.remember(sid, expiresAt.getTime());
        const session = JSON.parse(record.data) as SessionData & WithUserRow;
        // Under a symbol: neither express-session's hash of the session nor its copy sees it.
        if (record.id !== null) session[USER_ROW] = record as UserRow;
        callback(null, session);
      })
      .catch(callback);
  }

  /** Hands the user row read with the session to the request (see sessionUserRow). */
  override createSession(request: Request, session: SessionData): Session & SessionData {
    const row = (session as WithUserRow)[USER_ROW];
    if (row) (request as WithUserRow)[USER_ROW] = row;
    return super.createSession(request, session);
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
