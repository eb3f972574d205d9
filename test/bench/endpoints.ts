import autocannon from 'autocannon';
import { countsOf, BENCH_TOKEN, invitedPartners, projectStatus, SizeName } from './datasets';

/**
 * The endpoints the benchmark loads and how one is loaded, shared by the runner against the bare
 * baseline (run.ts) and the comparison of two builds (compare-builds.ts).
 */

export type Kind = 'read' | 'write' | 'page';
export interface Target {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: unknown;
  /** 'session': a staff page, seen with the session cookie of a sign-in (no Bearer token). */
  auth?: 'session';
  /** The session cookie, set once signed in. */
  cookie?: string;
  /** A mixed workload: these requests, each connection going through them in turn. */
  mix?: Target[];
  /** Connections for this target, instead of the run's. */
  connections?: number;
}
export interface Context {
  size: SizeName;
  tables: Set<string>;
}
/** Endpoints measured. `needs` lists the tables of the feature: missing ones → "not available yet". */
export interface Endpoint {
  key: string;
  label: string;
  kind: Kind;
  needs: string[];
  /** null when the feature is on main but the benchmark does not drive it yet. */
  target: ((ctx: Context) => Target) | null;
  /** Fields that differ between two answers by nature (new ids, timestamps): `now`, `newsletter.id`. */
  volatile?: string[];
  /** HTML answers: patterns whose matches differ by nature (tokens); masked before comparing. */
  volatileHtml?: RegExp[];
  /** false: the baseline does not implement it yet (app figures only, no ratio). */
  baseline?: false;
  /** false: the baseline does not implement it on PostgreSQL yet (app figures only there). */
  pgBaseline?: false;
  /** Why it is not measured, when the tables are there but something else is missing. */
  note?: string;
}

const middleMeeting = (size: SizeName) => Math.floor(countsOf(size).meetings / 2);

export const ENDPOINTS: Endpoint[] = [
  {
    key: 'meeting',
    label: 'GET /api/meetings/:id',
    kind: 'read',
    needs: ['meetings', 'invitations', 'agenda_items'],
    target: ({ size }) => ({ method: 'GET', path: `/api/meetings/${middleMeeting(size)}` }),
  },
  {
    key: 'partner-search',
    label: 'GET /api/partners?q=insertion',
    kind: 'read',
    needs: ['partners'],
    target: () => ({ method: 'GET', path: '/api/partners?q=insertion' }),
  },
  {
    key: 'partner-search-page',
    label: 'partner search page (HTML)',
    kind: 'page',
    needs: ['partners', 'sessions'],
    // The app answers the session's CSRF token; the baseline reads the same session, but a token is
    // volatile by nature (a new session, a rotation): masked, with the CSP nonce should pages get one.
    volatileHtml: [/(name="_csrf" value=")[^"]*/g, /(nonce=")[^"]*/g],
    target: () => ({ method: 'GET', path: '/partners?q=insertion', auth: 'session' }),
  },
  {
    key: 'attendance',
    label: 'PUT /api/meetings/:id/attendance (20 partners)',
    kind: 'write',
    needs: ['meetings', 'invitations', 'invitation_attendees'],
    target: ({ size }) => {
      const meeting = middleMeeting(size);
      const partners = invitedPartners(meeting, countsOf(size).partners);
      const entries = partners.map((partnerId, k) => ({
        partnerId,
        status: (['present', 'excused', 'absent'] as const)[k % 3],
        ...(k % 3 === 0 ? { contactIds: [(partnerId - 1) * 5 + 1, (partnerId - 1) * 5 + 2] } : {}),
      }));
      return { method: 'PUT', path: `/api/meetings/${meeting}/attendance`, body: { entries } };
    },
  },
  {
    key: 'follow-up',
    label: 'POST /api/projects/:id/follow-ups',
    kind: 'write',
    needs: ['projects', 'follow_ups'],
    volatile: ['id', 'at'],
    target: ({ size }) => {
      let project = Math.floor(countsOf(size).projects / 2);
      while (projectStatus(project) !== 'active') project++;
      return {
        method: 'POST',
        path: `/api/projects/${project}/follow-ups`,
        body: { text: "Point d'étape du benchmark: le groupe s'est réuni." },
      };
    },
  },
  {
    key: 'audit-record',
    label: "audit screen: one partner's history (HTML)",
    kind: 'page',
    needs: ['audit_entries', 'sessions'],
    baseline: false,
    target: ({ size }) => ({
      method: 'GET',
      path: `/admin/audit?entity=partner&id=${Math.floor(countsOf(size).partners / 2)}`,
      auth: 'session',
    }),
  },
  {
    key: 'audit-period',
    label: 'audit screen: a month of changes (HTML)',
    kind: 'page',
    needs: ['audit_entries', 'sessions'],
    baseline: false,
    target: () => ({
      method: 'GET',
      path: '/admin/audit?action=update&from=2026-01-01&to=2026-01-31',
      auth: 'session',
    }),
  },
  {
    key: 'minutes',
    label: 'minutes draft with HTML preview (GET /api/meetings/:id/minutes)',
    kind: 'page',
    needs: ['minutes_drafts'],
    target: ({ size }) => ({ method: 'GET', path: `/api/meetings/${middleMeeting(size)}/minutes` }),
  },
  {
    key: 'dashboard',
    label: 'GET /api/dashboard',
    kind: 'read',
    needs: ['projects'],
    // Each server answers its own clock's "now" (the figures derived from it agree within a day).
    volatile: ['now'],
    target: () => ({ method: 'GET', path: '/api/dashboard' }),
  },
  {
    key: 'search',
    label: 'GET /api/search?q=insertion (the staff search box)',
    kind: 'read',
    needs: ['search_entries'],
    target: () => ({ method: 'GET', path: '/api/search?q=insertion' }),
  },
  {
    key: 'mixed',
    label: 'mixed workload, 4 reads for 1 write, 50 connections',
    kind: 'write',
    needs: ['meetings', 'invitations', 'agenda_items', 'partners', 'projects', 'follow_ups'],
    // The parts' volatile fields: the dashboard's `now`, the follow-up's `id` and `at`.
    volatile: ['now', 'id', 'at'],
    target: (ctx) => ({
      method: 'GET',
      path: '/',
      connections: 50,
      mix: ['meeting', 'partner-search', 'dashboard', 'minutes', 'follow-up'].map((key) =>
        ENDPOINTS.find((e) => e.key === key)!.target!(ctx),
      ),
    }),
  },
  {
    key: 'newsletter',
    label: "POST /api/newsletters (October's newsletter)",
    kind: 'write',
    needs: ['newsletters'],
    // Each answer is a new draft: its id differs (nothing else does: the preview shows no id).
    volatile: ['newsletter.id'],
    target: () => ({
      method: 'POST',
      path: '/api/newsletters',
      body: { from: '2026-10-01', to: '2026-10-31' },
    }),
  },
];

