import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256 } from '../common/secrets';
import { placeholders, rawDate } from '../database/raw-values';
import { ApiToken } from './tokens/api-token.entity';
import type { AuthenticatedRequest } from './auth.decorators';
import { User } from './users/user.entity';
import { USER_COLUMNS, userOf, type UserRow } from './users/user-row';
import { sessionUserRow } from './sessions/session.store';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in staff member; set only after the session id was regenerated at sign-in. */
    userId?: number;
    /** Derived from the password hash at sign-in: a new password ends every older session. */
    authStamp?: string;
  }
}

/** A short fingerprint of the user's credentials, kept in the session. */
export function authStampOf(user: User): string {
  return sha256(`session:${user.passwordHash}`).slice(0, 16);
}

interface TokenUserRow extends UserRow {
  token_id: number;
  last_used_at: string | Date | null;
}

/**
 * The live token and its user, in one statement written once: it runs before every API call, so
 * it skips query building and entity hydration (the User is filled from the row below).
 */
const TOKEN_USER_SQL = `SELECT t.id AS token_id, t.last_used_at, ${USER_COLUMNS}
    FROM api_tokens t
    JOIN users u ON u.id = t.user_id
   WHERE t.token_hash = ? AND t.revoked_at IS NULL`;

/** The signed-in staff member of a session, when the session store did not read it already. */
const SESSION_USER_SQL = `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`;

/** Works out who sends a request: a Bearer API token first, then the session cookie. */
@Injectable()
export class IdentityService implements BeforeApplicationShutdown {
  private readonly tokenUserSql: string;
  private readonly sessionUserSql: string;
  /** Last-use writes still running: awaited at shutdown, before the connection pool closes. */
  private readonly touches = new Set<Promise<unknown>>();

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly clock: Clock,
  ) {
    const engine = tokens.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.tokenUserSql = placeholders(engine, TOKEN_USER_SQL);
    this.sessionUserSql = placeholders(engine, SESSION_USER_SQL);
  }

  async identify(request: AuthenticatedRequest): Promise<User | null> {
    if (request.user) return request.user;
    const header = request.headers.authorization;
    // With an Authorization header the cookie is never considered: a request is either a token
    // request (CSRF-exempt) or a cookie request (CSRF-checked), never both.
    if (header !== undefined) {
      // The scheme is case-insensitive (RFC 9110): "bearer" is a Bearer token too.
      const user = /^bearer /i.test(header) ? await this.fromToken(header.slice(7).trim()) : null;
      if (user) request.authenticatedBy = 'token';
      return user;
    }
    const userId = request.session?.userId;
    if (userId) {
      // Read with the session row (DatabaseSessionStore.get) on every staff page; alone otherwise.
      const read = sessionUserRow(request);
      const [row] =
        read && Number(read.id) === userId
          ? [read]
          : await this.users.query<UserRow[]>(this.sessionUserSql, [userId]);
      const user = row?.active ? userOf(row) : null;
      if (!user || request.session.authStamp !== authStampOf(user)) return null;
      request.authenticatedBy = 'session';
      return user;
    }
    return null;
  }

  private async fromToken(token: string): Promise<User | null> {
    if (!token) return null;
    const [row] = await this.tokens.query<TokenUserRow[]>(this.tokenUserSql, [sha256(token)]);
    if (!row?.active) return null;
    // Last use is informative only (at most once a minute): if this write were lost, or joined
    // another request's transaction on SQLite's shared connection, nothing of value goes with it.
    const now = this.clock.now();
    const lastUsedAt = rawDate(row.last_used_at);
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > 60_000) {
      const touch = this.tokens.update(row.token_id, { lastUsedAt: now }).catch(() => undefined);
      this.touches.add(touch);
      void touch.finally(() => this.touches.delete(touch));
    }
    return userOf(row);
  }

  /** Resolves once every token last-use write started so far is over (shutdown; exact counts). */
  async touchesSettled(): Promise<void> {
    await Promise.all([...this.touches]);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.touchesSettled();
  }
}
