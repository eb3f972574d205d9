import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../../src/common/web/security-headers';
import { calendarDayInZone } from '../../src/common/calendar-days';
import { followUpCondition, scheduleFrom } from '../../src/projects/follow-ups/follow-up-state';
import { PROJECT_STATUSES } from '../../src/projects/project-status';
import { BaselineHttpError, documentHandlers, DOCUMENT_TEMPLATES } from './baseline-documents';
import { pageHandlers, PAGE_TEMPLATES } from './baseline-pages';
import { partnerSearch } from './baseline-search';
import { searchBox } from './baseline-search-box';
import { BaselineViews } from './baseline-views';
import { BaselineDb, openBaselineDb, withIds } from './baseline-db';

/**
 * The floor no framework can beat: the same endpoints as Maillage, answering the same JSON or HTML,
 * with node:http, hand-written SQL through prepared statements (sqlite3, or pg on PostgreSQL:
 * baseline-db.ts), the app's templates compiled once, and nothing else. It does the same work per
 * request (token or session check, same queries, same transaction for writes), so the ratio app /
 * baseline is what NestJS, TypeORM, validation and the middleware cost. Documents:
 * baseline-documents.ts; staff page: baseline-pages.ts.
 *
 * Environment: BASELINE_DB (the data set's SQLite file, or its postgres:// database), PORT,
 * PUBLIC_URL and SESSION_SECRET (the app's, so links and session cookies are the same), TIME_ZONE /
 * LOCALE if the app has them.
 */

