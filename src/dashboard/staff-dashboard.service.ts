import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { Invitation } from '../meetings/invitation';
import { Meeting } from '../meetings/meeting';
import { MeetingsService } from '../meetings/meetings.service';
import { ParticipationService } from '../meetings/participation.service';
import { ListProjectsQueryDto } from '../projects/list-projects-query.dto';
import { followUpStatusOf } from '../projects/projects.mapper';
import { ProjectsService } from '../projects/projects.service';
import { ProjectViewsService } from '../projects/project-views.service';

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
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly meetingsService: MeetingsService,
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
    const [meetings, total] = await this.meetings
      .createQueryBuilder('m')
      .where('m.endsAt > :now', { now: this.clock.now() })
      .andWhere("m.status <> 'cancelled'")
      .orderBy('m.startsAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .take(DASHBOARD_LIMITS.meetings)
      .getManyAndCount();
    const ids = meetings.map((m) => m.id);
    const rows = ids.length
      ? await this.invitations
          .createQueryBuilder('i')
          .select('i.meetingId', 'meetingId')
          .addSelect('SUM(CASE WHEN i.invited = :yes THEN 1 ELSE 0 END)', 'invited')
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'coming' THEN 1 ELSE 0 END)",
            'coming',
          )
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'excused' THEN 1 ELSE 0 END)",
            'excused',
          )
          .addSelect(
            "SUM(CASE WHEN i.invited = :yes AND i.answer = 'not-coming' THEN 1 ELSE 0 END)",
            'notComing',
          )
          .addSelect(
            'SUM(CASE WHEN i.invited = :yes AND i.answer IS NULL THEN 1 ELSE 0 END)',
            'noAnswer',
          )
          .where({ meetingId: In(ids) })
          .setParameter('yes', true)
          .groupBy('i.meetingId')
          .getRawMany<Record<string, unknown>>()
      : [];
    const byMeeting = new Map(rows.map((r) => [Number(r.meetingId), r]));
    const n = (row: Record<string, unknown> | undefined, key: string) => Number(row?.[key] ?? 0);
    return {
      total,
      more: total > meetings.length,
      items: meetings.map((m) => {
        const row = byMeeting.get(m.id);
        return {
          id: m.id,
          title: m.title,
          startsAt: m.startsAt,
          status: m.status,
          invited: n(row, 'invited'),
          coming: n(row, 'coming'),
          excused: n(row, 'excused'),
          notComing: n(row, 'notComing'),
          noAnswer: n(row, 'noAnswer'),
        };
      }),
    };
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
    const recent = await this.meetings
      .createQueryBuilder('m')
      .where("m.status IN ('held', 'closed')")
      .andWhere('m.startsAt <= :now', { now: this.clock.now() })
      .orderBy('m.startsAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(DASHBOARD_LIMITS.heatmapMeetings)
      .getMany();
    const meetings = recent
      .reverse()
      .map((m) => ({ id: m.id, title: m.title, startsAt: m.startsAt }));
    if (meetings.length === 0) return { meetings, rows: [], totalPartners: 0 };
    const invitations = await this.invitations
      .createQueryBuilder('i')
      .innerJoin('i.partner', 'p')
      .select(['i.meetingId', 'i.partnerId', 'i.invited', 'i.attendance'])
      .addSelect(['p.id', 'p.name'])
      .where({ meetingId: In(meetings.map((m) => m.id)) })
      .getMany();
    const column = new Map(meetings.map((m, index) => [m.id, index]));
    const rows = new Map<number, HeatmapRow>();
    for (const invitation of invitations) {
      let row = rows.get(invitation.partnerId);
      if (!row) {
        row = {
          partnerId: invitation.partnerId,
          partnerName: invitation.partner?.name ?? '',
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
          a.partnerName.localeCompare(b.partnerName, 'fr'),
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
