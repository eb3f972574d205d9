import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BaselineViews } from './baseline-views';
import { BaselineHttpError, Transaction } from './baseline-documents';
import { partnerSearch } from './baseline-search';
import type { BaselineDb } from './baseline-db';
import { SESSION_TOUCH_STEP_MS } from '../../src/auth/sessions/session.store';
import { pageHref, pager } from '../../src/common/web/pager';

/**
 * Baseline of the staff partner search page (GET /partners?q=): the work the app does for a page
 * seen with the session cookie. The session row and its user are read in one statement
 * (express-session with DatabaseSessionStore, then IdentityService), the search runs (baseline-search.ts), the page is
 * rendered in the main layout with the session's CSRF token, and the session's expiry is pushed back
 * when it moves by over a minute (express-session `rolling`: DatabaseSessionStore.touch, in a
 * transaction); the cookie is signed again and sent with its new expiry on every answer (`rolling`).
 *
 * Environment: SESSION_SECRET, the app's (to check the cookie's signature).
 */

const PAGE_SIZES = [20, 50, 100];
const ACTIVE_FILTERS = ['true', 'false', 'all'];
const PARTNER_KINDS = [
  'public-employment-service',
  'mission-locale',
  'maison-emploi',
  'plie',
  'training-centre',
  'mire',
  'social-services',
  'social-economy',
  'company',
  'municipality',
  'association',
  'agency',
  'other',
];
export const PAGE_TEMPLATES = ['pages/partners/list', 'layouts/main'];

const sqlTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** cookie-signature's signature of a session id, as express-session signs its cookie. */
const signature = (sid: string, secret: string): string =>
  createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');

/** The session id of the signed express-session cookie `maillage.sid` (`s:<sid>.<hmac>`), or null. */
function sessionId(request: IncomingMessage, secret: string): string | null {
  const raw = /(?:^|;\s*)maillage\.sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];
  if (!raw) return null;
  const value = decodeURIComponent(raw);
  if (!value.startsWith('s:')) return null;
  const dot = value.lastIndexOf('.');
  const sid = value.slice(2, dot);
  const expected = signature(sid, secret);
  const given = Buffer.from(value.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected))
    ? sid
    : null;
}

export function pageHandlers(db: BaselineDb, views: BaselineViews, transaction: Transaction) {
  const secret = process.env.SESSION_SECRET ?? '';
  const maxAgeMs = views.config.sessionMaxAgeHours * 3_600_000;
  const searchPartners = partnerSearch(db);
  const q = {
    // The session and its signed-in user in one statement, as DatabaseSessionStore.get reads them.
    session: db.prepare({
      sqlite: `SELECT s.data, s.expires_at, u.id, u.email, u.display_name, u.role, u.active,
                      u.password_hash
                 FROM sessions s LEFT JOIN users u ON u.id = json_extract(s.data, '$.userId')
                WHERE s.sid = ?`,
      pg: `SELECT s.data, s.expires_at, u.id, u.email, u.display_name, u.role, u.active,
                  u.password_hash
             FROM sessions s
             LEFT JOIN users u ON u.id = CAST(CAST(s.data AS json) ->> 'userId' AS integer)
            WHERE s.sid = ?`,
    }),
    touch: db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?'),
  };
  const t = (key: string, params: Record<string, string | number> = {}) => views.t(key, params);

  /** The signed-in staff member and the session's CSRF token; 401 without a valid session. */
  const signedIn = async (request: IncomingMessage) => {
    const sid = sessionId(request, secret);
    const row = sid ? await q.session.get([sid]) : undefined;
    if (!sid || !row || Date.parse(`${String(row.expires_at).replace(' ', 'T')}Z`) <= Date.now())
      throw new BaselineHttpError(401, 'Sign in');
    const session = JSON.parse(String(row.data)) as {
      userId?: number;
      authStamp?: string;
      csrfToken?: string;
    };
    const active = row.active === 1 || row.active === true;
    const user = session.userId && row.id === session.userId && active ? row : undefined;
    if (!user || session.authStamp !== sha256(`session:${String(user.password_hash)}`).slice(0, 16))
      throw new BaselineHttpError(401, 'Sign in');
    const storedExpiry = Date.parse(`${String(row.expires_at).replace(' ', 'T')}Z`);
    return { sid, user, csrfToken: session.csrfToken, storedExpiry };
  };

  /** GET /partners?q=: the list page with the search words (the benchmark's case). */
  /**
   * The session cookie express-session sets on each answer (`rolling`): signed again, expiring
   * maxAge from now. Secure cookies are never sent over plain HTTP, as express-session does.
   */
  const rollCookie = (response: ServerResponse, sid: string, expiresAt: number): void => {
    if (views.config.secureCookies) return;
    const value = encodeURIComponent(`s:${sid}.${signature(sid, secret)}`);
    const expires = new Date(expiresAt).toUTCString();
    response.setHeader(
      'set-cookie',
      `maillage.sid=${value}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax`,
    );
  };

  const partnerSearchPage = async (
    request: IncomingMessage,
    url: URL,
    response: ServerResponse,
  ) => {
    const { sid, user, csrfToken, storedExpiry } = await signedIn(request);
    const query = url.searchParams.get('q') ?? '';
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
    const found = await searchPartners(query, page, pageSize);
    if (!found) throw new BaselineHttpError(400, 'q: one to three words');
    const filters = { q: query };
    const links = pageHref('/partners', {
      ...filters,
      pageSize: pageSize === 20 ? undefined : pageSize,
    });
    const html = views.render(
      'pages/partners/list',
      {
        section: 'partners',
        user: {
          id: user.id,
          displayName: user.display_name,
          email: user.email,
          role: user.role,
          isAdmin: user.role === 'admin',
        },
        csrfToken,
        title: t('partnersPages.list.title'),
        deleted: false,
        q: query,
        territory: '',
        filtered: true,
        kinds: PARTNER_KINDS.map((kind) => ({
          value: kind,
          label: t(`partnersPages.kind.${kind}`),
          selected: false,
        })),
        actives: ACTIVE_FILTERS.map((value) => ({
          value,
          label: t(`partnersPages.active.${value}`),
          selected: value === 'true',
        })),
        pageSizes: PAGE_SIZES.map((size) => ({ value: size, selected: size === pageSize })),
        total: found.total,
        totalExact: found.totalExact,
        items: found.partners.map((p) => ({
          id: p.id,
          name: p.name,
          shortName: p.short_name,
          kind: t(`partnersPages.kind.${String(p.kind)}`),
          territory: p.territory,
          contactCount: found.contactCounts.get(Number(p.id)) ?? 0,
          archived: !(p.active === 1 || p.active === true),
        })),
        pager: pager(page, pageSize, found.total, links, found.totalExact),
        exportHref: `/api/partners/export.csv?${new URLSearchParams(filters).toString()}`,
        exportWorkbookHref: `/api/partners/export.xlsx?${new URLSearchParams(filters).toString()}`,
      },
      'main',
    );
    // The expiry moves only by steps of a minute, as DatabaseSessionStore.touch does.
    const expiresAt = Date.now() + maxAgeMs;
    const moved = expiresAt - storedExpiry;
    if (moved < 0 || moved > SESSION_TOUCH_STEP_MS)
      await transaction(() => q.touch.run([sqlTime(new Date(expiresAt)), sid]));
    rollCookie(response, sid, expiresAt);
    return html;
  };

  return { partnerSearchPage };
}
