import {
  type ActivityReport,
  type AttendanceCounts,
  formatRate,
  type ProjectLine,
} from './activity-report';
import type { Translate } from './activity-report';

/**
 * The columns the PDF and the CSV share (the page has its own markup): attendance figures and
 * projects, headed the same way in both.
 */

/** How the report's documents write words, dates and rates: in LOCALE and TIME_ZONE. */
export interface ReportFormats {
  t: Translate;
  locale: 'fr' | 'en';
  /** An ISO instant as a short date in TIME_ZONE ("12/03/2026"). */
  date: (iso: string) => string;
}

/**
 * The attendance columns. Organisations that came without an invitation have a column of their
 * own, so that present + excused + absent add up to invited + came uninvited, as the rate counts.
 */
export function attendanceHeads(t: Translate): string[] {
  return [
    t('reports.meetings.invited'),
    t('reports.meetings.cameUninvited'),
    t('reports.meetings.present'),
    t('reports.meetings.excused'),
    t('reports.meetings.absent'),
    t('reports.meetings.people'),
    t('reports.meetings.rate'),
  ];
}

export function attendanceCells(c: AttendanceCounts, locale: 'fr' | 'en'): string[] {
  return [
    String(c.invited),
    String(c.presentUninvited),
    String(c.present),
    String(c.excused),
    String(c.absent),
    String(c.people),
    formatRate(c.rate, locale),
  ];
}

/** "En retard de suivi au 01/07/2026": when the overdue projects were judged. */
export function overdueHead(report: ActivityReport, f: ReportFormats): string {
  // overdueAt is the period's end, the first instant after it (or now): the day it closes is the
  // one before that instant, "au 31/12/2025" for 2025, not "au 01/01/2026".
  const lastDay = new Date(Date.parse(report.projects.overdueAt) - 1).toISOString();
  return f.t('reports.projects.overdue', { date: f.date(lastDay) });
}

/** The four project figures, each with its label. */
export function projectCounts(report: ActivityReport, f: ReportFormats): [string, string][] {
  const p = report.projects;
  return [
    [f.t('reports.projects.launched'), String(p.launched)],
    [f.t('reports.projects.followedUp'), String(p.followedUp)],
    [overdueHead(report, f), String(p.overdue)],
    [f.t('reports.projects.closed'), String(p.closed)],
  ];
}

export function projectHeads(report: ActivityReport, f: ReportFormats): string[] {
  const { t } = f;
  return [
    t('reports.projects.project'),
    t('reports.projects.lead'),
    t('reports.projects.status'),
    t('reports.projects.launched'),
    t('reports.projects.followedUp'),
    overdueHead(report, f),
    t('reports.projects.closed'),
  ];
}

/** A project's row; `no` is what a flag not set reads (blank in the PDF, "non" in the CSV). */
export function projectCells(item: ProjectLine, f: ReportFormats, no: string): string[] {
  const flag = (set: boolean) => (set ? f.t('reports.projects.yes') : no);
  return [
    item.title,
    item.leadPartner ?? '',
    item.statusLabel,
    flag(item.launched),
    flag(item.followedUp),
    flag(item.overdue),
    flag(item.closed),
  ];
}

/**
 * A speaker's cost as the report prints it: what is known, said to be a floor when the fee or
 * the travel is unknown ("au moins 150,00 €"), never an unknown counted as 0,00 €.
 */
export function speakerCost(
  line: { feeCents: number | null; travelCents: number | null; totalFormatted: string },
  f: ReportFormats,
): string {
  return line.feeCents === null || line.travelCents === null
    ? f.t('reports.speakers.atLeast', { amount: line.totalFormatted })
    : line.totalFormatted;
}
