import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '../common/domain-errors';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY, SKIP_CSRF_KEY } from './auth.decorators';
import { checkCsrf } from '../common/web/csrf';
import { IdentityService } from './identity.service';
import type { Role } from './users/user.entity';

/**
 * Global guard: every route needs a signed-in staff member (session cookie or Bearer API token)
 * unless marked @Public(); @Roles() narrows it further. Browsers without a session are sent to
 * the sign-in page by the error filter. Then the CSRF policy (./csrf.ts) applies to unsafe
 * methods, public routes included, unless the handler is marked @SkipCsrf().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.user = (await this.identity.identify(request)) ?? undefined;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (!request.user) throw new UnauthorizedError('errors.auth.signIn');
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      if (roles && !roles.includes(request.user.role)) {
        throw new ForbiddenError('errors.auth.role');
      }
    }
    if (!this.reflector.getAllAndOverride<boolean>(SKIP_CSRF_KEY, targets)) checkCsrf(request);
    return true;
  }
}
