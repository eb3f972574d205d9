import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, Brackets } from 'typeorm';
import { rawDate } from '../database/raw-values';
import { sql, type SqlValue } from '../database/sql';
import { Project } from './project.entity';
import type { ProjectStatus } from './project-status';
import { byFrenchTitle } from '../common/french-order';
import { likePattern } from '../common/text';
import { followUpCondition } from './follow-ups/follow-up-state';
import {
  LISTED_PROJECT,
  listedProjectOf,
  UNTRACKED_STATUSES,
  type ListedProject,
  type RecordedFollowUp,
  type StatusChange,
} from './project-listings';
import type { ListProjectsQueryDto } from './list-projects-query.dto';
import { ProjectParticipant } from './project-participant.entity';
import type { ContactActivity } from '../partners/contacts/retention/contact-activity.registry';

/** The counted follow-up states: the timings, plus snoozed and never followed up. */
export const COUNTED_STATES = [
  'on-track',
  'due-soon',
  'overdue',
  'stale',
  'snoozed',
  'never',
] as const;

export type CountedState = (typeof COUNTED_STATES)[number];

/** Due by a moment: the follow-up is expected and the project is not snoozed past it. */
export const DUE_BY = 'p.due_at <= :at AND (p.snoozed_until IS NULL OR p.snoozed_until <= :at)';

/** A project in the activity report, with what it did in the period (see projectActivityBetween). */
export interface ProjectActivityRow {
  id: number;
  title: string;
  status: string;
  leadPartner: string | null;
  launched: boolean;
  followedUp: boolean;
  overdue: boolean;
  closed: boolean;
}

/** The activity report's conditions on projects (alias `p`), each true or false per project. */
const ACTIVITY = {
  launched: 'p.launched_at >= :start AND p.launched_at < :end',
  followedUp:
    'EXISTS (SELECT 1 FROM follow_ups f WHERE f.project_id = p.id AND f.date >= :from AND f.date <= :to)',
  overdue: DUE_BY,
  closed:
    "p.status IN ('completed', 'abandoned') AND p.status_changed_at >= :start AND p.status_changed_at < :end",
} as const;

/**
 * Projects and their follow-ups: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 *
 * The first block holds the projects context's own statements (lists, counts, due projects); other
 * contexts' read methods follow it.
 */

