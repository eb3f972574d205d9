import { Injectable } from '@nestjs/common';
import { calendarDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import { formatMoney, formatMonthYear, formatPeriod } from '../../common/web/format';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import {
  AgendaQueries,
  type Presentation,
  type Presenter,
} from '../../meetings/agenda/agenda-read.queries';
import {
  AttendanceFiguresQueries,
  type KindAttendanceRow,
  type MeetingOfPeriod,
} from '../../meetings/attendance/attendance-figures.queries';
import { PARTNER_KINDS } from '../../partners/partner-kind';
import { ProjectsQueries } from '../../projects/projects.queries';
import { costLine } from '../../themes/speakers/costs/speaker-costs.service';
import { activityPeriod, type ActivityPeriod } from './activity-period';
import type { ActivityPeriodQueryDto } from './activity-period.dto';
import {
  type ActivityReport,
  addAttendance,
  type AttendanceCounts,
  monthsOf,
  NO_ATTENDANCE,
  participationRate,
  wholeYear,
} from './activity-report';

/**
 * The activity report ("bilan d'activité") of a period, in funders' terms: meetings held and
 * their attendance, by kind of partner and by month, themes presented, speakers and their cost,
 * projects. Four statements whatever the data (one per owner's query); the sums and the month
 * buckets (in TIME_ZONE) are made here, the same on both engines.
 */
@Injectable()
export class ActivityReportService {
  constructor(
    private readonly meetingFigures: AttendanceFiguresQueries,
    private readonly agenda: AgendaQueries,
    private readonly projects: ProjectsQueries,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async report(query: ActivityPeriodQueryDto): Promise<ActivityReport> {
    const now = this.clock.now();
    const period = activityPeriod(query, now, this.config.timeZone);
    // A period not over yet is judged now: projects are not overdue in advance.
    const overdueAt = period.end < now ? period.end : now;
    const [meetings, attendance, presentations, projects] = await Promise.all([
      this.meetingFigures.meetingsStartingBetween(period.start, period.end),
      this.meetingFigures.attendanceByMeetingAndKind(period.start, period.end),
      this.agenda.presentationsBetween(period.start, period.end),
      this.projects.projectActivityBetween(period, overdueAt),
    ]);
    const held = meetings.filter((m) => m.status === 'held' || m.status === 'closed');
    const heldItems = this.heldMeetings(held, attendance);
    const count = (flag: 'launched' | 'followedUp' | 'overdue' | 'closed') =>
      projects.filter((p) => p[flag]).length;
    return {
      period: { from: period.from, to: period.to, label: this.periodLabel(period) },
      meetings: {
        held: held.length,
        cancelled: meetings.filter((m) => m.status === 'cancelled').length,
        items: heldItems,
        cancelledItems: meetings
          .filter((m) => m.status === 'cancelled')
          .map((m) => ({
            id: m.id,
            title: m.title,
            kindLabel: this.views.text(`meetings.kind.${m.kind}`),
            startsAt: m.startsAt.toISOString(),
          })),
        totals: heldItems.reduce<AttendanceCounts>(addAttendance, NO_ATTENDANCE),
      },
      byKind: this.byKind(attendance),
      months: this.months(period, held, attendance),
      themes: presentations
        .filter((p) => p.themePresented)
        .map((p) => ({
          theme: p.theme!,
          meetingId: p.meetingId,
          meetingTitle: p.meetingTitle,
          startsAt: p.startsAt.toISOString(),
          presenters: [p.contact, p.speaker]
            .filter((who): who is Presenter => who !== null)
            .map(presenterText)
            .join(', '),
        })),
      speakers: this.speakers(presentations.filter((p) => p.speaker !== null)),
      projects: {
        launched: count('launched'),
        followedUp: count('followedUp'),
        overdue: count('overdue'),
        closed: count('closed'),
        overdueAt: overdueAt.toISOString(),
        items: projects.map((p) => ({
          ...p,
          statusLabel: this.views.text(`projectsPages.status.${p.status}`),
        })),
      },
    };
  }

  private periodLabel(period: ActivityPeriod): string {
    return wholeYear(period)
      ? this.views.text('reports.period.year', { year: period.from.slice(0, 4) })
      : formatPeriod(period.from, period.to, this.config.locale);
  }

  private heldMeetings(held: MeetingOfPeriod[], attendance: KindAttendanceRow[]) {
    const byMeeting = new Map<number, AttendanceCounts>();
    for (const row of attendance)
      byMeeting.set(
        row.meetingId,
        addAttendance(byMeeting.get(row.meetingId) ?? NO_ATTENDANCE, row),
      );
    return held.map((m) => ({
      id: m.id,
      title: m.title,
      kind: m.kind,
      kindLabel: this.views.text(`meetings.kind.${m.kind}`),
      startsAt: m.startsAt.toISOString(),
      ...(byMeeting.get(m.id) ?? NO_ATTENDANCE),
    }));
  }

  /** Attendance by kind of partner, in the order of the kinds' list. */
  private byKind(attendance: KindAttendanceRow[]) {
    const byKind = new Map<string, AttendanceCounts>();
    for (const row of attendance)
      byKind.set(row.partnerKind, addAttendance(byKind.get(row.partnerKind) ?? NO_ATTENDANCE, row));
    const order = (kind: string) => (PARTNER_KINDS as readonly string[]).indexOf(kind);
    return [...byKind.entries()]
      .sort(([a], [b]) => order(a) - order(b))
      .map(([kind, counts]) => ({
        kind,
        label: this.views.text(`partnersPages.kind.${kind}`),
        ...counts,
      }));
  }

  /** Participation month by month (the month of each meeting's start in TIME_ZONE). */
  private months(period: ActivityPeriod, held: MeetingOfPeriod[], attendance: KindAttendanceRow[]) {
    const monthOf = new Map(
      held.map((m) => [m.id, calendarDayInZone(m.startsAt, this.config.timeZone).slice(0, 7)]),
    );
    const buckets = new Map(
      monthsOf(period).map((month) => [month, { meetings: 0, ...NO_ATTENDANCE }]),
    );
    for (const month of monthOf.values()) buckets.get(month)!.meetings += 1;
    for (const row of attendance) {
      const bucket = buckets.get(monthOf.get(row.meetingId)!);
      if (!bucket) continue;
      Object.assign(bucket, addAttendance(bucket, row));
    }
    return [...buckets.entries()].map(([month, b]) => ({
      month,
      label: formatMonthYear(`${month}-01`, this.config.locale),
      meetings: b.meetings,
      invited: b.invited,
      present: b.present,
      presentUninvited: b.presentUninvited,
      rate: participationRate(b.present, b.invited, b.presentUninvited),
    }));
  }

  private speakers(interventions: Presentation[]) {
    const money = (cents: number) => formatMoney(cents, this.config.locale);
    const items = interventions.map((i) => {
      const totalCents = (i.feeCents ?? 0) + (i.travelCents ?? 0);
      return {
        speakerId: i.speakerId!,
        speaker: i.speaker!.name,
        organisation: i.speaker!.organisation,
        topic: i.theme ?? i.title,
        meetingId: i.meetingId,
        meetingTitle: i.meetingTitle,
        startsAt: i.startsAt.toISOString(),
        feeCents: i.feeCents,
        feeFormatted: i.feeCents === null ? null : money(i.feeCents),
        travelCents: i.travelCents,
        travelFormatted: i.travelCents === null ? null : money(i.travelCents),
        totalCents,
        totalFormatted: money(totalCents),
      };
    });
    const sum = (pick: (line: (typeof items)[number]) => number | null) =>
      items.reduce((total, line) => total + (pick(line) ?? 0), 0);
    const total = costLine(
      items.length,
      sum((l) => l.feeCents),
      sum((l) => l.travelCents),
      items.filter((l) => l.travelCents === null).length,
      this.config.locale,
    );
    return { items, total: { ...total, speakers: new Set(items.map((l) => l.speakerId)).size } };
  }
}

function presenterText(presenter: Presenter): string {
  return presenter.organisation ? `${presenter.name} (${presenter.organisation})` : presenter.name;
}
