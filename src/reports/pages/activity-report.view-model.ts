import type { FieldError } from '../../common/validation';
import { speakerCost } from '../activity/activity-report.columns';
import { type ActivityReport, formatRate, type Translate } from '../activity/activity-report';
import type { ReportFormats } from '../activity/activity-report.columns';

const CHART = { width: 720, labelWidth: 190, barHeight: 20, gap: 6, valueWidth: 150 };

/** The period form as typed (shown back when refused). */
export interface PeriodForm {
  from: string;
  to: string;
}

/** The monthly participation chart: one bar per month, its length the rate (0 to 100 %). */
function monthChart(report: ActivityReport, f: ReportFormats) {
  const span = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const bars = report.months.map((m, index) => {
    const y = index * (CHART.barHeight + CHART.gap);
    const width = m.rate === null ? 0 : Math.round(m.rate * span);
    const value = m.meetings ? formatRate(m.rate, f.locale) : f.t('reports.months.noMeeting');
    return {
      month: m.month,
      label: m.label,
      value,
      meetings: m.meetings,
      invited: m.invited,
      presentUninvited: m.presentUninvited,
      present: m.present,
      y,
      textY: y + CHART.barHeight / 2 + 5,
      x: CHART.labelWidth,
      width,
      trackWidth: span,
      labelX: CHART.labelWidth - 8,
      valueX: CHART.labelWidth + span + 8,
      height: CHART.barHeight,
    };
  });
  return {
    width: CHART.width,
    height: Math.max(1, bars.length * (CHART.barHeight + CHART.gap)),
    bars,
    description: bars.map((b) => `${b.label} : ${b.value}`).join(', '),
  };
}

/** Shortcuts to last year's and this year's reports. */
function yearLinks(t: Translate, currentYear: number) {
  return [currentYear - 1, currentYear].map((year) => ({
    year,
    href: `/reports/activity?year=${year}`,
    label: t('reports.form.thisYear', { year }),
  }));
}

/** A link to the report in another format, for the same period. */
function download(extension: 'pdf' | 'csv', report: ActivityReport): string {
  const query = new URLSearchParams({ from: report.period.from, to: report.period.to });
  return `/reports/activity.${extension}?${query.toString()}`;
}

/** The staff page of the report (pages/reports/activity), figures formatted for reading. */
export function activityReportPage(report: ActivityReport, f: ReportFormats, currentYear: number) {
  const date = (iso: string) => f.date(iso);
  const rate = (value: number | null) => formatRate(value, f.locale);
  return {
    title: f.t('reports.activity.title'),
    form: { from: report.period.from, to: report.period.to },
    years: yearLinks(f.t, currentYear),
    report,
    subtitle: f.t('reports.activity.subtitle', { period: report.period.label }),
    pdfHref: download('pdf', report),
    csvHref: download('csv', report),
    summary: {
      held: f.t('reports.summary.held', { count: report.meetings.held }),
      cancelled: f.t('reports.summary.cancelled', { count: report.meetings.cancelled }),
      rate:
        report.meetings.totals.rate === null
          ? f.t('reports.summary.noRate')
          : f.t('reports.summary.rate', { rate: rate(report.meetings.totals.rate) }),
    },
    meetings: report.meetings.items.map((m) => ({
      ...m,
      date: date(m.startsAt),
      rateText: rate(m.rate),
    })),
    totals: { ...report.meetings.totals, rateText: rate(report.meetings.totals.rate) },
    uninvited: report.meetings.totals.presentUninvited
      ? f.t('reports.meetings.uninvited', { count: report.meetings.totals.presentUninvited })
      : null,
    cancelled: report.meetings.cancelledItems.map((m) => ({ ...m, date: date(m.startsAt) })),
    byKind: report.byKind.map((k) => ({ ...k, rateText: rate(k.rate) })),
    chart: monthChart(report, f),
    themes: report.themes.map((th) => ({ ...th, date: date(th.startsAt) })),
    speakers: report.speakers.items.map((s) => ({
      ...s,
      date: date(s.startsAt),
      fee: s.feeFormatted ?? f.t('reports.speakers.unknown'),
      travel: s.travelFormatted ?? f.t('reports.speakers.unknown'),
      totalFormatted: speakerCost(s, f),
    })),
    speakersTotal: f.t('reports.speakers.total', {
      interventions: report.speakers.total.interventions,
      speakers: report.speakers.total.speakers,
      total: report.speakers.total.totalFormatted,
      fee: report.speakers.total.feeFormatted,
      travel: report.speakers.total.travelFormatted,
    }),
    unknownTravel: report.speakers.total.unknownTravel
      ? f.t('reports.speakers.unknownTravel', { count: report.speakers.total.unknownTravel })
      : null,
    projectCounts: [
      { key: 'launched', label: f.t('reports.projects.launched'), count: report.projects.launched },
      {
        key: 'followedUp',
        label: f.t('reports.projects.followedUp'),
        count: report.projects.followedUp,
      },
      {
        key: 'overdue',
        label: f.t('reports.projects.overdue', { date: date(report.projects.overdueAt) }),
        count: report.projects.overdue,
      },
      { key: 'closed', label: f.t('reports.projects.closed'), count: report.projects.closed },
    ],
    overdueLabel: f.t('reports.projects.overdue', { date: date(report.projects.overdueAt) }),
    projects: report.projects.items,
  };
}

/** The page when the period is refused: the form as typed and what is wrong, field by field. */
export function refusedPeriodPage(
  t: Translate,
  form: PeriodForm,
  errors: { field: string; message: string }[],
  currentYear: number,
) {
  return {
    title: t('reports.activity.title'),
    form,
    years: yearLinks(t, currentYear),
    errors: errors.map((e) => e.message),
    invalid: Object.fromEntries(errors.map((e) => [e.field, true])),
  };
}

/** What the page says of a refused query-string field: its own message, naming the field. */
export function periodFieldErrors(t: Translate, errors: FieldError[]) {
  return errors.map((e) => ({ field: e.field, message: t(`reports.form.error.${e.field}`) }));
}
