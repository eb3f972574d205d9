import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuditChanges } from '../audit/audit-entry.entity';
import { actorOf, AuditService, diff } from '../audit/audit.service';
import type { User } from '../auth/users/user.entity';
import { Clock } from '../common/clock';
import { NotFoundError, RuleViolationError } from '../common/domain-errors';
import { assertCoordinates } from '../partners/partner-rules';
import { Page, pageOf } from '../common/pagination';
import { Transactions } from '../database/transactions';
import { AgendaItem } from './agenda/agenda-item.entity';
import type { CreateMeetingDto } from './create-meeting.dto';
import { InvitationMails } from './invitations/invitation-mails';
import type { ListMeetingsQueryDto } from './list-meetings-query.dto';
import { Meeting } from './meeting.entity';
import { MeetingCancellationHooks } from './meeting-cancellation.hooks';
import { lockedMeeting } from './meeting-locks.queries';
import {
  AgendaRow,
  InvitationRow,
  meetingReadSql,
  MeetingRow,
  meetingsPage,
} from './meeting-read.queries';
import {
  AgendaItemResponse,
  agendaRowResponse,
  countInvitations,
  InvitationCounts,
  invitationRowsResponse,
  InvitationResponse,
  meetingRowResponse,
  MeetingResponse,
  toMeetingResponse,
} from './meeting.mappers';
import type { UpdateMeetingDto } from './update-meeting.dto';

export interface MeetingDetail {
  meeting: MeetingResponse;
  counts: InvitationCounts;
  invitations: InvitationResponse[];
  agenda: AgendaItemResponse[];
}

const AUDITED_FIELDS = [
  'title',
  'kind',
  'description',
  'startsAt',
  'endsAt',
  'venueName',
  'venueAddress',
  'latitude',
  'longitude',
  'onlineUrl',
  'status',
  'cancelReason',
  'closedAt',
  'closedByUserId',
];

/** The fields whose change is mailed to invited partners (the .ics's DTSTART, DTEND, LOCATION). */
const CALENDAR_FIELDS = ['startsAt', 'endsAt', 'venueName', 'venueAddress', 'onlineUrl'];

/** Meetings themselves: scheduling, status, cancellation, and the full record in one read. */
@Injectable()
export class MeetingsService {
  private readonly sql: ReturnType<typeof meetingReadSql>;

  constructor(
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
    @InjectRepository(AgendaItem) private readonly agendaItems: Repository<AgendaItem>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly mails: InvitationMails,
    private readonly cancellationHooks: MeetingCancellationHooks,
    private readonly clock: Clock,
  ) {
    this.sql = meetingReadSql(
      meetings.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite',
    );
  }

  async findMeeting(id: number): Promise<Meeting> {
    const meeting = await this.meetings.findOneBy({ id });
    if (!meeting) throw new NotFoundError('meeting', id);
    return meeting;
  }

