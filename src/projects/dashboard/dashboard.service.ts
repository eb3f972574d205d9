import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { DashboardQueries } from './dashboard.queries';
import { DashboardSnapshots } from './dashboard-snapshots';
import { daysBetween } from '../follow-ups/follow-up-state';
import { partnerRef } from '../projects.mapper';
import { ProjectsQueries } from '../projects.queries';

type Snapshot = Awaited<ReturnType<DashboardService['compute']>>['value'];
type AttentionProject = Snapshot['attention']['projects'][number];

/** The figures of a project needing attention that move with the clock (`present` shows them). */
function movingFigures(p: AttentionProject, now: Date) {
  return {
    state: p.staleAt && p.staleAt <= now ? ('stale' as const) : ('overdue' as const),
    daysSinceFollowUp: p.followUpSince ? daysBetween(p.followUpSince, now) : null,
    daysOverdue: p.dueAt ? daysBetween(p.dueAt, now) : null,
  };
}

/** All of a snapshot's moving figures at `now`, as one text: the answer differs when it does. */
const movingText = (snapshot: Snapshot, now: Date): string =>
  snapshot.attention.projects.map((p) => Object.values(movingFigures(p, now)).join(',')).join(' ');

/**
 * GET /api/dashboard. Every figure is one SQL statement over the stored follow-up moments, so the
 * number of queries stays the same whatever the number of projects. The figures are aggregates over
 * every project (O(n) at a miss), so they are served from an in-process snapshot that is exactly
 * what a fresh computation would give (DashboardSnapshots): 0 queries while it is valid.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly projectsQueries: ProjectsQueries,
    private readonly clock: Clock,
    private readonly snapshots: DashboardSnapshots,
  ) {}

  /** Per snapshot, its answer as written (but `now`) for one value of its moving figures. */
  private readonly written = new WeakMap<Snapshot, { figures: string; rest: string }>();

  /**
   * `limit` bounds every list (needing attention, per partner, per meeting); each list comes with
   * its total so that a client knows what was left out. Lists are ordered and cut in SQL.
   */
  async dashboard(limit: number) {
    const now = this.clock.now();
    return this.present(await this.snapshot(limit, now), now);
  }

  /**
   * `dashboard(limit)` as the JSON text the API sends, byte for byte. Writing the 28 KB answer was a
   * quarter of the CPU of each read, for a text that changes only with the snapshot and its moving
   * figures (movingFigures): it is written once per snapshot and value of those figures, and only
   * `now`, the first key, is written at each request.
   */
  async dashboardJson(limit: number): Promise<string> {
    const now = this.clock.now();
    const snapshot = await this.snapshot(limit, now);
    const figures = movingText(snapshot, now);
    let written = this.written.get(snapshot);
    if (written?.figures !== figures) {
      const { now: _now, ...rest } = this.present(snapshot, now);
      written = { figures, rest: JSON.stringify(rest).slice(1) };
      this.written.set(snapshot, written);
    }
    return `{"now":${JSON.stringify(now)},${written.rest}`;
  }

  private snapshot(limit: number, now: Date): Promise<Snapshot> {
    const n = Math.max(1, Math.min(500, Math.trunc(Number(limit)) || 50));
    return this.snapshots.get(n, now, (at) => this.compute(at, n));
  }

  /** The same figures computed afresh, bypassing the snapshot (tests compare both). */
  async fresh(limit: number) {
    const now = this.clock.now();
    return this.present((await this.compute(now, limit)).value, now);
  }

  private async compute(now: Date, limit: number) {
    const [followUp, statuses, attention, partners, meetings, nextChange] = await Promise.all([
      this.projectsQueries.followUpCounts(now),
      this.queries.statusCounts(),
      this.queries.needingAttention(now, limit),
      this.queries.perPartner(limit),
      this.queries.perMeeting(limit),
      this.queries.nextChange(now),
    ]);
    return { value: { followUp, statuses, attention, partners, meetings }, nextChange };
  }

  /** Days and states that move with the clock are derived here, at each request. */
  private present(snapshot: Snapshot, now: Date) {
    const { followUp, statuses, attention, partners, meetings } = snapshot;
    return {
      now,
      followUp: { ...followUp },
      statuses: { ...statuses },
      needingAttention: {
        total: attention.total,
        items: attention.projects.map((p) => {
          const moving = movingFigures(p, now);
          return {
            id: p.id,
            title: p.title,
            status: p.status,
            state: moving.state,
            leadPartner: partnerRef(p.leadPartner, p.leadPartnerId),
            lastFollowUpAt: p.lastFollowUpAt,
            neverFollowedUp: p.lastFollowUpAt === null,
            daysSinceFollowUp: moving.daysSinceFollowUp,
            daysOverdue: moving.daysOverdue,
            dueAt: p.dueAt,
            cadenceDays: p.cadenceDays,
          };
        }),
      },
      projectsPerMeeting: meetings.items,
      projectsPerMeetingTotal: meetings.total,
      projectsPerPartner: partners.items,
      projectsPerPartnerTotal: partners.total,
    };
  }
}
