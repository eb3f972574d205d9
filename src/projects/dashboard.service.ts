import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { MeetingsQueries } from '../meetings/meetings.queries';
import { PartnersQueries } from '../partners/partners.queries';
import { daysBetween, followUpCondition } from './follow-up-state';
import { DashboardSnapshots } from './dashboard-snapshots';
import { Project } from './project';
import { PROJECT_STATUSES } from './project-status';
import { partnerRef } from './projects.mapper';

/** A raw timestamp: a Date on PostgreSQL, 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) on SQLite. */
function rawDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
}

function count(value: unknown): number {
  return Number(value ?? 0) || 0;
}

/**
 * GET /api/dashboard. Every figure is one SQL statement over the stored follow-up moments, so the
 * number of queries stays the same whatever the number of projects. The figures are aggregates over
 * every project (O(n) at a miss), so they are served from an in-process snapshot that is exactly
 * what a fresh computation would give (DashboardSnapshots): 0 queries while it is valid.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    private readonly clock: Clock,
    private readonly snapshots: DashboardSnapshots,
    private readonly partnersQueries: PartnersQueries,
    private readonly meetingsQueries: MeetingsQueries,
  ) {}

  /**
   * `limit` bounds every list (needing attention, per partner, per meeting); each list comes with
   * its total so that a client knows what was left out. Lists are ordered and cut in SQL.
   */
  async dashboard(limit: number) {
    const now = this.clock.now();
    const n = Math.max(1, Math.min(500, Math.trunc(Number(limit)) || 50));
    const snapshot = await this.snapshots.get(n, now, (at) => this.compute(at, n));
    return this.present(snapshot, now);
  }

  /** The same figures computed afresh, bypassing the snapshot (tests compare both). */
  async fresh(limit: number) {
    const now = this.clock.now();
    return this.present((await this.compute(now, limit)).value, now);
  }

  private async compute(now: Date, limit: number) {
    const [followUp, statuses, attention, partners, meetings, nextChange] = await Promise.all([
      this.followUpCounts(now),
      this.statusCounts(),
      this.needingAttention(now, limit),
      this.perPartner(limit),
      this.perMeeting(limit),
      this.nextChange(now),
    ]);
    return { value: { followUp, statuses, attention, partners, meetings }, nextChange };
  }

  /** Days and states that move with the clock are derived here, at each request. */
  private present(snapshot: Awaited<ReturnType<DashboardService['compute']>>['value'], now: Date) {
    const { followUp, statuses, attention, partners, meetings } = snapshot;
    return {
      now,
      followUp: { ...followUp },
      statuses: { ...statuses },
      needingAttention: {
        total: attention.total,
        items: attention.projects.map((p) => ({
          id: p.id,
          title: p.title,
          status: p.status,
          state: p.staleAt && p.staleAt <= now ? 'stale' : 'overdue',
          leadPartner: partnerRef(p.leadPartner, p.leadPartnerId),
          lastFollowUpAt: p.lastFollowUpAt,
          neverFollowedUp: p.lastFollowUpAt === null,
          daysSinceFollowUp: p.followUpSince ? daysBetween(p.followUpSince, now) : null,
          daysOverdue: p.dueAt ? daysBetween(p.dueAt, now) : null,
          dueAt: p.dueAt,
          cadenceDays: p.cadenceDays,
        })),
      },
      projectsPerMeeting: meetings.items,
      projectsPerMeetingTotal: meetings.total,
      projectsPerPartner: partners.items,
      projectsPerPartnerTotal: partners.total,
    };
  }

  /**
   * The first stored moment after `now` at which a project changes follow-up state by itself: until
   * then the counts and the needing-attention list stay what they are. Four index lookups.
   */
  private async nextChange(now: Date): Promise<Date | null> {
    const columns = ['due_soon_at', 'due_at', 'stale_at', 'snoozed_until'];
    const driver = this.projects.manager.connection.driver;
    const [sql, parameters] = driver.escapeQueryWithParameters(
      `SELECT ${columns
        .map((c) => `(SELECT MIN(p.${c}) FROM projects p WHERE p.${c} > :now) AS ${c}`)
        .join(', ')}`,
      { now },
      {},
    );
    const [row] = await this.projects.query<Record<string, string | Date>[]>(sql, parameters);
    const moments = columns
      .map((c) => row?.[c])
      .filter((v): v is string | Date => v !== null && v !== undefined)
      .map((v) => rawDate(v).getTime());
    return moments.length ? new Date(Math.min(...moments)) : null;
  }

  /**
   * Partners leading or taking part in projects, most involved first (then by name): read from the
   * counts the database triggers keep (partner-project-counts.ts), in the partners' query service
   * (it joins their table). At L (20,000 partners, 45,000 leads and
   * participations) grouping every project and participation took 53 ms.
   */
  private async perPartner(limit: number) {
    const rows = await this.partnersQueries.partnersByProjectInvolvement(limit);
    return {
      total: rows.length ? count(rows[0].total) : 0,
      items: rows.map((row) => ({
        partner: { id: Number(row.id), name: String(row.name) },
        leads: count(row.leads),
        leadsOpen: count(row.leads_open),
        participates: count(row.participates),
        participatesOpen: count(row.participates_open),
      })),
    };
  }

  private async followUpCounts(now: Date) {
    const states = ['on-track', 'due-soon', 'overdue', 'stale', 'never', 'snoozed'] as const;
    const qb = this.projects
      .createQueryBuilder('p')
      .select('COUNT(*)', 'tracked')
      .where('p.due_at IS NOT NULL')
      .setParameter('now', now);
    for (const state of states) {
      qb.addSelect(`SUM(CASE WHEN ${followUpCondition(state)} THEN 1 ELSE 0 END)`, state);
    }
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    return Object.fromEntries(['tracked', ...states].map((k) => [k, count(row[k])])) as Record<
      'tracked' | (typeof states)[number],
      number
    >;
  }

  /** Projects born at each meeting, and how many of them were launched, latest meeting first. */
  private async perMeeting(limit: number) {
    // The meetings' query service walks them latest first and stops at `limit` (it joins their
    // table): one statement.
    const rows = await this.meetingsQueries.meetingsByProjectsBorn(limit);
    return {
      total: rows.length ? count(rows[0].total) : 0,
      items: rows.map((row) => ({
        meeting: {
          id: Number(row.id),
          title: String(row.title),
          startsAt: rawDate(row.starts_at as string | Date),
        },
        projects: count(row.born),
        launched: count(row.launched),
      })),
    };
  }

  private async statusCounts() {
    const rows = await this.projects
      .createQueryBuilder('p')
      .select('p.status', 'status')
      .addSelect('COUNT(*)', 'total')
      .groupBy('p.status')
      .getRawMany<{ status: string; total: string }>();
    const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<
      string,
      number
    >;
    for (const row of rows) counts[row.status] = count(row.total);
    return counts;
  }

  /** Overdue and stale projects, most urgent (longest past due) first: an indexed range on due_at. */
  private async needingAttention(now: Date, limit: number) {
    const where = 'p.due_at <= :now AND (p.snoozed_until IS NULL OR p.snoozed_until <= :now)';
    // A plain COUNT(*) on the due_at range: getManyAndCount() would count DISTINCT ids over the
    // join with the lead partner (75 ms at L instead of 11 ms).
    const [projects, counted] = await Promise.all([
      this.projects
        .createQueryBuilder('p')
        .innerJoinAndSelect('p.leadPartner', 'lead')
        .where(where, { now })
        .orderBy('p.dueAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(limit)
        .getMany(),
      this.projects
        .createQueryBuilder('p')
        .select('COUNT(*)', 'total')
        .where(where, { now })
        .getRawOne<{ total: string | number }>(),
    ]);
    return { total: count(counted?.total), projects };
  }
}
