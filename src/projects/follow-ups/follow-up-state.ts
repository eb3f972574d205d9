/**
 * The follow-up state of a project, computed from the clock.
 *
 * "since" is the last follow-up, or, for a project never followed up, the moment it entered a
 * tracked status (launched/active): its launch date, or the date it was resumed after a hold.
 * With a cadence of C days:
 *   on-track  now < since + C − W
 *   due-soon  from since + C − W, where W = 14 days, or half of C when C is short (so that a project
 *             followed up today is never "soon" already: a 14-day cadence is soon in its last 7 days)
 *   overdue   from since + C
 *   stale     from since + 2C
 * A snoozed project is "snoozed" until its date, then takes its computed state again.
 * These moments are stored on the project (due_soon_at, due_at, stale_at) whenever it changes,
 * so lists filter by indexed range queries instead of computing per row.
 */
export const FOLLOW_UP_STATES = ['on-track', 'due-soon', 'overdue', 'stale'] as const;
export type FollowUpTiming = (typeof FOLLOW_UP_STATES)[number];
export type FollowUpState = FollowUpTiming | 'snoozed' | 'not-tracked';
/** Values of the `followUp` filter: the states, plus "never" (no follow-up yet) and "snoozed". */
export const FOLLOW_UP_FILTERS = [...FOLLOW_UP_STATES, 'never', 'snoozed'] as const;
export type FollowUpFilter = (typeof FOLLOW_UP_FILTERS)[number];

export const DUE_SOON_DAYS = 14;
export const DEFAULT_CADENCE_DAYS = 60;
const DAY = 86_400_000;

export interface FollowUpSchedule {
  dueSoonAt: Date;
  dueAt: Date;
  staleAt: Date;
}

export function scheduleFrom(since: Date, cadenceDays: number): FollowUpSchedule {
  const start = since.getTime();
  const dueAt = start + cadenceDays * DAY;
  const window = Math.min(DUE_SOON_DAYS * DAY, (cadenceDays * DAY) / 2);
  return {
    dueSoonAt: new Date(dueAt - window),
    dueAt: new Date(dueAt),
    staleAt: new Date(start + 2 * cadenceDays * DAY),
  };
}

export interface ScheduledProject {
  dueSoonAt: Date | null;
  dueAt: Date | null;
  staleAt: Date | null;
  snoozedUntil: Date | null;
}

export function followUpStateOf(project: ScheduledProject, now: Date): FollowUpState {
  if (!project.dueAt || !project.dueSoonAt || !project.staleAt) return 'not-tracked';
  const t = now.getTime();
  if (project.snoozedUntil && t < project.snoozedUntil.getTime()) return 'snoozed';
  if (t >= project.staleAt.getTime()) return 'stale';
  if (t >= project.dueAt.getTime()) return 'overdue';
  if (t >= project.dueSoonAt.getTime()) return 'due-soon';
  return 'on-track';
}

/** Whole days between two moments (floor), never negative. */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY));
}

/**
 * The same rules as followUpStateOf, as SQL conditions on the stored columns (alias `p`):
 * each is a range on an indexed column, so the database answers without computing per row.
 */
export function followUpCondition(filter: FollowUpFilter): string {
  const notSnoozed = '(p.snoozed_until IS NULL OR p.snoozed_until <= :now)';
  switch (filter) {
    case 'on-track':
      return `p.due_soon_at > :now AND ${notSnoozed}`;
    case 'due-soon':
      return `p.due_soon_at <= :now AND p.due_at > :now AND ${notSnoozed}`;
    case 'overdue':
      return `p.due_at <= :now AND p.stale_at > :now AND ${notSnoozed}`;
    case 'stale':
      return `p.stale_at <= :now AND ${notSnoozed}`;
    case 'never':
      return 'p.due_at IS NOT NULL AND p.last_follow_up_at IS NULL';
    case 'snoozed':
      return 'p.due_at IS NOT NULL AND p.snoozed_until > :now';
  }
}
