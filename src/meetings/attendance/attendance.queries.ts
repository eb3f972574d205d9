import type { EntityManager } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../meeting-kinds';
import type { Meeting } from '../meeting.entity';

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
    startsAt: rawDate(row.starts_at)!,
    sequence: Number(row.sequence),
  };
}

export interface EntriesState {
  /** The partners that exist. */
  known: Set<number>;
  /** Partner id → its invitation to the meeting, when it has one. */
  invitationOf: Map<number, number>;
  /** The contacts named in the entries (who came, who is replaced): their partner and name. */
  contactById: Map<number, { partnerId: number; fullName: string }>;
}

/** What the rules of an attendance sheet need to know, in one statement. */
export async function entriesState(
  manager: EntityManager,
  meetingId: number,
  partnerIds: number[],
  contactIds: number[],
): Promise<EntriesState> {
  const contacts = contactIds.length
    ? `UNION ALL SELECT 'contact', c.id, c.partner_id, c.full_name FROM contacts c WHERE c.id IN (?)`
    : '';
  const rows = await sql<{ kind: string; id: number; ref: number | null; name: string | null }>(
    manager,
    `SELECT 'partner' AS kind, p.id AS id, i.id AS ref, NULL AS name FROM partners p
       LEFT JOIN invitations i ON i.partner_id = p.id AND i.meeting_id = ?
      WHERE p.id IN (?) ${contacts}`,
    contactIds.length ? [meetingId, partnerIds, contactIds] : [meetingId, partnerIds],
  );
  const state: EntriesState = { known: new Set(), invitationOf: new Map(), contactById: new Map() };
  for (const row of rows) {
    const id = Number(row.id);
    if (row.kind === 'contact') {
      state.contactById.set(id, { partnerId: Number(row.ref), fullName: row.name! });
    } else {
      state.known.add(id);
      if (row.ref !== null) state.invitationOf.set(id, Number(row.ref));
    }
  }
  return state;
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
