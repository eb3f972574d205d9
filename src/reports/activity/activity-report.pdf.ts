import type { Content, TableCell } from 'pdfmake/interfaces';
import type { PdfSpec } from '../../common/web/pdf/pdf-documents';
import { type ActivityReport, formatRate } from './activity-report';
import {
  attendanceCells,
  attendanceHeads,
  speakerCost,
  projectCells,
  projectCounts,
  projectHeads,
  type ReportFormats,
} from './activity-report.columns';

const BAR_WIDTH = 200;
const BAR_HEIGHT = 9;
/** Wide enough for "Organisations" on one line (9 pt, bold). */
const COUNT_WIDTH = 68;

const header = (...labels: string[]): TableCell[] =>
  labels.map((text) => ({ text, style: 'tableHeader' }));

/**
 * Single-line rows a section may have and still be kept on one page with its heading: pdfmake
 * drops an unbreakable block taller than a page, so only short, known-height tables are kept.
 */
const KEPT_ROWS = 12;

/** A heading and its table on the same page when `keep` (never a heading alone at a page's foot). */
function keptTogether(keep: boolean, content: Content[]): Content[] {
  return keep ? [{ stack: content, unbreakable: true }] : content;
}

/** A table whose header repeats on every page and whose rows stay whole. */
function table(widths: (string | number)[], head: TableCell[], rows: TableCell[][]): Content {
  return {
    table: { headerRows: 1, dontBreakRows: true, widths, body: [head, ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  };
}

const sentenceStart = (text: string, locale: string): string =>
  text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

const right = (cells: TableCell[]): TableCell[] =>
  cells.map((cell) => (typeof cell === 'string' ? { text: cell, alignment: 'right' } : cell));

function meetings(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  const head = header(
    t('reports.meetings.date'),
    t('reports.meetings.meeting'),
    t('reports.meetings.kind'),
    ...attendanceHeads(t),
  );
  const rows = report.meetings.items.map((m) => [
    f.date(m.startsAt),
    m.title,
    m.kindLabel,
    ...right(attendanceCells(m, f.locale)),
  ]);
  const total: TableCell[] = [
    { text: t('reports.meetings.total'), bold: true, colSpan: 3 },
    '',
    '',
    ...attendanceCells(report.meetings.totals, f.locale).map((text) => ({
      text,
      alignment: 'right' as const,
      bold: true,
    })),
  ];
  const widths = [52, '*', 70, ...Array<number>(7).fill(COUNT_WIDTH)];
  return [
    { text: t('reports.meetings.title'), style: 'heading' },
    report.meetings.items.length
      ? table(widths, head, [...rows, total])
      : { text: t('reports.meetings.none'), style: 'muted' },
    ...(report.meetings.totals.presentUninvited
      ? [
          {
            text: t('reports.meetings.uninvited', {
              count: report.meetings.totals.presentUninvited,
            }),
            style: 'small',
          },
        ]
      : []),
    { text: t('reports.cancelled.title'), style: 'subheading' },
    report.meetings.cancelledItems.length
      ? {
          ul: report.meetings.cancelledItems.map(
            (m) => `${f.date(m.startsAt)} — ${m.title} (${m.kindLabel})`,
          ),
        }
      : { text: t('reports.cancelled.none'), style: 'muted' },
  ];
}

function byKind(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  const head = header(t('reports.byKind.kind'), ...attendanceHeads(t));
  return [
    { text: t('reports.byKind.title'), style: 'heading' },
    report.byKind.length
      ? table(
          ['*', ...Array<number>(7).fill(COUNT_WIDTH)],
          head,
          report.byKind.map((k) => [k.label, ...right(attendanceCells(k, f.locale))]),
        )
      : { text: t('reports.byKind.none'), style: 'muted' },
  ];
}

/** The chart drawn in the PDF: one bar per month, its length the rate, beside the figures. */
function months(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  const head = header(
    t('reports.months.month'),
    t('reports.months.meetings'),
    t('reports.meetings.rate'),
    '',
  );
  const rows = report.months.map((m): TableCell[] => [
    m.label,
    { text: String(m.meetings), alignment: 'right' },
    {
      text: m.meetings ? formatRate(m.rate, f.locale) : t('reports.months.noMeeting'),
      alignment: 'right',
    },
    {
      canvas: [
        { type: 'rect', x: 0, y: 1, w: BAR_WIDTH, h: BAR_HEIGHT, color: '#eeeeee' },
        ...(m.rate
          ? [
              {
                type: 'rect' as const,
                x: 0,
                y: 1,
                w: Math.max(1, Math.round(m.rate * BAR_WIDTH)),
                h: BAR_HEIGHT,
                color: '#2f6f9f',
              },
            ]
          : []),
      ],
    },
  ]);
  return keptTogether(report.months.length <= KEPT_ROWS, [
    { text: t('reports.months.title'), style: 'heading' },
    { text: t('reports.months.chart'), style: 'muted', margin: [0, 0, 0, 4] },
    table([90, 50, 70, BAR_WIDTH + 8], head, rows),
  ]);
}

function themes(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  return [
    { text: t('reports.themes.title'), style: 'heading' },
    report.themes.length
      ? table(
          [50, '*', '*', '*'],
          header(
            t('reports.meetings.date'),
            t('reports.themes.theme'),
            t('reports.meetings.meeting'),
            t('reports.themes.presenter'),
          ),
          report.themes.map((th) => [
            f.date(th.startsAt),
            th.theme,
            th.meetingTitle,
            th.presenters,
          ]),
        )
      : { text: t('reports.themes.none'), style: 'muted' },
  ];
}

function speakers(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  const { items, total } = report.speakers;
  const unknown = t('reports.speakers.unknown');
  return [
    { text: t('reports.speakers.title'), style: 'heading' },
    items.length
      ? table(
          [50, '*', '*', 55, 55, 55],
          header(
            t('reports.meetings.date'),
            t('reports.speakers.speaker'),
            t('reports.speakers.topic'),
            t('reports.speakers.fee'),
            t('reports.speakers.travel'),
            t('reports.speakers.cost'),
          ),
          items.map((s) => [
            f.date(s.startsAt),
            s.organisation ? `${s.speaker} (${s.organisation})` : s.speaker,
            `${s.topic} — ${s.meetingTitle}`,
            ...right([s.feeFormatted ?? unknown, s.travelFormatted ?? unknown, speakerCost(s, f)]),
          ]),
        )
      : { text: t('reports.speakers.none'), style: 'muted' },
    ...(items.length
      ? [
          {
            text: t('reports.speakers.total', {
              interventions: total.interventions,
              speakers: total.speakers,
              total: total.totalFormatted,
              fee: total.feeFormatted,
              travel: total.travelFormatted,
            }),
            bold: true,
            margin: [0, 4, 0, 0] as [number, number, number, number],
          },
        ]
      : []),
    ...(total.unknownTravel
      ? [
          {
            text: t('reports.speakers.unknownTravel', { count: total.unknownTravel }),
            style: 'small',
          },
        ]
      : []),
  ];
}

function projects(report: ActivityReport, f: ReportFormats): Content[] {
  const { t } = f;
  return [
    ...keptTogether(true, [
      { text: t('reports.projects.title'), style: 'heading' },
      table(
        ['*', 60],
        header(t('reports.projects.title'), t('reports.projects.count')),
        projectCounts(report, f).map(([label, n]) => [label, { text: n, alignment: 'right' }]),
      ),
    ]),
    { text: '', margin: [0, 6, 0, 0] },
    report.projects.items.length
      ? table(
          ['*', 90, 60, 55, 55, 70, 55],
          header(...projectHeads(report, f)),
          report.projects.items.map((item) => projectCells(item, f, '')),
        )
      : { text: t('reports.projects.none'), style: 'muted' },
  ];
}

/** The report as a PDF: the same sections as the page, the monthly chart drawn with bars. */
export function activityReportPdf(report: ActivityReport, f: ReportFormats): PdfSpec {
  const title = f.t('reports.activity.title');
  const subtitle = f.t('reports.activity.subtitle', { period: report.period.label });
  return {
    title,
    subject: subtitle,
    pageOrientation: 'landscape',
    content: [
      { text: title, style: 'title' },
      { text: subtitle, style: 'subtitle' },
      {
        text: [
          // The line opens a sentence: "Aucune réunion tenue · …", not "aucune réunion tenue".
          sentenceStart(f.t('reports.summary.held', { count: report.meetings.held }), f.locale),
          ' · ',
          f.t('reports.summary.cancelled', { count: report.meetings.cancelled }),
          ' · ',
          report.meetings.totals.rate === null
            ? f.t('reports.summary.noRate')
            : f.t('reports.summary.rate', {
                rate: formatRate(report.meetings.totals.rate, f.locale),
              }),
        ],
      },
      ...meetings(report, f),
      ...byKind(report, f),
      ...months(report, f),
      ...themes(report, f),
      ...speakers(report, f),
      ...projects(report, f),
    ],
  };
}