/** The answer without its volatile fields (dotted paths) and with volatile HTML masked. */
export function comparable(body: unknown, endpoint: Endpoint): unknown {
  if (Array.isArray(body) && endpoint.key === 'mixed')
    return body.map((part) => comparable(part, endpoint));
  if (typeof body === 'string')
    return (endpoint.volatileHtml ?? []).reduce((text, re) => text.replace(re, '$1…'), body);
  if (typeof body !== 'object' || body === null) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of endpoint.volatile ?? []) {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      copy,
    );
    if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[last];
  }
  return copy;
}

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Non-2xx status codes seen, e.g. "4 × 500". */
  statuses: string;
}

export const apiHeaders = {
  authorization: `Bearer ${BENCH_TOKEN}`,
  'content-type': 'application/json',
};
export const headersOf = (target: Target): Record<string, string> =>
  target.auth === 'session' ? { cookie: target.cookie ?? '' } : apiHeaders;

/** What two servers answering alike may write differently: transport, and the app's SQL count. */
const TRANSPORT_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  // Follows the body, whose volatile fields (ids, times) may differ in length.
  'content-length',
  'x-sql-queries',
]);

/**
 * The headers of an answer as the runner compares them: names in lower case, sorted, without the
 * transport ones; a cookie's expiry (the time of the answer) masked.
 */
export function comparableHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers)
    if (!TRANSPORT_HEADERS.has(name) && name !== 'set-cookie') kept[name] = value;
  const cookies = headers.getSetCookie().map((c) => c.replace(/Expires=[^;]*/i, 'Expires=…'));
  if (cookies.length) kept['set-cookie'] = cookies.join('\n');
  return Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)));
}

export async function request(
  base: string,
  target: Target,
): Promise<{
  status: number;
  body: unknown;
  queries: number | null;
  headers: Record<string, string>[];
}> {
  if (target.mix) {
    // Each part once: the first status that is not 2xx (or 200), the bodies, the SQL summed.
    const parts = [];
    for (const part of target.mix) parts.push(await request(base, part));
    return {
      status: parts.find((p) => p.status < 200 || p.status >= 300)?.status ?? 200,
      body: parts.map((p) => p.body),
      queries: parts.some((p) => p.queries === null)
        ? null
        : parts.reduce((sum, p) => sum + p.queries!, 0),
      headers: parts.flatMap((p) => p.headers),
    };
  }
  const response = await fetch(base + target.path, {
    method: target.method,
    headers: { ...headersOf(target), 'x-count-sql': '1' },
    body: target.body === undefined ? undefined : JSON.stringify(target.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML
  }
  const queries = response.headers.get('x-sql-queries');
  return {
    status: response.status,
    body,
    queries: queries === null ? null : Number(queries),
    headers: [comparableHeaders(response.headers)],
  };
}

export async function load(
  base: string,
  target: Target,
  seconds: number,
  connections: number,
): Promise<Measure> {
  const bodyOf = (t: Target) => (t.body === undefined ? undefined : JSON.stringify(t.body));
  const result = await autocannon({
    url: target.mix ? base : base + target.path,
    method: target.method,
    headers: headersOf(target),
    body: bodyOf(target),
    ...(target.mix
      ? {
          requests: target.mix.map((t) => ({
            method: t.method,
            path: t.path,
            headers: headersOf(t),
            body: bodyOf(t),
          })),
        }
      : {}),
    connections: target.connections ?? connections,
    duration: seconds,
  });
  // autocannon stops sending, but the server still works through what it queued: wait for a last
  // request (writes queue in order) so the next phase never overlaps this server's writes.
  await request(base, target.mix?.at(-1) ?? target);
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${count} × ${code}`)
    .join(', ');
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
  };
}