@Injectable()
export class ProjectsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- Projects launched, follow-ups recorded, projects needing attention (read by documents) --

  /** The ids of the projects a partner leads or takes part in (the portal's search scope). */
  async projectIdsOfPartner(partnerId: number): Promise<number[]> {
    const rows = await sql<{ id: number | string }>(
      this.manager(),
      `SELECT p.id FROM projects p WHERE p.lead_partner_id = ?
       UNION SELECT pp.project_id FROM project_participants pp WHERE pp.partner_id = ?`,
      [partnerId, partnerId],
    );
    return rows.map((row) => Number(row.id));
  }

  /**
   * Projects born at a meeting, by title, with their lead partner's name (e.g. in the minutes). One
   * raw statement, the same on both engines.
   */
  async projectsLaunchedAtMeeting(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<{ id: number; title: string; status: string; leadPartner: string | null }[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT p.id, p.title, p.status, lead.name AS lead_name
         FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id
        WHERE p.origin_meeting_id = ?`,
      [meetingId],
    );
    return rows
      .map((p) => ({
        id: Number(p.id),
        title: p.title as string,
        leadPartner: (p.lead_name as string | null) ?? null,
        status: p.status as string,
      }))
      .sort(byFrenchTitle);
  }

  /**
   * Follow-ups recorded in (after, until], oldest first, at most `limit`, with their project's
   * title and lead partner's name (e.g. the follow-ups the minutes review). One raw statement: each
   * follow-up has one project and at most one lead, so LIMIT counts follow-ups.
   */
  async followUpsRecordedBetween(
    after: Date,
    until: Date,
    limit: number,
    manager?: EntityManager,
  ): Promise<RecordedFollowUp[]> {
    const rows = await this.followUpsWithProject(
      'f.at > ? AND f.at <= ?',
      [after, until],
      'f.at',
      limit,
      manager,
    );
    return rows.map((f) => ({
      project: f.project,
      leadPartner: f.leadPartner,
      date: f.date,
      note: f.text,
      nextStep: f.nextStep,
    }));
  }

  /**
   * Projects launched in [start, end), oldest first, at most `limit`, with their lead partner's
   * name (e.g. in the newsletter). One raw statement: joins are many-to-one only, so LIMIT is exact.
   */
  async projectsLaunchedBetween(start: Date, end: Date, limit: number): Promise<ListedProject[]> {
    const rows = await sql(
      this.manager(),
      `SELECT ${LISTED_PROJECT}
         FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id
        WHERE p.launched_at >= ? AND p.launched_at < ?
        ORDER BY p.launched_at ASC, p.id ASC
        LIMIT ${Math.trunc(limit)}`,
      [start, end],
    );
    return rows.map(listedProjectOf);
  }

  /**
   * Follow-ups dated in [from, to] (calendar days) that changed their project's status, with the
   * project's title and lead partner's name, at most `limit` (e.g. the newsletter's notable
   * follow-ups). One raw statement.
   */
  async statusChangesBetween(from: string, to: string, limit: number): Promise<StatusChange[]> {
    const rows = await this.followUpsWithProject(
      'f.date >= ? AND f.date <= ? AND f.status_to IS NOT NULL',
      [from, to],
      'f.date',
      limit,
    );
    return rows.map((f) => ({
      project: f.project,
      leadPartner: f.leadPartner,
      date: f.date,
      text: f.text,
      statusTo: f.statusTo!,
    }));
  }

  /**
   * Follow-ups matching `condition` (alias `f`), in `order` then id, at most `limit`, with their
   * project's title and lead partner's name. One raw statement: each follow-up has one project and
   * at most one lead, so LIMIT counts follow-ups.
   */
  private async followUpsWithProject(
    condition: string,
    values: SqlValue[],
    order: 'f.at' | 'f.date',
    limit: number,
    manager?: EntityManager,
  ) {
    const rows = await sql(
      this.manager(manager),
      `SELECT CAST(f.date AS TEXT) AS date, f.text, f.next_step, f.status_to,
              p.title AS project_title, lead.name AS lead_name
         FROM follow_ups f
         JOIN projects p ON p.id = f.project_id
         LEFT JOIN partners lead ON lead.id = p.lead_partner_id
        WHERE ${condition}
        ORDER BY ${order} ASC, f.id ASC
        LIMIT ${Math.trunc(limit)}`,
      values,
    );
    return rows.map((f) => ({
      project: (f.project_title as string | null) ?? '',
      leadPartner: (f.lead_name as string | null) ?? null,
      date: f.date as string,
      text: f.text as string,
      nextStep: f.next_step as string | null,
      statusTo: f.status_to as ProjectStatus | null,
    }));
  }

  /**
   * Tracked projects whose follow-up is due at `now` (overdue or stale) and not snoozed, most
   * overdue first, with their lead partner's name, at most `limit` (e.g. the newsletter's "need
   * attention"). One raw statement.
   */
  async projectsNeedingAttention(now: Date, limit: number): Promise<ListedProject[]> {
    const rows = await sql(
      this.manager(),
      // "Not an untracked status" is "a tracked status" (the column holds PROJECT_STATUSES only),
      // but with IN the planner picks ix_projects_status and sorts every tracked project (29 ms
      // at L); with NOT IN it walks ix_projects_due_at in order and stops at the limit (0.3 ms).
      `SELECT ${LISTED_PROJECT}
         FROM projects p LEFT JOIN partners lead ON lead.id = p.lead_partner_id
        WHERE p.status NOT IN (?) AND p.due_at <= ?
          AND (p.snoozed_until IS NULL OR p.snoozed_until <= ?)
        ORDER BY p.due_at ASC, p.id ASC
        LIMIT ${Math.trunc(limit)}`,
      [UNTRACKED_STATUSES, now, now],
    );
    return rows.map(listedProjectOf);
  }

  /** One page of projects (lead partner joined), filtered in SQL: one statement with its count. */
  async projectPage(
    query: ListProjectsQueryDto,
    now: Date,
  ): Promise<{ items: Project[]; total: number }> {
    const qb = this.manager()
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .setParameter('now', now);
    if (query.originMeetingId)
      qb.andWhere('p.origin_meeting_id = :meeting', { meeting: query.originMeetingId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.leadPartnerId)
      qb.andWhere('p.lead_partner_id = :lead', { lead: query.leadPartnerId });
    if (query.partnerId) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('p.lead_partner_id = :partner')
            .orWhere(
              'EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = p.id AND pp.partner_id = :partner)',
            ),
        ),
        { partner: query.partnerId },
      );
    }
    if (query.q) {
      qb.andWhere("LOWER(p.title) LIKE :q ESCAPE '\\'", {
        q: likePattern(query.q.toLowerCase()),
      });
    }
    if (query.followUp) {
      qb.andWhere(followUpCondition(query.followUp));
      qb.orderBy('p.dueAt', 'ASC').addOrderBy('p.id', 'ASC');
    } else {
      qb.orderBy('p.id', 'DESC');
    }
    qb.limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** A project with its lead partner and origins, its participants (with their partner). */
  async projectDetail(
    id: number,
  ): Promise<{ project: Project | null; participants: ProjectParticipant[] }> {
    const manager = this.manager();
    const [project, participants] = await Promise.all([
      manager.getRepository(Project).findOne({
        where: { id },
        relations: {
          leadPartner: true,
          originMeeting: true,
          originAgendaItem: true,
          originTheme: true,
        },
      }),
      manager.getRepository(ProjectParticipant).find({
        where: { projectId: id },
        relations: { partner: true },
        order: { id: 'ASC' },
      }),
    ]);
    return { project, participants };
  }

  /** Tracked projects per follow-up state, and how many are tracked: one statement. */
  async followUpCounts(now: Date): Promise<Record<CountedState | 'tracked', number>> {
    const qb = this.manager()
      .getRepository(Project)
      .createQueryBuilder('p')
      .select('COUNT(*)', 'tracked')
      .where('p.due_at IS NOT NULL')
      .setParameter('now', now);
    for (const state of COUNTED_STATES) {
      qb.addSelect(`SUM(CASE WHEN ${followUpCondition(state)} THEN 1 ELSE 0 END)`, state);
    }
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    const n = (key: string) => Number(row[key] ?? 0) || 0;
    return Object.fromEntries(['tracked', ...COUNTED_STATES].map((k) => [k, n(k)])) as Record<
      CountedState | 'tracked',
      number
    >;
  }

  /**
   * Projects whose follow-up is due by `at` (not snoozed past it), most overdue first, lead partner
   * joined, with how many there are: one statement with its count.
   */
  async dueBy(
    at: Date,
    limit: number,
    manager?: EntityManager,
  ): Promise<{ items: Project[]; total: number }> {
    const [items, total] = await this.manager(manager)
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .where(DUE_BY, { at })
      .orderBy('p.dueAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Projects launched in [start, end), followed up on a day of [from, to], due by `at` (overdue or
   * stale, not snoozed past it: the dashboard's rule, DUE_BY) or closed (completed, abandoned) in
   * [start, end), each with which of these it is, by title, with its lead partner: one statement.
   */
  async projectActivityBetween(
    period: { start: Date; end: Date; from: string; to: string },
    at: Date,
  ): Promise<ProjectActivityRow[]> {
    const qb = this.manager()
      .getRepository(Project)
      .createQueryBuilder('p')
      .leftJoin('p.leadPartner', 'lead')
      .select('p.id', 'id')
      .addSelect('p.title', 'title')
      .addSelect('p.status', 'status')
      .addSelect('lead.name', 'lead_name')
      .setParameters({ ...period, at });
    for (const [name, condition] of Object.entries(ACTIVITY))
      qb.addSelect(`CASE WHEN ${condition} THEN 1 ELSE 0 END`, name);
    const rows = await qb
      .where(`(${Object.values(ACTIVITY).join(') OR (')})`)
      .getRawMany<Record<string, unknown>>();
    return rows
      .map((row) => ({
        id: Number(row.id),
        title: row.title as string,
        status: row.status as string,
        leadPartner: (row.lead_name as string | null) ?? null,
        launched: Number(row.launched) === 1,
        followedUp: Number(row.followedUp) === 1,
        overdue: Number(row.overdue) === 1,
        closed: Number(row.closed) === 1,
      }))
      .sort(byFrenchTitle);
  }

  // ---- contacts' activity (the retention review, partners/contacts/retention) ----------------

  /**
   * For each contact that wrote follow-ups (through its personal link), the latest one: one
   * grouped statement on `ix_follow_ups_author_contact`.
   */
  async contactActivity(manager?: EntityManager): Promise<ContactActivity[]> {
    const rows = await sql<{ contact_id: number; at: string | Date }>(
      this.manager(manager),
      `SELECT author_contact_id AS contact_id, MAX(at) AS at FROM follow_ups
        WHERE author_contact_id IS NOT NULL GROUP BY author_contact_id`,
      [],
    );
    return rows.map((row) => ({
      contactId: Number(row.contact_id),
      kind: 'followUp',
      at: rawDate(row.at) as Date,
    }));
  }
}
