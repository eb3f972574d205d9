import { calendarDayInZone, startOfDayInZone } from '../../src/common/calendar-days';
import {
  buildMinutesViewModel,
  MinutesRecord,
} from '../../src/documents/minutes/minutes.view-model';
import {
  buildSections,
  NewsletterSectionKey,
  normalizeSections,
  SectionItems,
} from '../../src/documents/newsletters/newsletter.view-model';
import { followUpStateOf } from '../../src/projects/follow-ups/follow-up-state';
import { PROJECT_STATUSES, TRACKED_STATUSES } from '../../src/projects/project-status';
import { formatPeriod } from '../../src/common/web/format';
import type { BaselineViews } from './baseline-views';
import { TRUE, type BaselineDb, type Sql } from './baseline-db';

/**
 * Baseline of the two document endpoints: the minutes draft with its preview
 * (GET /api/meetings/:id/minutes) and a new newsletter draft (POST /api/newsletters). Same
 * statements as MinutesService / NewslettersService, prepared once; the view models are built by
 * the app's own plain functions (buildMinutesViewModel, buildSections: no Nest, no TypeORM), from
 * rows shaped like the entities they read.
 */

type Raw = Record<string, unknown>;
export type Transaction = <T>(work: () => Promise<T>) => Promise<T>;
export interface Actor {
  id: number;
  displayName: string;
}

export class BaselineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MINUTES = 'documents/minutes/minutes';
const NEWSLETTER = 'documents/newsletter/newsletter';
export const DOCUMENT_TEMPLATES = [
  'layouts/document',
  MINUTES,
  `${MINUTES}.txt`,
  NEWSLETTER,
  `${NEWSLETTER}.txt`,
];
const REVIEW_DAYS = 90;
const UPCOMING_DAYS = 90;
const MAX_ITEMS = 30;
const DAY = 86_400_000;

/** SQLite datetime text (UTC, as TypeORM writes it) to a Date, as TypeORM hydrates it. */
const date = (value: unknown): Date | null =>
  typeof value === 'string' ? new Date(`${value.replace(' ', 'T')}Z`) : null;
