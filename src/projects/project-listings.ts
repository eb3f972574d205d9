import { rawDate } from '../database/raw-values';
import type { ScheduledProject } from './follow-ups/follow-up-state';
import { PROJECT_STATUSES, TRACKED_STATUSES, type ProjectStatus } from './project-status';

/**
 * Projects and follow-ups as documents list them (the newsletter's sections), read by raw
 * statements in ProjectsQueries: only the columns shown, no entity hydration.
 */

/** A project as documents list it: its title, lead partner's name, launch and follow-up schedule. */
export interface ListedProject extends ScheduledProject {
  id: number;
  title: string;
  leadPartner: string | null;
  launchedAt: Date | null;
  lastFollowUpAt: Date | null;
}

/** A follow-up recorded in a period, as the minutes review it. */
export interface RecordedFollowUp {
  project: string;
  leadPartner: string | null;
  date: string;
  note: string;
  nextStep: string | null;
}

/** A follow-up that changed its project's status, as documents list it. */
export interface StatusChange {
  project: string;
  leadPartner: string | null;
  date: string;
  text: string;
  statusTo: ProjectStatus;
}

export const UNTRACKED_STATUSES = PROJECT_STATUSES.filter((s) => !TRACKED_STATUSES.includes(s));

/** The columns of a ListedProject (alias `p`, lead partner `lead`). */
export const LISTED_PROJECT = `p.id, p.title, lead.name AS lead_name, p.launched_at, p.last_follow_up_at,
       p.due_soon_at, p.due_at, p.stale_at, p.snoozed_until`;

export function listedProjectOf(row: Record<string, unknown>): ListedProject {
  const date = (value: unknown) => rawDate(value as string | Date | null);
  return {
    id: Number(row.id),
    title: row.title as string,
    leadPartner: (row.lead_name as string | null) ?? null,
    launchedAt: date(row.launched_at),
    lastFollowUpAt: date(row.last_follow_up_at),
    dueSoonAt: date(row.due_soon_at),
    dueAt: date(row.due_at),
    staleAt: date(row.stale_at),
    snoozedUntil: date(row.snoozed_until),
  };
}
