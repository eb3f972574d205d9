import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { DashboardQueries } from './dashboard.queries';
import { DashboardSnapshots } from './dashboard-snapshots';
import { daysBetween } from '../follow-ups/follow-up-state';
import { partnerRef } from '../projects.mapper';
import { ProjectsQueries } from '../projects.queries';

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
}
