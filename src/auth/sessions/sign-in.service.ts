import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Clock } from '../../common/clock';
import { UnauthorizedError } from '../../common/domain-errors';
import { authStampOf } from '../identity.service';
import { LoginThrottle } from './login-throttle';
import { hashPassword, verifyPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import { emailKey, UsersService } from '../users/users.service';

/** Staff sign-in with email and password, throttled, and the session that follows. */
@Injectable()
export class SignInService {
  /** Checked against when the email is unknown, so that answers take the same time. */
  private decoy?: Promise<string>;

  constructor(
    private readonly users: UsersService,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  /**
   * The active user with this email and password. Throws TooManyRequestsError while throttled
   * (even for the right password) and UnauthorizedError otherwise, never saying which part was wrong.
   */
  async authenticate(email: string, password: string, address: string): Promise<User> {
    const key = emailKey(email);
    await this.throttle.check(key, address);
    const user = await this.users.findByEmail(key);
    this.decoy ??= hashPassword('decoy password, never valid');
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoy));
    if (!user || !valid || !user.active) {
      await this.throttle.failed(key, address);
      throw new UnauthorizedError('errors.auth.wrongCredentials');
    }
    await this.throttle.succeeded(key, address);
    await this.users.recordSignIn(user, this.clock.now());
    return user;
  }

  /** Starts a signed-in session under a new id (the old one may be known to an attacker). */
  async startSession(request: Request, user: User): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      request.session.regenerate((err) => (err ? reject(toError(err)) : resolve())),
    );
    request.session.userId = user.id;
    request.session.authStamp = authStampOf(user);
    await new Promise<void>((resolve, reject) =>
      request.session.save((err) => (err ? reject(toError(err)) : resolve())),
    );
  }

  /** Ends the session server-side (the row is deleted) and tells the browser to drop the cookie. */
  async endSession(request: Request): Promise<void> {
    if (!request.session) return;
    await new Promise<void>((resolve, reject) =>
      request.session.destroy((err) => (err ? reject(toError(err)) : resolve())),
    );
    request.res?.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

export const SESSION_COOKIE = 'maillage.sid';

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
