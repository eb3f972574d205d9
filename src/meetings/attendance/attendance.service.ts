import { Injectable } from '@nestjs/common';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Transactions } from '../../database/transactions';
import {
  type AttendeeRow,
  entriesState,
  meetingForAttendance,
  replaceAttendees,
  setAttendance,
} from './attendance.queries';
import { insertInvitations } from '../invitations/invitations.queries';
import { countInvitations, InvitationCounts, InvitationResponse } from '../meeting.mappers';
import { MeetingsService } from '../meetings.service';
import type { RecordAttendanceDto } from './record-attendance.dto';

/**
 * Attendance after the meeting: who was present, excused or absent, and the people who came. The
 * whole sheet is written in one transaction with a constant handful of statements
 * (attendance-statements.ts), whatever the number of partners.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Attendance after the meeting, many partners at once: present / excused / absent, with the
   * contacts who came. Partners present without an invitation get an (uninvited) row.
   */
  recordAttendance(
    meetingId: number,
    dto: RecordAttendanceDto,
    user?: User,
  ): Promise<{ counts: InvitationCounts; items: InvitationResponse[] }> {
    return this.transactions
      .run(async (manager) => {
        const meeting = await meetingForAttendance(manager, meetingId);
        if (!meeting) throw new NotFoundError('meeting', meetingId);
        if (meeting.status === 'cancelled') {
          throw new RuleViolationError('errors.meeting.cancelled', 'status');
        }
        if (this.clock.now() < meeting.startsAt) {
          throw new RuleViolationError('errors.meeting.attendanceBeforeStart', 'startsAt');
        }
        const seen = new Set<number>();
        dto.entries.forEach((entry, index) => {
          if (seen.has(entry.partnerId)) {
            throw new RuleViolationError(
              'errors.attendance.partnerTwice',
              `entries.${index}.partnerId`,
            );
          }
          seen.add(entry.partnerId);
        });
        const named = dto.entries.flatMap((e) => [
          ...(e.contactIds ?? []),
          ...(e.guests ?? []).flatMap((g) => g.replacesContactId ?? []),
        ]);
        const { known, invitationOf, contactById } = await entriesState(
          manager,
          meetingId,
          [...seen],
          [...new Set(named)],
        );
        checkAttendance(dto, known, invitationOf, contactById);
        const walkIns = dto.entries.filter((e) => !invitationOf.has(e.partnerId));
        if (walkIns.length) {
          const ids = await insertInvitations(
            manager,
            walkIns.map((e) => ({
              meetingId,
              partnerId: e.partnerId,
              invited: false,
              tokenHash: null,
              tokenIssuedAt: null,
            })),
          );
          walkIns.forEach((e, index) => invitationOf.set(e.partnerId, ids[index]));
        }
        const statusOf = new Map(
          dto.entries.map((e) => [invitationOf.get(e.partnerId)!, e.status] as const),
        );
        await setAttendance(manager, statusOf, this.clock.now());
        const rows = dto.entries.flatMap((entry): AttendeeRow[] => {
          const invitationId = invitationOf.get(entry.partnerId)!;
          return [
            ...[...new Set(entry.contactIds ?? [])].map((id) => ({
              invitationId,
              contactId: id,
              fullName: contactById.get(id)!.fullName,
              replacesContactId: null,
              replacesName: null,
            })),
            ...(entry.guests ?? []).map((guest) => ({
              invitationId,
              contactId: null,
              fullName: guest.fullName.trim(),
              replacesContactId: guest.replacesContactId ?? null,
              replacesName:
                guest.replacesContactId !== undefined
                  ? contactById.get(guest.replacesContactId)!.fullName
                  : null,
            })),
          ];
        });
        await replaceAttendees(manager, [...statusOf.keys()], rows);
        await this.meetings.markHeld(manager, meeting);
        await this.audit.record(manager, actorOf(user), {
          entityType: 'meeting',
          entityId: meetingId,
          action: 'update',
          changes: {
            attendance: {
              before: null,
              after: dto.entries.map((e) => ({ partnerId: e.partnerId, status: e.status })),
            },
          },
        });
      })
      .then(async () => {
        // The meeting was there when the transaction committed: no second look at it.
        const items = await this.meetings.invitationsOf(meetingId);
        return { counts: countInvitations(items), items };
      });
  }
}

/** The rules of an attendance sheet, checked on what was read (no further query). */
function checkAttendance(
  dto: RecordAttendanceDto,
  known: Set<number>,
  invitationOf: Map<number, number>,
  contactById: Map<number, { partnerId: number }>,
): void {
  const ofPartner = (contactId: number | undefined, partnerId: number) =>
    contactId !== undefined && contactById.get(contactId)?.partnerId === partnerId;
  dto.entries.forEach((entry, index) => {
    const at = `entries.${index}`;
    if (!known.has(entry.partnerId)) {
      throw new RuleViolationError(
        { key: 'errors.partner.missing', params: { id: entry.partnerId } },
        `${at}.partnerId`,
      );
    }
    if (!invitationOf.has(entry.partnerId) && entry.status !== 'present') {
      throw new RuleViolationError('errors.attendance.uninvitedPresent', `${at}.status`);
    }
    const people = (entry.contactIds?.length ?? 0) + (entry.guests?.length ?? 0);
    if (entry.status !== 'present' && people > 0) {
      throw new RuleViolationError('errors.attendance.peopleOnlyPresent', `${at}.contactIds`);
    }
    (entry.contactIds ?? []).forEach((id, k) => {
      if (!ofPartner(id, entry.partnerId)) {
        throw new RuleViolationError('errors.contact.notOfPartner', `${at}.contactIds.${k}`);
      }
    });
    (entry.guests ?? []).forEach((guest, k) => {
      if (
        guest.replacesContactId !== undefined &&
        !ofPartner(guest.replacesContactId, entry.partnerId)
      ) {
        throw new RuleViolationError(
          'errors.contact.notOfPartner',
          `${at}.guests.${k}.replacesContactId`,
        );
      }
    });
  });
}
