import type { EntityManager } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { Invitation } from '../invitations/invitation.entity';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../meeting-kinds';
import type { Meeting } from '../meeting.entity';

/**
 * The statements of attendance. Recording it, hand-written: the whole write holds the one SQLite
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

// ---- reading attendance: participation, weak ties, a partner's meetings ------------------------
// The rules of these reads (periods, thresholds, rates) live in ParticipationService and
// PartnerAttendanceService.

/**
 * Each partner's invitations to held (or closed) meetings starting in [from, to), counted by
 * attendance, by partner name: one grouped statement.
 */
export function participationCounts(
  manager: EntityManager,
  from: Date,
  to: Date,
): Promise<Record<string, string | number>[]> {
  return manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .innerJoin('i.meeting', 'm')
    .innerJoin('i.partner', 'p')
    .select('p.id', 'partnerId')
    .addSelect('p.name', 'partnerName')
    .addSelect('SUM(CASE WHEN i.invited = :yes THEN 1 ELSE 0 END)', 'invited')
    .addSelect("SUM(CASE WHEN i.attendance = 'present' THEN 1 ELSE 0 END)", 'present')
    .addSelect("SUM(CASE WHEN i.attendance = 'excused' THEN 1 ELSE 0 END)", 'excused')
    .addSelect("SUM(CASE WHEN i.attendance = 'absent' THEN 1 ELSE 0 END)", 'absent')
    .addSelect('SUM(CASE WHEN i.attendance IS NULL THEN 1 ELSE 0 END)', 'unrecorded')
    .addSelect(
      "SUM(CASE WHEN i.invited = :no AND i.attendance = 'present' THEN 1 ELSE 0 END)",
      'presentUninvited',
    )
    .where("m.status IN ('held', 'closed')")
    .andWhere('m.startsAt >= :from AND m.startsAt < :to', { from, to })
    .setParameters({ yes: true, no: false })
    .groupBy('p.id')
    .addGroupBy('p.name')
    .addGroupBy('p.nameKey')
    .orderBy('p.nameKey', 'ASC')
    .getRawMany<Record<string, string | number>>();
}

/** An active partner's invitation to a held (or closed) meeting, as the weak ties read it. */
export interface HeldInvitationRow {
  partnerId: number;
  partnerName: string;
  meetingId: number;
  title: string;
  startsAt: string | Date;
  attendance: string | null;
  invited: boolean | number;
}

/**
 * Every invitation of the active partners to held (or closed) meetings, by partner then latest
 * meeting first: one statement.
 */
export function heldInvitationsOfActivePartners(
  manager: EntityManager,
): Promise<HeldInvitationRow[]> {
  return manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .innerJoin('i.meeting', 'm')
    .innerJoin('i.partner', 'p')
    .select('p.id', 'partnerId')
    .addSelect('p.name', 'partnerName')
    .addSelect('m.id', 'meetingId')
    .addSelect('m.title', 'title')
    .addSelect('m.startsAt', 'startsAt')
    .addSelect('i.attendance', 'attendance')
    .addSelect('i.invited', 'invited')
    .where("m.status IN ('held', 'closed')")
    .andWhere('p.active = :yes AND p.archivedAt IS NULL', { yes: true })
    .orderBy('p.id', 'ASC')
    .addOrderBy('m.startsAt', 'DESC')
    .getRawMany<HeldInvitationRow>();
}

/** A partner's invitations with their meeting, latest meeting first, one page: one statement. */
export function partnerInvitationsPage(
  manager: EntityManager,
  partnerId: number,
  limit: number,
  offset: number,
): Promise<Invitation[]> {
  return manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .innerJoinAndSelect('i.meeting', 'm')
    .where('i.partnerId = :partnerId', { partnerId })
    .orderBy('m.startsAt', 'DESC')
    .addOrderBy('m.id', 'DESC')
    .limit(limit)
    .offset(offset)
    .getMany();
}

/** How many invitations a partner has, and how many recorded present, excused, absent: one statement. */
export function partnerAttendanceCounts(
  manager: EntityManager,
  partnerId: number,
): Promise<Record<string, string | number | null> | undefined> {
  return manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .select('COUNT(*)', 'meetings')
    .addSelect("SUM(CASE WHEN i.attendance = 'present' THEN 1 ELSE 0 END)", 'present')
    .addSelect("SUM(CASE WHEN i.attendance = 'excused' THEN 1 ELSE 0 END)", 'excused')
    .addSelect("SUM(CASE WHEN i.attendance = 'absent' THEN 1 ELSE 0 END)", 'absent')
    .where('i.partnerId = :partnerId', { partnerId })
    .getRawOne<Record<string, string | number | null>>();
}