/** A Date as TypeORM binds it on SQLite. */
const sqlTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '');
const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const meetingOf = (m: Raw) => ({
  id: m.id,
  title: m.title,
  kind: m.kind,
  status: m.status,
  startsAt: date(m.starts_at)!,
  endsAt: date(m.ends_at)!,
  venueName: m.venue_name,
  venueAddress: m.venue_address,
  onlineUrl: m.online_url,
});
export function documentHandlers(db: BaselineDb, views: BaselineViews, transaction: Transaction) {
  const q = statements(db);
  const { publicUrl, timeZone, locale } = views.config;
  const versionSummary = (v: Raw) => {
    const publicLink =
      v.visibility === 'public' && v.public_token
        ? `${publicUrl}/public/minutes/${v.public_token as string}`
        : null;
    return {
      meetingId: v.meeting_id,
      version: v.version,
      title: v.title,
      publishedAt: date(v.published_at)!.toISOString(),
      visibility: v.visibility,
      url: publicLink ?? `${publicUrl}/portal/minutes/${String(v.meeting_id)}/${String(v.version)}`,
      publicLink,
    };
  };

  const minutesDraft = async (meetingId: number) => {
    const meeting = await q.meeting.get([meetingId]);
    if (!meeting) throw new BaselineHttpError(404, `Meeting ${meetingId} not found`);
    const startsAt = sqlTime(date(meeting.starts_at)!);
    const [invitations, attendees, agenda, draft, next, projects, previous] = await Promise.all([
      q.minutesInvitations.all([meetingId]),
      q.minutesAttendees.all([meetingId]),
      q.minutesAgenda.all([meetingId]),
      q.minutesDraft.get([meetingId]),
      q.nextMeeting.get([meeting.kind, startsAt]),
      q.minutesProjects.all([meetingId]),
      q.previousMeeting.get([meeting.kind, startsAt]),
    ]);
    const since = previous
      ? sqlTime(date(previous.starts_at)!)
      : sqlTime(new Date(date(meeting.starts_at)!.getTime() - REVIEW_DAYS * DAY));
    const [followUps, versions] = await Promise.all([
      q.minutesFollowUps.all([since, startsAt]),
      q.minutesVersions.all([meetingId]),
    ]);
    const byInvitation = new Map<unknown, Raw[]>();
    for (const a of attendees) {
      const list = byInvitation.get(a.invitation_id) ?? [];
      list.push({ phase: a.phase, fullName: a.full_name, replacesName: a.replaces_name });
      byInvitation.set(a.invitation_id, list);
    }
    const record = {
      meeting: meetingOf(meeting),
      invitations: invitations.map((i) => ({
        partnerId: i.partner_id,
        partner: { name: i.partner_name },
        attendance: i.attendance,
        answer: i.answer,
        attendees: byInvitation.get(i.id) ?? [],
      })),
      agendaItems: agenda.map((a) => ({
        id: a.id,
        position: a.position,
        title: a.title,
        kind: a.kind,
        summary: a.summary,
        decisions: a.decisions,
        presenterContact:
          a.contact_name === null
            ? null
            : {
                fullName: a.contact_name,
                partner: a.contact_partner ? { name: a.contact_partner } : null,
              },
        speaker:
          a.speaker_name === null
            ? null
            : {
                name: a.speaker_name,
                organisationName: a.speaker_organisation,
                organisationPartner: a.speaker_partner ? { name: a.speaker_partner } : null,
              },
        theme: a.theme_title === null ? null : { title: a.theme_title },
      })),
      draft: draft ? { ...draft, itemOverrides: JSON.parse(String(draft.item_overrides)) } : null,
      nextMeeting: next ? meetingOf(next) : null,
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.lead_name ?? null,
        status: p.status,
      })),
      followUps: followUps.map((f) => ({
        project: f.project_title ?? '',
        leadPartner: f.lead_name ?? null,
        date: f.date,
        note: f.text,
        nextStep: f.next_step,
      })),
    } as unknown as MinutesRecord;
    const title = views.t('minutes.documentTitle', { title: String(meeting.title) });
    const model = buildMinutesViewModel(record, title);
    return {
      meetingId,
      draft: model,
      preview: views.document(MINUTES, { ...model }),
      versions: versions.map(versionSummary),
    };
  };

  const createNewsletter = async (body: Raw, actor: Actor) => {
    const day = /^\d{4}-\d{2}-\d{2}$/;
    const { from, to, editorial } = body;
    if (typeof from !== 'string' || !day.test(from)) throw new BaselineHttpError(400, 'from');
    if (typeof to !== 'string' || !day.test(to)) throw new BaselineHttpError(400, 'to');
    if (editorial !== undefined && editorial !== null && typeof editorial !== 'string')
      throw new BaselineHttpError(400, 'editorial');
    if (from > to) throw new BaselineHttpError(422, 'from must not be after to');
    const sections = normalizeSections([]);
    const id = await transaction(async () => {
      const now = sqlTime(new Date());
      const { lastID } = await q.insertNewsletter.run([
        from,
        to,
        editorial ?? null,
        JSON.stringify(sections),
        now,
        now,
      ]);
      const changes = {
        periodFrom: { before: null, after: from },
        periodTo: { before: null, after: to },
        ...(editorial ? { editorial: { before: null, after: editorial } } : {}),
      };
      await q.audit.run([
        'newsletter',
        String(lastID),
        'create',
        actor.id,
        actor.displayName,
        now,
        JSON.stringify(changes),
      ]);
      return lastID;
    });
    const items = await assemble(from, to);
    const text = typeof editorial === 'string' ? editorial : null;
    const model = {
      id,
      status: 'draft' as const,
      number: null,
      title: views.t('newsletter.draftTitle', { period: formatPeriod(from, to, locale) }),
      period: { from, to },
      editorial: text?.trim() ? text : null,
      sections: buildSections(sections, items, (key: NewsletterSectionKey) =>
        views.t(`newsletter.section.${key}`),
      ),
      publishedAt: null,
      url: null,
      archiveUrl: null,
    };
    return {
      newsletter: model,
      preview: views.document(NEWSLETTER, { ...model }),
      visibility: 'network',
      publicLink: null,
    };
  };

  const assemble = async (from: string, to: string): Promise<SectionItems> => {
    const start = startOfDayInZone(from, timeZone);
    const end = startOfDayInZone(addDays(to, 1), timeZone);
    const nowDate = new Date();
    const now = sqlTime(nowDate);
    const [news, minutes, partners, meetings, launched, followUps, attention] = await Promise.all([
      q.news.all([from, to]),
      q.minutesPublished.all([sqlTime(start), sqlTime(end)]),
      q.newPartners.all([sqlTime(start), sqlTime(new Date(end.getTime() - 1)), MAX_ITEMS]),
      q.upcoming.all([now, sqlTime(new Date(nowDate.getTime() + UPCOMING_DAYS * DAY)), MAX_ITEMS]),
      q.launched.all([sqlTime(start), sqlTime(end), MAX_ITEMS]),
      q.statusChanges.all([from, to, MAX_ITEMS]),
      q.attention.all([now, MAX_ITEMS]),
    ]);
    const newsOf = (kind: string) =>
      news
        .filter((n) => n.kind === kind)
        .map((n) => ({ id: n.id, title: n.title, body: n.body, date: n.date, link: n.link }));
    const dayOf = (value: unknown) => {
      const at = date(value);
      return at ? calendarDayInZone(at, timeZone) : null;
    };
    return {
      regulation: newsOf('regulation'),
      'local-news': newsOf('local-news'),
      events: newsOf('event'),
      'upcoming-meetings': meetings.map((m) => ({
        id: m.id,
        title: m.title,
        startsAt: date(m.starts_at)!.toISOString(),
        venueName: m.venue_name,
        venueAddress: m.venue_address,
      })),
      minutes: minutes.map(versionSummary),
      'projects-launched': launched.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.lead_name ?? null,
        date: dayOf(p.launched_at),
        state: null,
      })),
      'follow-ups': followUps.map((f) => ({
        project: f.project_title ?? '',
        leadPartner: f.lead_name ?? null,
        date: f.date,
        text: f.text,
        statusTo: f.status_to,
      })),
      'projects-attention': attention.map((p) => ({
        id: p.id,
        title: p.title,
        leadPartner: p.lead_name ?? null,
        date: dayOf(p.last_follow_up_at),
        state: followUpStateOf(
          {
            dueSoonAt: date(p.due_soon_at),
            dueAt: date(p.due_at),
            staleAt: date(p.stale_at),
            snoozedUntil: date(p.snoozed_until),
          },
          nowDate,
        ),
      })),
      'new-partners': partners.map((p) => ({
        id: p.id,
        name: p.name,
        territory: p.territory,
        website: p.website,
      })),
    } as unknown as SectionItems;
  };

  return { minutesDraft, createNewsletter };
}

