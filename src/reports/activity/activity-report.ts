import { addDays } from '../../common/calendar-days';
import type { AttendanceFigures } from '../../meetings/attendance/attendance-figures.queries';
import type { CostLine } from '../../themes/speakers/costs/speaker-costs.service';
import type { ActivityPeriod } from './activity-period';

/** Attendance figures (see AttendanceFigures) and their participation rate. */
export interface AttendanceCounts extends AttendanceFigures {
  /** present ÷ (invited + presentUninvited), 0..1, two decimals; null without any invitation. */
  rate: number | null;
}

export interface HeldMeeting extends AttendanceCounts {
  id: number;
  title: string;
  kind: string;
  kindLabel: string;
  startsAt: string;
}

export interface MonthParticipation {
  /** 'YYYY-MM' in TIME_ZONE. */
  month: string;
  label: string;
  meetings: number;
  invited: number;
  present: number;
  presentUninvited: number;
  rate: number | null;
}

export interface ThemeLine {
  theme: string;
  meetingId: number;
  meetingTitle: string;
  startsAt: string;
  /** "Name (Organisation)", joined by ", "; empty when nobody is recorded. */
  presenters: string;
}

export interface SpeakerLine {
  speakerId: number;
  speaker: string;
  organisation: string | null;
  topic: string;
  meetingId: number;
  meetingTitle: string;
  startsAt: string;
  feeCents: number | null;
  feeFormatted: string | null;
  /** Null: unknown (speaker or venue without coordinates), left out of the totals. */
  travelCents: number | null;
  travelFormatted: string | null;
  totalCents: number;
  totalFormatted: string;
}

/** What the period's speakers cost, and how many different speakers they were. */
export interface CostTotal extends CostLine {
  speakers: number;
}

export interface ProjectLine {
  id: number;
  title: string;
  status: string;
  statusLabel: string;
  leadPartner: string | null;
  launched: boolean;
  followedUp: boolean;
  overdue: boolean;
  closed: boolean;
}

/** The activity report of a period: what the API answers and the page, PDF and CSV show. */
export interface ActivityReport {
  period: { from: string; to: string; label: string };
  meetings: {
    held: number;
    cancelled: number;
    items: HeldMeeting[];
    cancelledItems: { id: number; title: string; kindLabel: string; startsAt: string }[];
    totals: AttendanceCounts;
  };
  byKind: (AttendanceCounts & { kind: string; label: string })[];
  months: MonthParticipation[];
  themes: ThemeLine[];
  speakers: { items: SpeakerLine[]; total: CostTotal };
  projects: {
    launched: number;
    followedUp: number;
    overdue: number;
    closed: number;
    /** The moment "overdue" is judged at: the end of the period, or now if it is not over. */
    overdueAt: string;
    items: ProjectLine[];
  };
}

export const NO_ATTENDANCE: AttendanceCounts = {
  invited: 0,
  present: 0,
  presentUninvited: 0,
  excused: 0,
  absent: 0,
  people: 0,
  rate: null,
};

/** present ÷ (invited + present without invitation), as docs/meetings.md "Participation". */
export function participationRate(present: number, invited: number, uninvited: number) {
  const expected = invited + uninvited;
  return expected ? Math.round((present / expected) * 100) / 100 : null;
}

/** The sum of attendance figures, its rate recomputed from the sums (never an average of rates). */
export function addAttendance(a: AttendanceFigures, b: AttendanceFigures): AttendanceCounts {
  const sum = {
    invited: a.invited + b.invited,
    present: a.present + b.present,
    presentUninvited: a.presentUninvited + b.presentUninvited,
    excused: a.excused + b.excused,
    absent: a.absent + b.absent,
    people: a.people + b.people,
  };
  return { ...sum, rate: participationRate(sum.present, sum.invited, sum.presentUninvited) };
}

/** Every month the period touches, 'YYYY-MM', in order (empty months included). */
export function monthsOf(period: Pick<ActivityPeriod, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** Whether a period is exactly one calendar year. */
export function wholeYear(period: Pick<ActivityPeriod, 'from' | 'to'>): boolean {
  return (
    period.from.endsWith('-01-01') &&
    period.to === addDays(`${Number(period.from.slice(0, 4)) + 1}-01-01`, -1)
  );
}

/** A rate as people read it: 0.75 → "75 %" (French spacing) / "75%"; null → "–". */
export function formatRate(rate: number | null, locale: 'fr' | 'en'): string {
  if (rate === null) return '–';
  const percent = Math.round(rate * 100);
  return locale === 'fr' ? `${percent} %` : `${percent}%`;
}

/** Translates a key of the catalogue (ViewService.text). */
export type Translate = (key: string, params?: Record<string, string | number>) => string;
