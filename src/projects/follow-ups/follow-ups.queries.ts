import type { EntityManager } from 'typeorm';
import { diff } from '../../audit/audit.service';
import { rawDate } from '../../database/raw-values';
import { insertReturningId, sql, type SqlValue } from '../../database/sql';
import type { FollowUp } from './follow-up.entity';
import { Project } from '../project.entity';

/**
 * Adding a follow-up (benchmarked) in hand-written statements: one SELECT of the project, at most
 * one UPDATE of it, one INSERT, where find + save + save selected again before and after writing.
 *
 * The columns of a project that a follow-up reads or may change: its status and follow-up
 * schedule.
 */
const SCHEDULE = {
  status: 'status',
  statusChangedAt: 'status_changed_at',
  cadenceDays: 'cadence_days',
  launchedAt: 'launched_at',
  lastFollowUpAt: 'last_follow_up_at',
  followUpSince: 'follow_up_since',
  dueSoonAt: 'due_soon_at',
  dueAt: 'due_at',
  staleAt: 'stale_at',
  snoozedUntil: 'snoozed_until',
  snoozeReason: 'snooze_reason',
} as const satisfies Partial<Record<keyof Project, string>>;
type Field = keyof typeof SCHEDULE;
const FIELDS = Object.keys(SCHEDULE) as Field[];
const TEXT: Field[] = ['status', 'snoozeReason'];

/** A follow-up about to be written: the same one, written moments ago, is a second submit. */
export interface FollowUpSubmit {
  text: string;
  authorUserId: number | null;
  authorContactId: number | null;
  /** Written after this instant by the same author with the same text: the same follow-up. */
  since: Date;
}

/**
 * The project with only its status and schedule (enough for the follow-up rules), or null for no
 * such project; with `submit`, also the id of the same follow-up if it was just written (a form
 * sent twice). The project's row is then locked on PostgreSQL until the unit ends, so two submits
 * of one form queue and the second finds the first (on SQLite units run one at a time).
 */
export async function projectSchedule(
  manager: EntityManager,
  id: number,
  submit: FollowUpSubmit | null,
): Promise<{ project: Project; sameFollowUpId: number | null } | null> {
  const postgres = manager.connection.options.type === 'postgres';
  const same = submit
    ? `, (SELECT MAX(f.id) FROM follow_ups f
           WHERE f.project_id = projects.id AND f.text = ? AND f.created_at > ?
             AND COALESCE(f.author_user_id, 0) = ? AND COALESCE(f.author_contact_id, 0) = ?)
         AS same_follow_up_id`
    : '';
  // The lock first, on its own: a statement that waited for it reads with the snapshot it began
  // with, where the first submit's follow-up would not be seen yet (READ COMMITTED).
  if (submit && postgres)
    await sql(manager, 'SELECT id FROM projects WHERE id = ? FOR UPDATE', [id]);
  const [row] = await sql<Record<string, string | number | Date | null>>(
    manager,
    `SELECT ${Object.values(SCHEDULE).join(', ')}${same} FROM projects WHERE id = ?`,
    submit
      ? [submit.text, submit.since, submit.authorUserId ?? 0, submit.authorContactId ?? 0, id]
      : [id],
  );
  if (!row) return null;
  const project = new Project();
  project.id = id;
  const values = project as unknown as Record<Field, unknown>;
  for (const field of FIELDS) {
    const value = row[SCHEDULE[field]];
    if (field === 'cadenceDays') values[field] = Number(value);
    else if (TEXT.includes(field)) values[field] = value;
    else values[field] = rawDate(value as Date | string | null);
  }
  const sameId = row.same_follow_up_id;
  return {
    project,
    sameFollowUpId: sameId === null || sameId === undefined ? null : Number(sameId),
  };
}

/** Writes the status and schedule columns that differ from before, in one UPDATE (or none). */
export async function saveSchedule(
  manager: EntityManager,
  before: Project,
  after: Project,
): Promise<void> {
  const changed = Object.keys(diff(before, after, FIELDS)) as Field[];
  if (changed.length === 0) return;
  await sql(
    manager,
    `UPDATE projects SET ${changed.map((f) => `${SCHEDULE[f]} = ?`).join(', ')},
            updated_at = CURRENT_TIMESTAMP
      WHERE id = ?`,
    [...changed.map((f) => after[f] as SqlValue), after.id],
  );
}

/** Inserts the follow-up and answers its id: one INSERT (save() would reload created_at after). */
export function insertFollowUp(manager: EntityManager, followUp: FollowUp): Promise<number> {
  return insertReturningId(
    manager,
    `INSERT INTO follow_ups (project_id, date, at, author_user_id, author_contact_id, author_label,
                             text, status_from, status_to, next_step, next_step_due, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      followUp.projectId,
      followUp.date,
      followUp.at,
      followUp.authorUserId,
      followUp.authorContactId,
      followUp.authorLabel,
      followUp.text,
      followUp.statusFrom,
      followUp.statusTo,
      followUp.nextStep,
      followUp.nextStepDue,
      followUp.createdAt,
    ],
  );
}
