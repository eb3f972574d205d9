import { centsAsFormText } from '../../common/money';
import { neutralise } from '../../common/csv';
import { type ActivityReport, type AttendanceCounts, formatRate } from './activity-report';
import {
  attendanceCells,
  attendanceHeads,
  projectCells,
  projectCounts,
  projectHeads,
  type ReportFormats,
} from './activity-report.columns';

/**
 * The report as CSV rows, the same sections as the PDF: each row starts with its section's name
 * (so a spreadsheet filter keeps one), each section opens with its column names, a blank row
 * between sections. Amounts are plain numbers with a decimal comma (in euros, said in the header)
 * so that a French spreadsheet sums them; text cells are guarded against formula injection.
 */
export function activityReportRows(report: ActivityReport, f: ReportFormats): string[][] {
  const { t } = f;
  const rows: string[][] = [];
  const section = (name: string, head: string[], body: string[][]) => {
    rows.push([], [name, ...head], ...body.map((cells) => [name, ...cells]));
  };
  const counts = (c: AttendanceCounts) => attendanceCells(c, f.locale);
  const countHeads = attendanceHeads(t);
  const euros = (cents: number | null) =>
    cents === null ? t('reports.speakers.unknown') : centsAsFormText(cents, f.locale);

  rows.push([
    t('reports.activity.title'),
    report.period.label,
    report.period.from,
    report.period.to,
  ]);
  section(
    t('reports.meetings.title'),
    [
      t('reports.meetings.date'),
      t('reports.meetings.meeting'),
      t('reports.meetings.kind'),
      ...countHeads,
    ],
    [
      ...report.meetings.items.map((m) => [f.date(m.startsAt), m.title, m.kindLabel, ...counts(m)]),
      [
        t('reports.meetings.total'),
        String(report.meetings.held),
        '',
        ...counts(report.meetings.totals),
      ],
    ],
  );
  section(
    t('reports.cancelled.title'),
    [t('reports.meetings.date'), t('reports.meetings.meeting'), t('reports.meetings.kind')],
    [
      ...report.meetings.cancelledItems.map((m) => [f.date(m.startsAt), m.title, m.kindLabel]),
      [t('reports.meetings.total'), String(report.meetings.cancelled), ''],
    ],
  );
  section(
    t('reports.byKind.title'),
    [t('reports.byKind.kind'), ...countHeads],
    report.byKind.map((k) => [k.label, ...counts(k)]),
  );
  section(
    t('reports.months.title'),
    [
      t('reports.months.month'),
      t('reports.months.meetings'),
      t('reports.meetings.invited'),
      t('reports.meetings.cameUninvited'),
      t('reports.meetings.present'),
      t('reports.meetings.rate'),
    ],
    report.months.map((m) => [
      m.label,
      String(m.meetings),
      String(m.invited),
      String(m.presentUninvited),
      String(m.present),
      formatRate(m.rate, f.locale),
    ]),
  );
  section(
    t('reports.themes.title'),
    [
      t('reports.meetings.date'),
      t('reports.themes.theme'),
      t('reports.meetings.meeting'),
      t('reports.themes.presenter'),
    ],
    report.themes.map((th) => [f.date(th.startsAt), th.theme, th.meetingTitle, th.presenters]),
  );
  section(
    t('reports.speakers.title'),
    [
      t('reports.meetings.date'),
      t('reports.speakers.speaker'),
      t('reports.speakers.organisation'),
      t('reports.speakers.topic'),
      t('reports.meetings.meeting'),
      `${t('reports.speakers.fee')} (€)`,
      `${t('reports.speakers.travel')} (€)`,
      `${t('reports.speakers.cost')} (€)`,
    ],
    [
      ...report.speakers.items.map((s) => [
        f.date(s.startsAt),
        s.speaker,
        s.organisation ?? '',
        s.topic,
        s.meetingTitle,
        euros(s.feeCents),
        euros(s.travelCents),
        euros(s.totalCents),
      ]),
      [
        t('reports.meetings.total'),
        // Counts in words: bare numbers under "Intervenant" and "Réunion" read as nothing.
        t('reports.speakers.speakerCount', { count: report.speakers.total.speakers }),
        '',
        '',
        t('reports.speakers.interventionCount', { count: report.speakers.total.interventions }),
        euros(report.speakers.total.feeCents),
        euros(report.speakers.total.travelCents),
        euros(report.speakers.total.totalCents),
      ],
    ],
  );
  section(
    t('reports.projects.title'),
    [t('reports.projects.project'), t('reports.projects.count')],
    projectCounts(report, f),
  );
  section(
    t('reports.projects.title'),
    projectHeads(report, f),
    report.projects.items.map((item) => projectCells(item, f, t('reports.projects.no'))),
  );
  return rows.map((cells) => cells.map(neutralise));
}
