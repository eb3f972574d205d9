import { scheduleFrom } from './follow-ups/follow-up-state';
import type { Project } from './project.entity';
import { assertTransition, isTracked, type ProjectStatus } from './project-status';

/** Recomputes the stored follow-up moments of a project (call after any change that affects them). */
export function refreshSchedule(project: Project): void {
  if (isTracked(project.status) && project.followUpSince) {
    const schedule = scheduleFrom(project.followUpSince, project.cadenceDays);
    project.dueSoonAt = schedule.dueSoonAt;
    project.dueAt = schedule.dueAt;
    project.staleAt = schedule.staleAt;
  } else {
    project.followUpSince = null;
    project.dueSoonAt = null;
    project.dueAt = null;
    project.staleAt = null;
    project.snoozedUntil = null;
    project.snoozeReason = null;
  }
}

/**
 * Moves a project to another status (refusing changes that make no sense). Entering a tracked
 * status from an untracked one starts a new cadence period now: for a project never followed up,
 * "since" is therefore its launch (or resumption) date.
 */
export function moveToStatus(project: Project, to: ProjectStatus, now: Date): void {
  assertTransition(project.status, to);
  const wasTracked = isTracked(project.status);
  project.status = to;
  project.statusChangedAt = now;
  if (isTracked(to) && !wasTracked) {
    project.followUpSince = now;
    project.launchedAt ??= now;
  }
  refreshSchedule(project);
}

/** A follow-up restarts the cadence from its moment (never moving it backwards) and ends a snooze. */
export function recordFollowUp(project: Project, at: Date): void {
  if (!project.lastFollowUpAt || at > project.lastFollowUpAt) project.lastFollowUpAt = at;
  if (isTracked(project.status)) {
    if (!project.followUpSince || at > project.followUpSince) project.followUpSince = at;
    project.snoozedUntil = null;
    project.snoozeReason = null;
  }
  refreshSchedule(project);
}
