import type { EntityManager } from 'typeorm';
import { dateOf, sql } from '../common/sql';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from './meeting-kinds';
import type { Meeting } from './meeting';

/**
 * The statements of recording attendance, hand-written: the whole write holds the one SQLite
 * connection, so it is a constant handful of statements whatever the number of partners, reading
 * only the columns the rules need (benchmark, BENCHMARKS.md).
 */

export type MeetingState = Pick<Meeting, 'id' | 'status' | 'startsAt' | 'sequence'>;

/** The meeting, its row locked on PostgreSQL (attendance and cancelling queue behind each other). */
export async function meetingForAttendance(
  manager: EntityManager,
  id: number,
): Promise<MeetingState | null> {
  const lock = manager.connection.options.type === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await sql<{
    status: Meeting['status'];
    starts_at: Date | string;
    sequence: number;
  }>(manager, `SELECT status, starts_at, sequence FROM meetings WHERE id = ?${lock}`, [id]);
  if (!row) return null;
  return {
    id,
    status: row.status,
    startsAt: dateOf(row.starts_at)!,
    sequence: Number(row.sequence),
  };
}

/** Which of the partners exist, and their invitation to the meeting when they have one. */
export async function partnersAndInvitations(
  manager: EntityManager,
  meetingId: number,
  partnerIds: number[],
): Promise<{ known: Set<number>; invitationOf: Map<number, number> }> {
  const rows = await sql<{ partner_id: number; invitation_id: number | null }>(
    manager,
    `SELECT p.id AS partner_id, i.id AS invitation_id FROM partners p
       LEFT JOIN invitations i ON i.partner_id = p.id AND i.meeting_id = ?
      WHERE p.id IN (?)`,
    [meetingId, partnerIds],
  );
  const invitationOf = new Map<number, number>();
  for (const row of rows) {
    if (row.invitation_id !== null)
      invitationOf.set(Number(row.partner_id), Number(row.invitation_id));
  }
  return { known: new Set(rows.map((r) => Number(r.partner_id))), invitationOf };
}

/** The contacts named in the entries (who came, who is replaced): their partner and name. */
export async function contactsByIds(
  manager: EntityManager,
  ids: number[],
): Promise<Map<number, { partnerId: number; fullName: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{ id: number; partner_id: number; full_name: string }>(
    manager,
    'SELECT id, partner_id, full_name FROM contacts WHERE id IN (?)',
    [ids],
  );
  return new Map(
    rows.map((c) => [Number(c.id), { partnerId: Number(c.partner_id), fullName: c.full_name }]),
  );
}

/** Every invitation's status in one UPDATE (statuses are the fixed list, never user text). */
export async function setAttendance(
  manager: EntityManager,
  statusOf: Map<number, AttendanceStatus>,
  at: Date,
): Promise<void> {
  const cases: string[] = [];
  const lists: number[][] = [];
  for (const status of ATTENDANCE_STATUSES) {
    const ids = [...statusOf].filter(([, s]) => s === status).map(([id]) => id);
    if (ids.length) {
      cases.push(`WHEN id IN (?) THEN '${status}'`);
      lists.push(ids);
    }
  }
  await sql(
    manager,
    `UPDATE invitations SET attendance = CASE ${cases.join(' ')} END,
            attendance_recorded_at = ?, updated_at = CURRENT_TIMESTAMP
      WHERE id IN (?)`,
    [...lists, at, [...statusOf.keys()]],
  );
}

export interface AttendeeRow {
  invitationId: number;
  contactId: number | null;
  fullName: string;
  replacesContactId: number | null;
  replacesName: string | null;
}

const INSERT_CHUNK = 200;

/** Replaces the people who came to these invitations: one DELETE, one multi-row INSERT. */
export async function replaceAttendees(
  manager: EntityManager,
  invitationIds: number[],
  rows: AttendeeRow[],
): Promise<void> {
  await sql(
    manager,
    "DELETE FROM invitation_attendees WHERE phase = 'attendance' AND invitation_id IN (?)",
    [invitationIds],
  );
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await sql(
      manager,
      `INSERT INTO invitation_attendees
              (invitation_id, phase, contact_id, full_name, replaces_contact_id, replaces_name)
       VALUES ${chunk.map(() => "(?, 'attendance', ?, ?, ?, ?)").join(', ')}`,
      chunk.flatMap((r) => [
        r.invitationId,
        r.contactId,
        r.fullName,
        r.replacesContactId,
        r.replacesName,
      ]),
    );
  }
}