function statements(db: BaselineDb) {
  const untracked = PROJECT_STATUSES.filter((s) => !TRACKED_STATUSES.includes(s))
    .map((s) => `'${s}'`)
    .join(', ');
  const prepared = (sql: Sql) => db.prepare<Raw>(sql);
  return {
    meeting: prepared('SELECT * FROM meetings WHERE id = ?'),
    minutesInvitations: prepared(
      'SELECT i.id, i.partner_id, i.attendance, i.answer, p.name AS partner_name FROM invitations i JOIN partners p ON p.id = i.partner_id WHERE i.meeting_id = ? ORDER BY p.name ASC',
    ),
    minutesAttendees: prepared(
      'SELECT a.invitation_id, a.phase, a.full_name, a.replaces_name FROM invitation_attendees a JOIN invitations i ON i.id = a.invitation_id WHERE i.meeting_id = ? ORDER BY a.id ASC',
    ),
    minutesAgenda: prepared(
      `SELECT a.*, c.full_name AS contact_name, cp.name AS contact_partner, s.name AS speaker_name,
              s.organisation_name AS speaker_organisation, sp.name AS speaker_partner,
              t.title AS theme_title
         FROM agenda_items a
         LEFT JOIN contacts c ON c.id = a.presenter_contact_id LEFT JOIN partners cp ON cp.id = c.partner_id
         LEFT JOIN speakers s ON s.id = a.speaker_id LEFT JOIN partners sp ON sp.id = s.organisation_partner_id
         LEFT JOIN themes t ON t.id = a.theme_id
        WHERE a.meeting_id = ? ORDER BY a.position ASC, a.id ASC`,
    ),
    minutesDraft: prepared('SELECT * FROM minutes_drafts WHERE meeting_id = ?'),
    nextMeeting: prepared(
      "SELECT * FROM meetings WHERE kind = ? AND starts_at > ? AND status != 'cancelled' ORDER BY starts_at ASC, id ASC LIMIT 1",
    ),
    previousMeeting: prepared(
      "SELECT id, starts_at FROM meetings WHERE kind = ? AND starts_at < ? AND status != 'cancelled' ORDER BY starts_at DESC, id DESC LIMIT 1",
    ),
    minutesProjects: prepared(
      'SELECT p.id, p.title, p.status, lead.name AS lead_name FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id WHERE p.origin_meeting_id = ? ORDER BY p.title ASC, p.id ASC',
    ),
    minutesFollowUps: prepared(
      'SELECT f.*, p.title AS project_title, lead.name AS lead_name FROM follow_ups f JOIN projects p ON p.id = f.project_id LEFT JOIN partners lead ON lead.id = p.lead_partner_id WHERE f.at > ? AND f.at <= ? ORDER BY f.at ASC, f.id ASC LIMIT 50',
    ),
    minutesVersions: prepared(
      'SELECT meeting_id, version, title, published_at, visibility, public_token FROM minutes_versions WHERE meeting_id = ? ORDER BY version ASC',
    ),
    insertNewsletter: prepared({
      sqlite:
        "INSERT INTO newsletters (period_from, period_to, editorial, sections, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?)",
      pg: "INSERT INTO newsletters (period_from, period_to, editorial, sections, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?) RETURNING id",
    }),
    audit: prepared(
      'INSERT INTO audit_entries (entity_type, entity_id, action, actor_user_id, actor_label, at, changes) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    news: prepared('SELECT * FROM news_items WHERE date BETWEEN ? AND ? ORDER BY date ASC, id ASC'),
    minutesPublished: prepared(
      'SELECT v.meeting_id, v.version, v.title, v.published_at, v.visibility, v.public_token FROM minutes_versions v WHERE v.published_at >= ?1 AND v.published_at < ?2 AND v.version = (SELECT MAX(o.version) FROM minutes_versions o WHERE o.meeting_id = v.meeting_id AND o.published_at < ?2) ORDER BY v.published_at ASC, v.id ASC',
    ),
    newPartners: prepared(
      `SELECT id, name, territory, website FROM partners WHERE created_at BETWEEN ? AND ? AND active = ${TRUE[db.engine]} ORDER BY name ASC, id ASC LIMIT ?`,
    ),
    upcoming: prepared(
      "SELECT id, title, starts_at, venue_name, venue_address FROM meetings WHERE status = 'planned' AND starts_at BETWEEN ? AND ? ORDER BY starts_at ASC, id ASC LIMIT ?",
    ),
    launched: prepared(
      'SELECT p.*, lead.name AS lead_name FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id WHERE p.launched_at >= ? AND p.launched_at < ? ORDER BY p.launched_at ASC, p.id ASC LIMIT ?',
    ),
    statusChanges: prepared(
      'SELECT f.*, p.title AS project_title, lead.name AS lead_name FROM follow_ups f JOIN projects p ON p.id = f.project_id LEFT JOIN partners lead ON lead.id = p.lead_partner_id WHERE f.date >= ? AND f.date <= ? AND f.status_to IS NOT NULL ORDER BY f.date ASC, f.id ASC LIMIT ?',
    ),
    attention: prepared(
      `SELECT p.*, lead.name AS lead_name FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id WHERE p.status NOT IN (${untracked}) AND p.due_at <= ?1 AND (p.snoozed_until IS NULL OR p.snoozed_until <= ?1) ORDER BY p.due_at ASC, p.id ASC LIMIT ?2`,
    ),
  };
}
