import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Role, User } from './user';

export const PUBLIC_KEY = 'maillage:public';
export const ROLES_KEY = 'maillage:roles';

/** The route needs no signed-in user (set-up, sign-in, answer links, unsubscribe, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the route (every signed-in staff member otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { user?: User };

/** The signed-in staff member. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
