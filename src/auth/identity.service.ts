import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { sha256 } from '../common/secrets';
import { ApiToken } from './api-token';
import type { AuthenticatedRequest } from './auth.decorators';
import { User } from './user';

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

/** Works out who sends a request: a Bearer API token first, then the session cookie. */
@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly clock: Clock,
  ) {}

  async identify(request: AuthenticatedRequest): Promise<User | null> {
    if (request.user) return request.user;
    const header = request.headers.authorization;
    // With an Authorization header the cookie is never considered: a request is either a token
    // request (CSRF-exempt) or a cookie request (CSRF-checked), never both.
    if (header !== undefined) {
      const user = header.startsWith('Bearer ')
        ? await this.fromToken(header.slice(7).trim())
        : null;
      if (user) request.authenticatedBy = 'token';
      return user;
    }
    const userId = request.session?.userId;
    if (userId) {
      const user = await this.users.findOneBy({ id: userId, active: true });
      if (!user || request.session.authStamp !== authStampOf(user)) return null;
      request.authenticatedBy = 'session';
      return user;
    }
    return null;
  }

  private async fromToken(token: string): Promise<User | null> {
    if (!token) return null;
    // A query builder without take(): findOne with a relation runs two queries (a DISTINCT
    // pre-select, then the join), on every API request.
    const found = await this.tokens
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.user', 'u')
      .where('t.tokenHash = :hash', { hash: sha256(token) })
      .andWhere('t.revokedAt IS NULL')
      .getOne();
    if (!found?.user?.active) return null;
    // Last use is informative only (at most once a minute): if this write were lost, or joined
    // another request's transaction on SQLite's shared connection, nothing of value goes with it.
    const now = this.clock.now();
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
      void this.tokens.update(found.id, { lastUsedAt: now }).catch(() => undefined);
    }
    return found.user;
  }
}
