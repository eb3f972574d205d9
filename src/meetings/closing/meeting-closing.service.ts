import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { UsersQueries } from '../../auth/users.queries';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Transactions } from '../../database/transactions';
import type { Meeting } from '../meeting.entity';
import { ClosingStepStatus, MeetingClosingChecks } from './meeting-closing.checks';
import {
  attendanceProgress,
  countMeetingsToClose,
  markClosed,
  meetingToClose,
} from './meeting-closing.queries';
import { lockedMeeting } from '../meeting-locks.queries';

/** Where a meeting stands in its closing: what the hub shows and the closing refuses by. */
export interface ClosingProgress {
  /** not-started and cancelled cannot close; open can once its steps are done. */
  state: 'not-started' | 'cancelled' | 'open' | 'closed';
  /** Invited partners, and how many have their attendance recorded. */
  invited: number;
  attendanceRecorded: boolean;
  /** The steps other features ask for (minutes draft...), in order. */
  steps: { step: string; done: boolean }[];
  /** Every step done: the closing button can be pressed. */
  ready: boolean;
  closedAt: string | null;
  closedByName: string | null;
}

/** A past meeting neither closed nor cancelled still has to be closed. */
export function needsClosing(
  meeting: { status: string; endsAt: string | Date },
  now: Date,
): boolean {
  return (
    (meeting.status === 'planned' || meeting.status === 'held') &&
    new Date(meeting.endsAt).getTime() <= now.getTime()
  );
}

/**
 * Closing a meeting ("Clôturer la réunion"): once it has started and is not cancelled, staff
 * record attendance, draft the minutes from the meeting record, then close it; the moment and
 * who closed are stored and audited. Steps are checked again in the closing transaction.
 */
@Injectable()
export class MeetingClosingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: MeetingClosingChecks,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly users: UsersQueries,
  ) {}

  async progress(meetingId: number): Promise<ClosingProgress> {
    const manager = this.dataSource.manager;
    const meeting = await meetingToClose(manager, meetingId);
    if (!meeting) throw new NotFoundError('meeting', meetingId);
    return (await this.read(manager, meeting)).progress;
  }

  async close(meetingId: number, user: User): Promise<ClosingProgress> {
    await this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, meetingId);
      const { progress, missing } = await this.read(manager, meeting);
      refuseUnlessReady(progress, missing);
      const before = { status: meeting.status };
      const closedAt = this.clock.now();
      await markClosed(manager, meetingId, closedAt, user.id);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'update',
        changes: {
          status: { before: before.status, after: 'closed' },
          closedAt: { before: null, after: closedAt.toISOString() },
          closedByUserId: { before: null, after: user.id },
        },
      });
    });
    return this.progress(meetingId);
  }

  /** How many meetings have ended without being closed (nor cancelled): one statement. */
  countToClose(): Promise<number> {
    return countMeetingsToClose(this.dataSource.manager, this.clock.now());
  }

  /** The progress, and the first step another feature still waits for. */
  private async read(
    manager: EntityManager,
    meeting: Meeting,
  ): Promise<{ progress: ClosingProgress; missing: ClosingStepStatus | undefined }> {
    const meetingId = meeting.id;
    const { invited, recorded } = await attendanceProgress(manager, meetingId);
    const steps = await this.checks.status(manager, meetingId);
    // A meeting nobody was invited to has no attendance to record.
    const attendanceRecorded = recorded > 0 || invited === 0;
    const state =
      meeting.status === 'cancelled'
        ? 'cancelled'
        : meeting.closedAt !== null || meeting.status === 'closed'
          ? 'closed'
          : this.clock.now() < meeting.startsAt
            ? 'not-started'
            : 'open';
    const closedBy =
      meeting.closedByUserId === null
        ? null
        : await this.users.userDisplayName(meeting.closedByUserId, manager);
    const progress: ClosingProgress = {
      state,
      invited,
      attendanceRecorded,
      steps: steps.map(({ step, done }) => ({ step, done })),
      ready: state === 'open' && attendanceRecorded && steps.every((s) => s.done),
      closedAt: meeting.closedAt ? meeting.closedAt.toISOString() : null,
      closedByName: closedBy?.displayName ?? null,
    };
    return { progress, missing: steps.find((s) => !s.done) };
  }
}

function refuseUnlessReady(progress: ClosingProgress, missing: ClosingStepStatus | undefined) {
  if (progress.state === 'closed')
    throw new ConflictError(
      {
        key: 'errors.meetingClosing.alreadyClosed',
      },
      'status',
    );
  if (progress.state === 'cancelled')
    throw new RuleViolationError(
      {
        key: 'errors.meetingClosing.cancelled',
      },
      'status',
    );
  if (progress.state === 'not-started')
    throw new RuleViolationError(
      {
        key: 'errors.meetingClosing.notStarted',
      },
      'status',
    );
  if (!progress.attendanceRecorded)
    throw new RuleViolationError(
      {
        key: 'errors.meetingClosing.attendanceMissing',
      },
      'attendance',
    );
  if (missing)
    throw new RuleViolationError(
      {
        key: missing.refusal.key,
      },
      missing.step,
    );
}
