import { RuleViolationError } from '../common/domain-errors';
import { registerValueLabels } from '../i18n/value-labels';

/** idea → launched → active → completed | abandoned | on_hold (see the transition table below). */
export const PROJECT_STATUSES = [
  'idea',
  'launched',
  'active',
  'on_hold',
  'completed',
  'abandoned',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
registerValueLabels(PROJECT_STATUSES, 'projectsPages.status');

/** Statuses whose follow-up is watched (cadence, due soon, overdue, stale, reminders). */
export const TRACKED_STATUSES: readonly ProjectStatus[] = ['launched', 'active'];

export function isTracked(status: ProjectStatus): boolean {
  return TRACKED_STATUSES.includes(status);
}

/**
 * Allowed status changes; each needs a reason. Going back from a closed status (completed,
 * abandoned) is "reopening": only to `active` (or `idea` for an abandoned idea), never straight
 * to `launched` again.
 */
export const TRANSITIONS: Record<ProjectStatus, readonly ProjectStatus[]> = {
  idea: ['launched', 'active', 'on_hold', 'abandoned'],
  launched: ['active', 'on_hold', 'completed', 'abandoned'],
  active: ['on_hold', 'completed', 'abandoned'],
  on_hold: ['launched', 'active', 'completed', 'abandoned'],
  completed: ['active'],
  abandoned: ['idea', 'active'],
};

/** Statuses a project may be created with (a project born launched at a meeting is common). */
export const INITIAL_STATUSES: readonly ProjectStatus[] = ['idea', 'launched', 'active'];

/** Refuses a status change that makes no sense, with a message saying what to do instead. */
export function assertTransition(from: ProjectStatus, to: ProjectStatus): void {
  if (from === to) {
    throw new RuleViolationError(
      {
        key: 'errors.project.sameStatus',
        params: { to: status(to) },
      },
      'status',
    );
  }
  if (TRANSITIONS[from].includes(to)) return;
  if ((from === 'completed' || from === 'abandoned') && to === 'launched') {
    throw new RuleViolationError(
      { key: 'errors.project.relaunch', params: { from: status(from) } },
      'status',
    );
  }
  if (to === 'idea') {
    throw new RuleViolationError(
      { key: 'errors.project.backToIdea', params: { from: status(from) } },
      'status',
    );
  }
  throw new RuleViolationError(
    {
      key: 'errors.project.transition',
      params: {
        from: status(from),
        to: status(to),
        allowed: { keys: TRANSITIONS[from].map((s) => status(s).key) },
      },
    },
    'status',
  );
}

/** A status as a placeholder of an error message, translated on pages. */
function status(value: ProjectStatus): { key: string } {
  return { key: `projectsPages.status.${value}` };
}