type Raw = Record<string, unknown>;
const DASHBOARD_STATES = ['on-track', 'due-soon', 'overdue', 'stale', 'never', 'snoozed'] as const;
/** SQLite datetime text (UTC, as TypeORM writes it) to ISO 8601, as the app's mappers answer. */
const iso = (value: unknown): string | null =>
  typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`).toISOString() : null;
const bool = (value: unknown): boolean => value === 1 || value === true || value === '1';
const sqlTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');
const sqlNow = (): string => sqlTime(new Date());

const HttpError = BaselineHttpError;

async function main(): Promise<void> {
  const where = process.env.BASELINE_DB;
  if (!where) throw new Error('BASELINE_DB is required');
  const db = await openBaselineDb(where);
  const q = queries(db);
  const searchPartners = partnerSearch(db);
  const views = new BaselineViews([...DOCUMENT_TEMPLATES, ...PAGE_TEMPLATES]);
  const transaction = <T>(work: () => Promise<T>): Promise<T> => db.transaction(work);
  const documents = documentHandlers(db, views, transaction);
  const pages = pageHandlers(db, views, transaction);
  const search = searchBox(db, views);

  const authenticate = async (
    request: IncomingMessage,
  ): Promise<{ id: number; displayName: string }> => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw new HttpError(401, 'Sign in');
    const hash = createHash('sha256').update(header.slice(7).trim()).digest('hex');
    const row = await q.token.get([hash]);
    if (!row || !bool(row.active)) throw new HttpError(401, 'Sign in');
    return { id: Number(row.id), displayName: String(row.display_name) };
  };

  /** `lock`: its row locked on PostgreSQL, as the app's attendance does (writes queue per meeting). */
  const meetingOrFail = async (id: number, lock = false): Promise<Raw> => {
    const meeting = await (lock ? q.meetingForUpdate : q.meeting).get([id]);
    if (!meeting) throw new HttpError(404, `Meeting ${id} not found`);
    return meeting;
  };

  const invitationsOf = async (meetingId: number) => {
    const rows = await q.invitations.all([meetingId]);
    const attendees = await q.attendees.all([meetingId]);
    const byInvitation = new Map<number, Raw[]>();
    for (const a of attendees) {
      const list = byInvitation.get(Number(a.invitation_id)) ?? [];
      list.push(a);
      byInvitation.set(Number(a.invitation_id), list);
    }
    const person = (a: Raw) => ({
      contactId: a.contact_id,
      fullName: a.full_name,
      replacesContactId: a.replaces_contact_id,
      replacesName: a.replaces_name,
    });
    return rows.map((i) => {
      const list = byInvitation.get(Number(i.id)) ?? [];
      return {
        id: i.id,
        partnerId: i.partner_id,
        partnerName: i.partner_name,
        invited: bool(i.invited),
        answer: i.answer,
        answeredAt: iso(i.answered_at),
        answerNote: i.answer_note,
        expected: list.filter((a) => a.phase === 'answer').map(person),
        attendance: i.attendance,
        present: list.filter((a) => a.phase === 'attendance').map(person),
      };
    });
  };
  type Invitation = Awaited<ReturnType<typeof invitationsOf>>[number];

  const counts = (items: Invitation[]) => {
    let invited = 0,
      coming = 0,
      excused = 0,
      notComing = 0,
      noAnswer = 0,
      expectedPeople = 0;
    let present = 0,
      absent = 0,
      attendanceExcused = 0,
      uninvitedPresent = 0;
    for (const i of items) {
      if (i.invited) {
        invited++;
        if (i.answer === 'coming') {
          coming++;
          expectedPeople += i.expected.length;
        } else if (i.answer === 'excused') excused++;
        else if (i.answer === 'not-coming') notComing++;
        else if (i.answer === null) noAnswer++;
      }
      if (i.attendance === 'present') {
        present++;
        if (!i.invited) uninvitedPresent++;
      } else if (i.attendance === 'absent') absent++;
      else if (i.attendance === 'excused') attendanceExcused++;
    }
    return {
      invited,
      coming,
      excused,
      notComing,
      noAnswer,
      expectedPeople,
      present,
      absent,
      attendanceExcused,
      uninvitedPresent,
    };
  };

  const meetingJson = (m: Raw) => ({
    id: m.id,
    title: m.title,
    kind: m.kind,
    description: m.description,
    startsAt: iso(m.starts_at),
    endsAt: iso(m.ends_at),
    venueName: m.venue_name,
    venueAddress: m.venue_address,
    latitude: m.latitude,
    longitude: m.longitude,
    onlineUrl: m.online_url,
    status: m.status,
    cancelReason: m.cancel_reason,
    cancelledAt: iso(m.cancelled_at),
    sequence: m.sequence,
    createdAt: iso(m.created_at),
    updatedAt: iso(m.updated_at),
  });

  const meetingDetail = async (id: number) => {
    const meeting = await meetingOrFail(id);
    const [invitations, agenda] = await Promise.all([invitationsOf(id), q.agenda.all([id])]);
    return {
      meeting: meetingJson(meeting),
      counts: counts(invitations),
      invitations,
      agenda: agenda.map((a) => ({
        id: a.id,
        meetingId: a.meeting_id,
        position: a.position,
        title: a.title,
        kind: a.kind,
        presenterContactId: a.presenter_contact_id,
        presenterName: a.presenter_name ?? null,
        presenterPartnerName: a.presenter_partner_name ?? null,
        plannedMinutes: a.planned_minutes,
        summary: a.summary,
        decisions: a.decisions,
        themeId: a.theme_id ?? null,
        themeTitle: a.theme_title ?? null,
        speakerId: a.speaker_id ?? null,
        speakerName: a.speaker_name ?? null,
        speakerOrganisation: a.speaker_organisation ?? null,
      })),
    };
  };

  const partnerSearchApi = async (url: URL) => {
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
    const found = await searchPartners(url.searchParams.get('q') ?? '', page, pageSize);
    if (!found) throw new HttpError(400, 'q: one to three words');
    const { partners, total, totalExact, contactCounts } = found;
    return {
      items: partners.map((p) => ({
        id: p.id,
        name: p.name,
        shortName: p.short_name,
        kind: p.kind,
        description: p.description,
        services: p.services,
        territory: p.territory,
        address: p.address,
        postcode: p.postcode,
        latitude: p.latitude,
        longitude: p.longitude,
        website: p.website,
        email: p.email,
        phone: p.phone,
        active: bool(p.active),
        archivedAt: iso(p.archived_at),
        createdAt: iso(p.created_at),
        updatedAt: iso(p.updated_at),
        contactCount: contactCounts.get(Number(p.id)) ?? 0,
      })),
      total,
      page,
      pageSize,
      totalExact,
    };
  };

  interface Entry {
    partnerId: number;
    status: 'present' | 'excused' | 'absent';
    contactIds?: number[];
  }
  const recordAttendance = async (
    meetingId: number,
    body: { entries?: Entry[] },
    user: { id: number; displayName: string },
  ) => {
    const entries = body.entries;
    if (!Array.isArray(entries) || entries.length === 0) throw new HttpError(400, 'entries');
    for (const e of entries) {
      if (!Number.isInteger(e.partnerId) || !['present', 'excused', 'absent'].includes(e.status))
        throw new HttpError(400, 'entries');
    }
    await transaction(async () => {
      const meeting = await meetingOrFail(meetingId, true);
      if (meeting.status === 'cancelled') throw new HttpError(422, 'The meeting was cancelled');
      if (Date.now() < Date.parse(iso(meeting.starts_at)!)) throw new HttpError(422, 'Not started');
      const ids = JSON.stringify(entries.map((e) => e.partnerId));
      const partners = new Set((await q.partnersIn.all([ids])).map((p) => Number(p.id)));
      const invitationOf = new Map(
        (await q.invitationsIn.all([meetingId, ids])).map((i) => [
          Number(i.partner_id),
          Number(i.id),
        ]),
      );
      const contacts = new Map((await q.contactsIn.all([ids])).map((c) => [Number(c.id), c]));
      for (const e of entries) {
        if (!partners.has(e.partnerId))
          throw new HttpError(422, `Partner ${e.partnerId} not found`);
        if (!invitationOf.has(e.partnerId) && e.status !== 'present')
          throw new HttpError(422, 'Not invited');
        for (const id of e.contactIds ?? [])
          if (Number(contacts.get(id)?.partner_id) !== e.partnerId)
            throw new HttpError(422, 'Not a contact');
      }
      const now = sqlNow();
      for (const e of entries.filter((x) => !invitationOf.has(x.partnerId))) {
        invitationOf.set(
          e.partnerId,
          (await q.insertInvitation.run([meetingId, e.partnerId, now, now])).lastID,
        );
      }
      for (const status of ['present', 'excused', 'absent'] as const) {
        const chosen = entries
          .filter((e) => e.status === status)
          .map((e) => invitationOf.get(e.partnerId));
        if (chosen.length) await q.setAttendance.run([status, now, now, JSON.stringify(chosen)]);
      }
      await q.deleteAttendees.run([
        JSON.stringify(entries.map((e) => invitationOf.get(e.partnerId))),
      ]);
      const rows = entries.flatMap((e) =>
        [...new Set(e.contactIds ?? [])].map((id) => [
          invitationOf.get(e.partnerId),
          id,
          contacts.get(id)!.full_name,
        ]),
      );
      if (rows.length) await q.insertAttendees.run([JSON.stringify(rows)]);
      if (meeting.status === 'planned') {
        dropDashboardSnapshots();
        await q.markHeld.run([Number(meeting.sequence) + 1, meetingId]);
      }
      const changes = {
        attendance: {
          before: null,
          after: entries.map((e) => ({ partnerId: e.partnerId, status: e.status })),
        },
      };
      await q.audit.run([
        'meeting',
        String(meetingId),
        'update',
        user.id,
        user.displayName,
        now,
        JSON.stringify(changes),
      ]);
    });
    await meetingOrFail(meetingId);
    const items = await invitationsOf(meetingId);
    return { counts: counts(items), items };
  };

  const timeZone = process.env.TIME_ZONE || 'Europe/Brussels';
  /** A follow-up written today by a staff user, no status change (the benchmark's case). */
  const addFollowUp = async (
    projectId: number,
    body: { text?: unknown },
    user: { id: number; displayName: string },
  ) => {
    if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 10_000)
      throw new HttpError(400, 'text');
    const text = body.text.trim();
    return transaction(async () => {
      const project = await q.project.get([projectId]);
      if (!project) throw new HttpError(404, `Project ${projectId} not found`);
      const now = new Date();
      const date = calendarDayInZone(now, timeZone);
      const at = sqlTime(now);
      const last = project.last_follow_up_at as string | null;
      const tracked = project.status === 'launched' || project.status === 'active';
      const since = project.follow_up_since as string | null;
      const schedule = tracked ? scheduleFrom(now, Number(project.cadence_days)) : null;
      dropDashboardSnapshots();
      await q.recordFollowUp.run([
        last && last > at ? last : at,
        tracked ? (since && since > at ? since : at) : null,
        schedule ? sqlTime(schedule.dueSoonAt) : null,
        schedule ? sqlTime(schedule.dueAt) : null,
        schedule ? sqlTime(schedule.staleAt) : null,
        at,
        projectId,
      ]);
      const { lastID } = await q.insertFollowUp.run([
        projectId,
        date,
        at,
        user.id,
        user.displayName,
        text,
        at,
      ]);
      const changes = {
        projectId: { before: null, after: projectId },
        date: { before: null, after: date },
      };
      await q.audit.run([
        'follow_up',
        String(lastID),
        'create',
        user.id,
        user.displayName,
        at,
        JSON.stringify(changes),
      ]);
      return {
        id: lastID,
        projectId,
        date,
        at: now.toISOString(),
        author: { label: user.displayName, userId: user.id, contactId: null },
        text,
        statusChange: null,
        nextStep: null,
        nextStepDue: null,
      };
    });
  };

  /**
   * The figures of GET /api/dashboard, kept as the app keeps them (DashboardSnapshots): one per
   * limit, until the first stored due moment after they were computed or 5 s, dropped by this
   * server's writes; days and states are derived from the clock at each request.
   */
  const DASHBOARD_TTL_MS = 5_000;
  const dashboardSnapshots = new Map<
    number,
    { at: number; until: number; rows: Promise<DashboardRows> }
  >();
  const dropDashboardSnapshots = () => dashboardSnapshots.clear();
  type DashboardRows = [Raw | undefined, Raw[], Raw[], Raw | undefined, Raw[], Raw[]];
  const dashboardFigures = (limit: number, nowDate: Date): Promise<DashboardRows> => {
    const t = nowDate.getTime();
    const kept = dashboardSnapshots.get(limit);
    if (kept && t >= kept.at && t < kept.until) return kept.rows;
    const now = sqlTime(nowDate);
    const entry = {
      at: t,
      until: t + DASHBOARD_TTL_MS,
      rows: undefined as unknown as Promise<DashboardRows>,
    };
    entry.rows = Promise.all([
      q.dashboardFollowUp.get([now]),
      q.dashboardStatuses.all(),
      q.dashboardAttention.all([now, limit]),
      q.dashboardAttentionCount.get([now]),
      q.dashboardPerPartner.all([limit]),
      q.dashboardPerMeeting.all([limit]),
      q.dashboardNextChange.get([now]),
    ]).then(([followUp, statuses, attention, attentionTotal, partners, meetings, next]) => {
      const moments = Object.values(next ?? {})
        .filter((v) => v !== null && v !== undefined)
        .map((v) => Date.parse(iso(v)!));
      if (moments.length) entry.until = Math.min(entry.until, ...moments);
      return [followUp, statuses, attention, attentionTotal, partners, meetings] as DashboardRows;
    });
    entry.rows.catch(() => dashboardSnapshots.delete(limit));
    dashboardSnapshots.set(limit, entry);
    return entry.rows;
  };

  /** GET /api/dashboard?limit=50: the app's statements (DashboardService), prepared once. */
  const DAY = 86_400_000;
  const count = (value: unknown) => Number(value ?? 0) || 0;
  const dashboard = async (url: URL) => {
    const limitText = url.searchParams.get('limit') ?? '50';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 500)
      throw new HttpError(400, 'limit must be between 1 and 500');
    const nowDate = new Date();
    const now = sqlTime(nowDate);
    const [followUp, statusRows, attention, attentionTotal, partners, meetings] =
      await dashboardFigures(limit, nowDate);
    const statuses: Record<string, number> = Object.fromEntries(
      PROJECT_STATUSES.map((s) => [s, 0]),
    );
    for (const row of statusRows) statuses[String(row.status)] = count(row.total);
    const days = (from: unknown) => {
      const at = iso(from);
      return at === null
        ? null
        : Math.max(0, Math.floor((nowDate.getTime() - Date.parse(at)) / DAY));
    };
    return {
      now: nowDate.toISOString(),
      followUp: Object.fromEntries(
        ['tracked', ...DASHBOARD_STATES].map((k) => [k, count(followUp?.[k])]),
      ),
      statuses,
      needingAttention: {
        total: count(attentionTotal?.total),
        items: attention.map((p) => ({
          id: p.id,
          title: p.title,
          status: p.status,
          state: typeof p.stale_at === 'string' && p.stale_at <= now ? 'stale' : 'overdue',
          leadPartner: { id: p.lead_partner_id, name: p.lead_name },
          lastFollowUpAt: iso(p.last_follow_up_at),
          neverFollowedUp: p.last_follow_up_at === null,
          daysSinceFollowUp: days(p.follow_up_since),
          daysOverdue: days(p.due_at),
          dueAt: iso(p.due_at),
          cadenceDays: p.cadence_days,
        })),
      },
      projectsPerMeeting: meetings.map((row) => ({
        meeting: { id: row.id, title: row.title, startsAt: iso(row.starts_at) },
        projects: count(row.born),
        launched: count(row.launched),
      })),
      projectsPerMeetingTotal: meetings.length ? count(meetings[0].total) : 0,
      projectsPerPartner: partners.map((row) => ({
        partner: { id: row.id, name: row.name },
        leads: count(row.leads),
        leadsOpen: count(row.leads_open),
        participates: count(row.participates),
        participatesOpen: count(row.participates_open),
      })),
      projectsPerPartnerTotal: partners.length ? count(partners[0].total) : 0,
    };
  };

  const readBody = (request: IncomingMessage): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        try {
          resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
        } catch {
          reject(new HttpError(400, 'Invalid JSON'));
        }
      });
      request.on('error', reject);
    });

  const security = securityHeaderList(views.config.secureCookies);
  const send = (response: ServerResponse, status: number, body: unknown) => {
    const html = typeof body === 'string';
    const text = html ? body : JSON.stringify(body);
    // The same headers as the app's answer (the runner compares them): security headers first.
    for (const [name, value] of security) response.setHeader(name, value);
    response.writeHead(status, {
      'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };

  const server = createServer((request, response) => {
    const handle = async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') return { status: 'ok' };
      // Staff pages are seen with the session cookie, not a token.
      if (url.pathname === '/partners' && request.method === 'GET')
        return pages.partnerSearchPage(request, url, response);
      const user = await authenticate(request);
      const minutes = /^\/api\/meetings\/(\d+)\/minutes$/.exec(url.pathname);
      if (minutes && request.method === 'GET') return documents.minutesDraft(Number(minutes[1]));
      if (url.pathname === '/api/newsletters' && request.method === 'POST')
        return documents.createNewsletter(
          (await readBody(request)) as Record<string, unknown>,
          user,
        );
      const meeting = /^\/api\/meetings\/(\d+)(\/attendance)?$/.exec(url.pathname);
      if (meeting && !meeting[2] && request.method === 'GET')
        return meetingDetail(Number(meeting[1]));
      if (meeting && meeting[2] && request.method === 'PUT')
        return recordAttendance(
          Number(meeting[1]),
          (await readBody(request)) as { entries?: Entry[] },
          user,
        );
      if (url.pathname === '/api/partners' && request.method === 'GET')
        return partnerSearchApi(url);
      if (url.pathname === '/api/dashboard' && request.method === 'GET') return dashboard(url);
      if (url.pathname === '/api/search' && request.method === 'GET') return search(url);
      const followUp = /^\/api\/projects\/(\d+)\/follow-ups$/.exec(url.pathname);
      if (followUp && request.method === 'POST')
        return addFollowUp(
          Number(followUp[1]),
          (await readBody(request)) as { text?: unknown },
          user,
        );
      throw new HttpError(404, 'Not found');
    };
    handle().then(
      (body) => send(response, request.method === 'POST' ? 201 : 200, body),
      (error: unknown) => {
        if (error instanceof HttpError) send(response, error.status, { message: error.message });
        else {
          console.error(error);
          send(response, 500, { message: 'Internal error' });
        }
      },
    );
  });
  const port = Number(process.env.PORT ?? 3901);
  server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
  process.on('SIGTERM', () => server.close(() => void db.close().then(() => process.exit(0))));
}

/** Every statement, prepared once; where the dialects differ, both texts side by side. */
function queries(db: BaselineDb) {
  return {
    token: db.prepare(
      'SELECT u.id, u.display_name, u.active FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL',
    ),
    meeting: db.prepare('SELECT * FROM meetings WHERE id = ?'),
    meetingForUpdate: db.prepare({
      sqlite: 'SELECT * FROM meetings WHERE id = ?',
      pg: 'SELECT * FROM meetings WHERE id = ? FOR UPDATE',
    }),
    invitations: db.prepare(
      'SELECT i.*, p.name AS partner_name FROM invitations i JOIN partners p ON p.id = i.partner_id WHERE i.meeting_id = ? ORDER BY p.name_key ASC',
    ),
    attendees: db.prepare(
      'SELECT a.* FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id WHERE i.meeting_id = ? ORDER BY a.id ASC',
    ),
    agenda: db.prepare(
      'SELECT a.*, c.full_name AS presenter_name, p.name AS presenter_partner_name, t.title AS theme_title, s.name AS speaker_name, COALESCE(sp.name, s.organisation_name) AS speaker_organisation FROM agenda_items a LEFT JOIN contacts c ON c.id = a.presenter_contact_id LEFT JOIN partners p ON p.id = c.partner_id LEFT JOIN themes t ON t.id = a.theme_id LEFT JOIN speakers s ON s.id = a.speaker_id LEFT JOIN partners sp ON sp.id = s.organisation_partner_id WHERE a.meeting_id = ? ORDER BY a.position ASC, a.id ASC',
    ),
    partnersIn: db.prepare(withIds((ids) => `SELECT id FROM partners WHERE id IN (${ids})`)),
    invitationsIn: db.prepare(
      withIds(
        (ids) =>
          `SELECT id, partner_id FROM invitations WHERE meeting_id = ? AND partner_id IN (${ids})`,
      ),
    ),
    contactsIn: db.prepare(
      withIds(
        (ids) => `SELECT id, partner_id, full_name FROM contacts WHERE partner_id IN (${ids})`,
      ),
    ),
    insertInvitation: db.prepare({
      sqlite:
        'INSERT INTO invitations (meeting_id, partner_id, invited, created_at, updated_at) VALUES (?, ?, 0, ?, ?)',
      pg: 'INSERT INTO invitations (meeting_id, partner_id, invited, created_at, updated_at) VALUES (?, ?, false, ?, ?) RETURNING id',
    }),
    setAttendance: db.prepare(
      withIds(
        (ids) =>
          `UPDATE invitations SET attendance = ?, attendance_recorded_at = ?, updated_at = ? WHERE id IN (${ids})`,
      ),
    ),
    deleteAttendees: db.prepare(
      withIds(
        (ids) =>
          `DELETE FROM invitation_attendees WHERE phase = 'attendance' AND invitation_id IN (${ids})`,
      ),
    ),
    insertAttendees: db.prepare({
      sqlite:
        "INSERT INTO invitation_attendees (invitation_id, phase, contact_id, full_name) SELECT json_extract(value, '$[0]'), 'attendance', json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)",
      pg: "INSERT INTO invitation_attendees (invitation_id, phase, contact_id, full_name) SELECT (v->>0)::int, 'attendance', (v->>1)::int, v->>2 FROM json_array_elements(?::json) v",
    }),
    markHeld: db.prepare({
      sqlite:
        "UPDATE meetings SET status = 'held', sequence = ?, updated_at = datetime('now') WHERE id = ?",
      pg: "UPDATE meetings SET status = 'held', sequence = ?, updated_at = now() WHERE id = ?",
    }),
    project: db.prepare('SELECT * FROM projects WHERE id = ?'),
    dashboardFollowUp: db.prepare(
      `SELECT COUNT(*) AS tracked, ${DASHBOARD_STATES.map(
        (state) =>
          `SUM(CASE WHEN ${followUpCondition(state).replace(/:now/g, '?1')} THEN 1 ELSE 0 END) AS "${state}"`,
      ).join(', ')} FROM projects p WHERE p.due_at IS NOT NULL`,
    ),
    dashboardStatuses: db.prepare(
      'SELECT p.status AS status, COUNT(*) AS total FROM projects p GROUP BY p.status',
    ),
    dashboardAttention: db.prepare(
      'SELECT p.*, lead.name AS lead_name FROM projects p JOIN partners lead ON lead.id = p.lead_partner_id WHERE p.due_at <= ?1 AND (p.snoozed_until IS NULL OR p.snoozed_until <= ?1) ORDER BY p.due_at ASC, p.id ASC LIMIT ?2',
    ),
    dashboardAttentionCount: db.prepare(
      'SELECT COUNT(*) AS total FROM projects p WHERE p.due_at <= ?1 AND (p.snoozed_until IS NULL OR p.snoozed_until <= ?1)',
    ),
    dashboardPerPartner:
      db.prepare(`SELECT c.partner_id AS id, partner.name AS name, c.leads, c.leads_open, c.participates, c.participates_open,
              (SELECT COUNT(*) FROM partner_project_counts t WHERE t.involved > 0) AS total
         FROM partner_project_counts c JOIN partners partner ON partner.id = c.partner_id
        WHERE c.involved > 0
        ORDER BY c.involved DESC, partner.name_key ASC, c.partner_id ASC LIMIT ?`),
    dashboardNextChange: db.prepare(
      `SELECT ${['due_soon_at', 'due_at', 'stale_at', 'snoozed_until']
        .map((c) => `(SELECT MIN(p.${c}) FROM projects p WHERE p.${c} > ?1) AS ${c}`)
        .join(', ')}`,
    ),
    dashboardPerMeeting: db.prepare(`SELECT m.id AS id, m.title AS title, m.starts_at AS starts_at,
              (SELECT COUNT(*) FROM projects p WHERE p.origin_meeting_id = m.id) AS born,
              (SELECT COUNT(*) FROM projects p WHERE p.origin_meeting_id = m.id AND p.launched_at IS NOT NULL) AS launched,
              (SELECT COUNT(DISTINCT p.origin_meeting_id) FROM projects p) AS total
         FROM meetings m WHERE EXISTS (SELECT 1 FROM projects p WHERE p.origin_meeting_id = m.id)
        ORDER BY m.starts_at DESC, m.id DESC LIMIT ?`),
    recordFollowUp: db.prepare(
      'UPDATE projects SET last_follow_up_at = ?, follow_up_since = ?, due_soon_at = ?, due_at = ?, stale_at = ?, snoozed_until = NULL, snooze_reason = NULL, updated_at = ? WHERE id = ?',
    ),
    insertFollowUp: db.prepare({
      sqlite:
        'INSERT INTO follow_ups (project_id, date, at, author_user_id, author_contact_id, author_label, text, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?)',
      pg: 'INSERT INTO follow_ups (project_id, date, at, author_user_id, author_contact_id, author_label, text, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?) RETURNING id',
    }),
    audit: db.prepare(
      'INSERT INTO audit_entries (entity_type, entity_id, action, actor_user_id, actor_label, at, changes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The app's security headers, from the same settings (securityHeaders), listed once at start: the
 * baseline writes the list on every answer, as helmet does in the app.
 */
function securityHeaderList(https: boolean): [string, string][] {
  const headers: [string, string][] = [];
  const collector = {
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
  };
  securityHeaders(https)({} as never, collector as never, () => undefined);
  return headers;
}
