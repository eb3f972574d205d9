import { csrfSync } from 'csrf-sync';
import type { Request } from 'express';
import { ForbiddenError } from '../domain-errors';
import { RequestRefusedException } from '../error-body';
import { isUploadRoute } from './upload-refusals';

/**
 * Cross-site request forgery protection, all in one place.
 *
 * Synchronizer tokens (csrf-sync): one random token per session, stored in the session, put in
 * every form as `_csrf` (templates get it as `{{csrfToken}}` from ViewService.renderPage) or sent
 * by scripts as the `x-csrf-token` header. The policy, applied by the global AuthGuard to every
 * unsafe method (POST, PUT, PATCH, DELETE):
 *
 * - Bearer-token requests are exempt: a browser never adds that header on its own, and a request
 *   with an Authorization header is never recognised by its cookie (IdentityService).
 * - HTML forms (outside /api) always need the token, signed in or not (sign-in and set-up forms
 *   included, against login CSRF).
 * - /api requests recognised by the session cookie need the `x-csrf-token` header (returned by
 *   `POST /api/auth/login` and `GET /api/auth/me`).
 * - Other /api requests carry no ambient authority; they must be JSON (or have no body). A page on
 *   another site can only send form, multipart or text bodies without a CORS preflight (which we
 *   never grant), so it cannot, say, sign a victim into the attacker's account via /api/auth/login.
 * - Handlers marked @SkipCsrf() (public forms behind a secret personal link) are exempt.
 */
const csrf = csrfSync({
  getTokenFromRequest: (request: Request) => {
    const header = request.headers['x-csrf-token'];
    if (typeof header === 'string') return header;
    const body = request.body as Record<string, unknown> | undefined;
    return typeof body?._csrf === 'string' ? body._csrf : undefined;
  },
  size: 32,
});

/** A request as the CSRF policy sees it: how auth recognised its sender, if it did. */
export type CsrfCheckedRequest = Request & {
  /** Cookie sessions need a CSRF token on unsafe methods; Bearer tokens do not. */
  authenticatedBy?: 'session' | 'token';
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's CSRF token (created on first use), for forms and cookie-based scripts. */
export function csrfTokenFor(request: Request): string | undefined {
  if (!request.session) return undefined;
  return csrf.generateToken(request);
}

/**
 * Whether the request goes to the API, as the router sees it: routes match without regard to
 * case and after percent-decoding, so /API/partners and /%61pi/partners reach the API too (and
 * slipped past its rules when this compared the raw path).
 */
function isApi(request: Request): boolean {
  let path = request.path;
  try {
    path = decodeURIComponent(path);
  } catch {
    // An undecodable path matches no route; the raw one is as good.
  }
  return /^\/api(\/|$)/i.test(path);
}

function hasBody(request: Request): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0
  );
}

/** Throws unless the request satisfies the policy above. */
export function checkCsrf(request: CsrfCheckedRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  // The API reads JSON (and files as multipart): another body would reach it unread, its fields
  // then reported missing although they were sent.
  // Files come as multipart to the routes that take them (their upload middleware has read the
  // body by now); elsewhere nothing reads a multipart body, and its fields would go unseen.
  if (
    isApi(request) &&
    hasBody(request) &&
    (!request.is(['json', 'multipart']) || (request.is('multipart') && !isUploadRoute(request)))
  ) {
    throw new RequestRefusedException(415, 'errors.input.jsonOnly');
  }
  if (request.authenticatedBy === 'token' || request.headers.authorization !== undefined) return;
  if (isApi(request) && request.authenticatedBy !== 'session') {
    if (hasBody(request) && !request.is('json')) {
      throw new RequestRefusedException(415, 'errors.input.jsonOnly');
    }
    return;
  }
  if (!csrf.isRequestValid(request)) {
    throw isApi(request)
      ? new ForbiddenError('errors.auth.csrfHeader')
      : new ForbiddenError('errors.auth.csrf');
  }
}
