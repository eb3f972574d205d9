import {
  ArgumentsHost,
  CanActivate,
  Catch,
  createParamDecorator,
  ExceptionFilter,
  ExecutionContext,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { wantsHtml } from '../../common/domain-error.filter';
import { Clock } from '../../common/clock';
import { UnauthorizedError } from '../../common/domain-errors';
import { describeError, toErrorBody, type Say } from '../../common/error-body';
import { ViewService } from '../../common/web/view.service';
import { PortalIdentity, PortalLinksService } from '../links/portal-links.service';
import { seeOther } from '../../common/http-answers';

declare module 'express-session' {
  interface SessionData {
    /** Partner portal: the signed-in contact, the link that opened the session, its end (ms). */
    portalContactId?: number;
    portalLinkId?: number;
    portalExpiresAt?: number;
    /** The portal page asked for before signing in, to go back to once the link is opened. */
    portalReturnTo?: string;
  }
}

export type PortalRequest = Request & { portal?: PortalIdentity };

/** No live portal session: browsers go to the portal sign-in form, scripts get 401. */
export class PortalSignInRequired extends UnauthorizedError {
  constructor(readonly ended: boolean) {
    super('errors.portal.signIn');
  }
}

/** Portal pages worth going back to after signing in (a document a mail linked, say). */
const RETURN_PATH = /^\/portal\/(minutes|newsletters|projects|reviews)(\/[\w-]+){0,3}$/;

/**
 * A link mailed for one page (`/portal/link/<token>?to=/portal/reviews/12`): where to go once it
 * is opened, kept like a page asked for before signing in. Anything else is ignored.
 */
export function keepReturnPath(request: Request, path: unknown): void {
  if (typeof path === 'string' && RETURN_PATH.test(path) && request.session)
    request.session.portalReturnTo = path;
}

/**
 * Starts a portal session under a new session id, for the contact a link belongs to. Answers
 * where to go: the portal page asked for before signing in on this browser, else the home page.
 */
export async function startPortalSession(
  request: Request,
  identity: PortalIdentity,
): Promise<string> {
  const returnTo = request.session?.portalReturnTo;
  await new Promise<void>((resolve, reject) =>
    request.session.regenerate((err) => (err ? reject(asError(err)) : resolve())),
  );
  request.session.portalContactId = identity.contact.id;
  request.session.portalLinkId = identity.link.id;
  request.session.portalExpiresAt = identity.link.expiresAt.getTime();
  await new Promise<void>((resolve, reject) =>
    request.session.save((err) => (err ? reject(asError(err)) : resolve())),
  );
  return returnTo && RETURN_PATH.test(returnTo) ? returnTo : '/portal';
}

/** Ends the whole session (a portal session carries nothing else worth keeping). */
export async function endPortalSession(request: Request): Promise<void> {
  if (!request.session) return;
  await new Promise<void>((resolve, reject) =>
    request.session.destroy((err) => (err ? reject(asError(err)) : resolve())),
  );
}

/**
 * Guard of every portal page (they are @Public() for the staff AuthGuard, which still checks
 * CSRF). The session must name a contact and the link that signed it in; the link is checked on
 * every request, so a revoked or expired link, or a partner made inactive, ends the session at
 * once. Staff sessions carry no portal identity and are refused like anonymous visitors.
 */
@Injectable()
export class PortalGuard implements CanActivate {
  constructor(
    private readonly links: PortalLinksService,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PortalRequest>();
    const session = request.session;
    const contactId = session?.portalContactId;
    const linkId = session?.portalLinkId;
    const expiresAt = session?.portalExpiresAt;
    if (!contactId || !linkId || !expiresAt) throw new PortalSignInRequired(false);
    const identity =
      expiresAt > this.clock.now().getTime() ? await this.links.identify(linkId, contactId) : null;
    if (!identity) {
      await endPortalSession(request);
      throw new PortalSignInRequired(true);
    }
    request.portal = identity;
    return true;
  }
}

/** The signed-in portal identity (set by PortalGuard). */
export const CurrentPortal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const identity = context.switchToHttp().getRequest<PortalRequest>().portal;
  if (!identity) throw new PortalSignInRequired(false);
  return identity;
});

@Catch(PortalSignInRequired)
@Injectable()
export class PortalSignInFilter implements ExceptionFilter {
  constructor(private readonly views: ViewService) {}

  catch(exception: PortalSignInRequired, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (wantsHtml(request)) {
      // A page asked for without a session (a document linked from a mail): back to it after.
      if (request.method === 'GET' && RETURN_PATH.test(request.path) && request.session)
        request.session.portalReturnTo = request.path;
      seeOther(response, exception.ended ? '/portal/sign-in?ended=1' : '/portal/sign-in');
      return;
    }
    const say: Say = (text) => this.views.messageText(text);
    response.status(HttpStatus.UNAUTHORIZED).json(toErrorBody(describeError(exception), say));
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
