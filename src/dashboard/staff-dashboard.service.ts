import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AttendanceFiguresQueries } from '../meetings/attendance/attendance-figures.queries';
import { ParticipationService } from '../meetings/attendance/participation.service';
import { ListProjectsQueryDto } from '../projects/list-projects-query.dto';
import { followUpStatusOf } from '../projects/projects.mapper';
import { ProjectsService } from '../projects/projects.service';
import { ProjectViewsService } from '../projects/project-views.service';
import { compareFrench } from '../common/french-order';

/** How much of each list the dashboard shows; the rest is behind a link to the full list. */
export const DASHBOARD_LIMITS = {
  meetings: 5,
  projects: 8,
  weakTies: 8,
  heatmapPartners: 30,
  heatmapMeetings: 12,
} as const;

/** What one partner did at one meeting, as the heatmap shows it. */
export type HeatmapCell = 'present' | 'excused' | 'absent' | 'unrecorded' | 'not-invited';

export interface HeatmapRow {
  partnerId: number;
  partnerName: string;
  invited: number;
  present: number;
  cells: HeatmapCell[];
}

/** The chart's states: the follow-up timings and snoozed (never followed up overlaps them). */
export const CHART_STATES = ['on-track', 'due-soon', 'overdue', 'stale', 'snoozed'] as const;

/**
 * The staff dashboard's view model. Every list is bounded (first N and the total) and every
 * figure comes from a fixed set of queries, whatever the number of projects, partners or meetings.
 */
@Injectable()
export class StaffDashboardService {
  constructor(
    private readonly meetingFigures: AttendanceFiguresQueries,
    private readonly participation: ParticipationService,
    private readonly projects: ProjectsService,
    private readonly projectViews: ProjectViewsService,
    private readonly clock: Clock,
  ) {}

  async dashboard() {
    const now = this.clock.now();
    const [nextMeetings, counts, overdue, stale, weakTies, heatmap] = await Promise.all([
      this.nextMeetings(),
      this.projectViews.followUpCounts(now),
      this.projects.list(this.projectQuery('overdue')),
      this.projects.list(this.projectQuery('stale')),
      this.participation.weakTies(),
      this.heatmap(),
    ]);
    const attention = (page: Awaited<ReturnType<ProjectsService['list']>>) => ({
      total: page.total,
      more: page.total > page.items.length,
      items: page.items.map((p) => {
        const followUp = followUpStatusOf(p, now);
        return {
          id: p.id,
          title: p.title,
          lead: p.leadPartner?.name ?? '',
          lastFollowUpAt: p.lastFollowUpAt,
          daysSinceFollowUp: followUp.daysSinceFollowUp,
          dueAt: p.dueAt,
        };
      }),
    });
    return {
      now,
      nextMeetings,
      followUpCounts: counts,
      chart: CHART_STATES.map((state) => ({ state, count: counts[state] })),
      overdue: attention(overdue),
      stale: attention(stale),
      weakTies: {
        missed: weakTies.missed,
        total: weakTies.items.length,
        more: weakTies.items.length > DASHBOARD_LIMITS.weakTies,
        items: weakTies.items.slice(0, DASHBOARD_LIMITS.weakTies),
      },
      heatmap,
    };
  }

  private projectQuery(state: 'overdue' | 'stale'): ListProjectsQueryDto {
    return Object.assign(new ListProjectsQueryDto(), {
      followUp: state,
      page: 1,
      pageSize: DASHBOARD_LIMITS.projects,
    });
  }

  /** The next meetings (not cancelled, not over), soonest first, with their answers: 3 queries. */
  private async nextMeetings() {
    const { total, items } = await this.meetingFigures.upcomingMeetingsWithAnswers(
      this.clock.now(),
      DASHBOARD_LIMITS.meetings,
    );
    return { total, more: total > items.length, items };
  }

  /**
   * Partners × the last 12 held meetings (oldest to newest): the most invited partners first,
   * capped. Two queries: the meetings, then their invitations.
   */
  async heatmap(): Promise<{
    meetings: { id: number; title: string; startsAt: Date }[];
    rows: HeatmapRow[];
    totalPartners: number;
  }> {
    const recent = await this.meetingFigures.lastHeldMeetings(
      this.clock.now(),
      DASHBOARD_LIMITS.heatmapMeetings,
    );
    const meetings = recent.reverse();
    if (meetings.length === 0) return { meetings, rows: [], totalPartners: 0 };
    const invitations = await this.meetingFigures.attendanceOfMeetings(meetings.map((m) => m.id));
    const column = new Map(meetings.map((m, index) => [m.id, index]));
    const rows = new Map<number, HeatmapRow>();
    for (const invitation of invitations) {
      let row = rows.get(invitation.partnerId);
      if (!row) {
        row = {
          partnerId: invitation.partnerId,
          partnerName: invitation.partnerName,
          invited: 0,
          present: 0,
          cells: meetings.map((): HeatmapCell => 'not-invited'),
        };
        rows.set(invitation.partnerId, row);
      }
      const cell = cellOf(invitation.invited, invitation.attendance);
      row.cells[column.get(invitation.meetingId)!] = cell;
      if (invitation.invited) row.invited += 1;
      if (cell === 'present') row.present += 1;
    }
    const sorted = [...rows.values()]
      .filter((r) => r.invited > 0 || r.present > 0)
      .sort(
        (a, b) =>
          b.invited - a.invited ||
          b.present - a.present ||
          compareFrench(a.partnerName, b.partnerName),
      );
    return {
      meetings,
      rows: sorted.slice(0, DASHBOARD_LIMITS.heatmapPartners),
      totalPartners: sorted.length,
    };
  }
}

function cellOf(invited: boolean, attendance: string | null): HeatmapCell {
  if (attendance === 'present') return 'present';
  if (!invited) return 'not-invited';
  if (attendance === 'excused') return 'excused';
  if (attendance === 'absent') return 'absent';
  return 'unrecorded';
}
