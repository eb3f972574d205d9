import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Role, User } from './users/user.entity';

export const PUBLIC_KEY = 'maillage:public';
export const ROLES_KEY = 'maillage:roles';
export const SKIP_CSRF_KEY = 'maillage:skip-csrf';

/** The route needs no signed-in user (set-up, sign-in, answer links, unsubscribe, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route (every signed-in staff member otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The route is exempt from the CSRF check. Only for public forms reached through a personal
 * secret link (a partner's answer or unsubscribe link), where the secret in the URL already proves
 * the request is intended; never for staff forms.
 */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF_KEY, true);

export type AuthenticatedRequest = Request & {
  user?: User;
  /** How the user was recognised: cookie sessions need a CSRF token on unsafe methods. */
  authenticatedBy?: 'session' | 'token';
};

/** The signed-in staff member. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
