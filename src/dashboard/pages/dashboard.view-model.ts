import type { StaffDashboardService } from '../staff-dashboard.service';
import { DASHBOARD_LIMITS } from '../staff-dashboard.service';

/** Translates a key of the catalogue (ViewService.text). */
type Translate = (key: string, params?: Record<string, string | number>) => string;

type Dashboard = Awaited<ReturnType<StaffDashboardService['dashboard']>>;

const CHART = { width: 640, labelWidth: 200, barHeight: 28, gap: 10, valueWidth: 50 };

/** How each heatmap cell is drawn. */
const SYMBOLS: Record<string, string> = {
  present: '●',
  excused: '◐',
  absent: '○',
  unrecorded: '?',
  'not-invited': '·',
};

/** The follow-up chart: one bar per state, scaled to the largest, each a link to its list. */
function chart(t: Translate, data: Dashboard) {
  const max = Math.max(1, ...data.chart.map((c) => c.count));
  const span = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const bars = data.chart.map((c, index) => {
    const y = index * (CHART.barHeight + CHART.gap);
    const width = Math.round((c.count / max) * span);
    return {
      state: c.state,
      count: c.count,
      label: t(`projectsPages.state.${c.state}`),
      href: `/projects?state=${c.state}`,
      y,
      textY: y + CHART.barHeight / 2 + 5,
      x: CHART.labelWidth,
      width,
      labelX: CHART.labelWidth - 8,
      valueX: CHART.labelWidth + width + 6,
      height: CHART.barHeight,
    };
  });
  return {
    width: CHART.width,
    height: bars.length * (CHART.barHeight + CHART.gap),
    bars,
    description: bars.map((b) => `${b.label} : ${b.count}`).join(', '),
  };
}

/** Partners × recent meetings, each cell a symbol with its words. */
function heatmap(t: Translate, data: Dashboard) {
  return {
    meetings: data.heatmap.meetings,
    totalPartners: data.heatmap.totalPartners,
    more: data.heatmap.totalPartners > data.heatmap.rows.length,
    shown: data.heatmap.rows.length,
    rows: data.heatmap.rows.map((row) => ({
      partnerName: row.partnerName,
      present: row.present,
      invited: row.invited,
      cells: row.cells.map((cell) => ({
        cell,
        symbol: SYMBOLS[cell],
        label: t(`dashboardPages.heatmap.${cell}`),
      })),
    })),
    legend: Object.entries(SYMBOLS).map(([cell, symbol]) => ({
      cell,
      symbol,
      label: t(`dashboardPages.heatmap.${cell}`),
    })),
  };
}

/** The staff home page (pages/home). */
export function homePage(t: Translate, data: Dashboard) {
  return {
    title: t('home.title'),
    limits: DASHBOARD_LIMITS,
    nextMeetings: data.nextMeetings,
    overdue: data.overdue,
    stale: data.stale,
    weakTies: data.weakTies,
    tracked: data.followUpCounts.tracked,
    never: data.followUpCounts.never,
    chart: chart(t, data),
    heatmap: heatmap(t, data),
  };
}