  create(dto: CreateMeetingDto, user?: User): Promise<MeetingResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    checkTimes(startsAt, endsAt);
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(Meeting);
      const meeting = await repository.save(
        repository.create({
          title: dto.title.trim(),
          kind: dto.kind,
          description: dto.description ?? null,
          startsAt,
          endsAt,
          venueName: dto.venueName ?? null,
          venueAddress: dto.venueAddress ?? null,
          latitude: dto.latitude ?? null,
          longitude: dto.longitude ?? null,
          onlineUrl: dto.onlineUrl ?? null,
          status: 'planned',
          cancelReason: null,
          cancelledAt: null,
          sequence: 0,
        }),
      );
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: meeting.id,
        action: 'create',
        changes: diff({}, meeting, AUDITED_FIELDS),
      });
      return toMeetingResponse(meeting);
    });
  }

  update(id: number, dto: UpdateMeetingDto, user?: User): Promise<MeetingResponse> {
    return this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, id);
      if (meeting.status === 'cancelled') {
        throw new RuleViolationError('errors.meeting.cancelledUnchangeable', 'status');
      }
      const before = { ...meeting };
      const { status, startsAt, endsAt, ...fields } = dto;
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) (meeting as unknown as Record<string, unknown>)[key] = value;
      }
      if (meeting.title !== before.title) meeting.title = meeting.title.trim();
      assertCoordinates(meeting);
      if (startsAt !== undefined) meeting.startsAt = new Date(startsAt);
      if (endsAt !== undefined) meeting.endsAt = new Date(endsAt);
      checkTimes(meeting.startsAt, meeting.endsAt, endsAt !== undefined ? 'endsAt' : 'startsAt');
      if (status !== undefined && status !== meeting.status) {
        this.checkTransition(meeting, status);
        meeting.status = status;
        // Closed through the API: when and by whom, as the closing page stores it.
        meeting.closedAt = status === 'closed' ? this.clock.now() : null;
        meeting.closedByUserId = status === 'closed' ? (user?.id ?? null) : null;
      }
      // A held meeting has taken place: moved to a later day, it would certify a future presence.
      if (meeting.status !== 'planned' && this.clock.now() < meeting.startsAt) {
        throw new RuleViolationError('errors.meeting.heldCannotStartLater', 'startsAt');
      }
      const changes = diff(before, meeting, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return toMeetingResponse(meeting);
      meeting.sequence += 1;
      // An occurrence of a series changed on its own: the series' later edits leave it alone.
      if (meeting.seriesId !== null && CALENDAR_FIELDS.some((field) => field in changes)) {
        meeting.occurrenceMoved = true;
      }
      const saved = await manager.getRepository(Meeting).save(meeting);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: id,
        action: 'update',
        changes,
      });
      if (this.invitedNeedUpdate(before, saved, changes)) {
        await this.mails.updated(manager, saved, before);
      }
      return toMeetingResponse(saved);
    });
  }

  /**
   * Invited partners get the new calendar entry when a planned meeting, not yet started, changes
   * its time or place; a new title or description alone is not worth a mail.
   */
  private invitedNeedUpdate(before: Meeting, after: Meeting, changes: AuditChanges): boolean {
    if (before.status !== 'planned' || after.status !== 'planned') return false;
    if (this.clock.now() >= before.startsAt) return false;
    return CALENDAR_FIELDS.some((field) => field in changes);
  }

  cancel(id: number, reason: string, user?: User): Promise<MeetingResponse> {
    return this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, id);
      if (meeting.status === 'cancelled') {
        throw new RuleViolationError('errors.meeting.alreadyCancelled', 'status');
      }
      if (meeting.status !== 'planned') {
        throw new RuleViolationError('errors.meeting.cancelNotPlanned', 'status');
      }
      const before = { ...meeting };
      meeting.status = 'cancelled';
      meeting.cancelReason = reason.trim();
      meeting.cancelledAt = this.clock.now();
      meeting.sequence += 1;
      const saved = await manager.getRepository(Meeting).save(meeting);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: id,
        action: 'update',
        changes: diff(before, meeting, AUDITED_FIELDS),
      });
      // Themes planned on its agenda go back to where they were, in this same transaction.
      await this.cancellationHooks.run(manager, saved, user);
      await this.mails.cancelled(manager, saved);
      return toMeetingResponse(saved);
    });
  }

  /** Moves planned → held once it has started (used when attendance is recorded). */
  async markHeld(
    manager: EntityManager,
    meeting: Pick<Meeting, 'id' | 'status' | 'sequence'>,
  ): Promise<void> {
    if (meeting.status !== 'planned') return;
    meeting.status = 'held';
    meeting.sequence += 1;
    await manager
      .getRepository(Meeting)
      .update({ id: meeting.id }, { status: 'held', sequence: meeting.sequence });
  }

  async list(query: ListMeetingsQueryDto): Promise<Page<MeetingResponse>> {
    const [items, total] = await meetingsPage(this.meetings.manager, query, this.clock.now());
    return pageOf(items.map(toMeetingResponse), total, query);
  }

  /**
   * The meeting with its invitations (partner names, answers, who comes, who came), counts and
   * agenda: three statements whatever the number of partners, read as raw rows (the hottest read
   * of the API: no query building nor entity hydration).
   */
  async detail(id: number): Promise<MeetingDetail> {
    return (await this.detailAndSeries(id)).detail;
  }

  /** The detail, and the series the meeting belongs to (the hub names it), read alike. */
  async detailAndSeries(id: number): Promise<{ detail: MeetingDetail; seriesId: number | null }> {
    const [meetings, invitations, agenda] = await Promise.all([
      this.meetings.query<MeetingRow[]>(this.sql.meeting, [id]),
      this.invitationsOf(id),
      this.agendaOf(id),
    ]);
    if (meetings.length === 0) throw new NotFoundError('meeting', id);
    const detail = {
      meeting: meetingRowResponse(meetings[0]),
      counts: countInvitations(invitations),
      invitations,
      agenda,
    };
    return { detail, seriesId: meetings[0].series_id };
  }

  /** Every invitation of the meeting with partner names and attendees: one statement. */
  async invitationsOf(meetingId: number): Promise<InvitationResponse[]> {
    const rows: InvitationRow[] = await this.meetings.query(this.sql.invitations, [meetingId]);
    return invitationRowsResponse(rows);
  }

  /** The agenda in order, with each presenter's name and partner: one statement. */
  async agendaOf(meetingId: number): Promise<AgendaItemResponse[]> {
    const rows: AgendaRow[] = await this.meetings.query(this.sql.agenda, [meetingId]);
    return rows.map(agendaRowResponse);
  }

  agendaItemById(id: number): Promise<AgendaItem | null> {
    return this.agendaItems.findOneBy({ id });
  }

  private checkTransition(meeting: Meeting, status: 'held' | 'closed'): void {
    if (status === 'held') {
      if (meeting.status !== 'planned' && meeting.status !== 'closed') {
        throw new RuleViolationError(
          {
            key: 'errors.meeting.cannotBeHeld',
            params: { status: { key: `meetings.status.${meeting.status}` } },
          },
          'status',
        );
      }
      if (this.clock.now() < meeting.startsAt) {
        throw new RuleViolationError('errors.meeting.notStarted', 'status');
      }
    }
    if (status === 'closed' && meeting.status !== 'held') {
      throw new RuleViolationError('errors.meeting.closeNotHeld', 'status');
    }
  }
}

function checkTimes(startsAt: Date, endsAt: Date, field = 'endsAt'): void {
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw new RuleViolationError('errors.meeting.endBeforeStart', field);
  }
}
