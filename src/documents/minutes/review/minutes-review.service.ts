import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../../audit/audit.service';
import type { User } from '../../../auth/users/user.entity';
import { calendarDayInZone, nextDay, startOfDayInZone } from '../../../common/calendar-days';
import { Clock } from '../../../common/clock';
import { NotFoundError, RuleViolationError } from '../../../common/domain-errors';
import { AppConfig } from '../../../config/app-config';
import { Transactions } from '../../../database/transactions';
import { MeetingsQueries } from '../../../meetings/meetings.queries';
import { PartnersQueries } from '../../../partners/partners.queries';
import { MinutesService } from '../minutes.service';
import type { UpdateMinutesDraftDto } from '../minutes.dto';
import { MinutesReviewMail } from './minutes-review-mail';
import { MinutesReviewProposal } from './minutes-review-proposal.entity';
import { MinutesReviewReader } from './minutes-review-reader.entity';
import { MinutesReviewRound } from './minutes-review-round.entity';
import type { DecideProposalDto, OpenReviewDto, ProposeDto } from './minutes-review.dto';
import {
  currentRound,
  latestRound,
  markOpened,
  proposalsOf,
  readersOf,
  unpublishedRoundsOfContact,
} from './minutes-review.queries';
import { buildRoundView, ReviewInvitation, ReviewRoundView } from './minutes-review.view-model';
import { fieldText, paragraphsOf, replaceParagraph } from './review-paragraphs';

/**
 * The review round of a meeting's minutes: staff open it on the draft with a deadline (the
 * draft's wording is frozen into paragraphs and the contacts recorded present are mailed a
 * portal link), the attendees propose comments or replacement texts paragraph by paragraph
 * until the deadline, staff accept (a suggestion is then written into the draft) or reject with
 * a reason, close it early if they wish, and publish: the version records the round
 * (MinutesReviewRecord).
 */
@Injectable()
export class MinutesReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly minutes: MinutesService,
    private readonly meetings: MeetingsQueries,
    private readonly partners: PartnersQueries,
    private readonly mail: MinutesReviewMail,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The meeting's round still to be published (staff view, every proposal), or null. */
  async round(meetingId: number): Promise<ReviewRoundView | null> {
    const manager = this.dataSource.manager;
    if (!(await this.meetings.meetingExists(meetingId, manager)))
      throw new NotFoundError('meeting', meetingId);
    const round = await currentRound(manager, meetingId);
    return round ? this.view(manager, round) : null;
  }

  async open(meetingId: number, dto: OpenReviewDto, user: User): Promise<ReviewRoundView> {
    const now = this.clock.now();
    const today = calendarDayInZone(now, this.config.timeZone);
    if (dto.deadline < today)
      throw new RuleViolationError('errors.minutesReview.deadlinePast', 'deadline');
    const { draft } = await this.minutes.draft(meetingId);
    const paragraphs = paragraphsOf(draft);
    const round = await this.transactions.run(async (manager) => {
      const meeting = await this.meetings.lockedMeeting(meetingId, manager);
      if (meeting.status === 'cancelled')
        throw new RuleViolationError('errors.minutes.cancelled', 'meetingId');
      if (meeting.startsAt.getTime() > now.getTime())
        throw new RuleViolationError('errors.minutes.notYetHeld', 'meetingId');
      const current = await currentRound(manager, meetingId);
      if (current?.status === 'open')
        throw new RuleViolationError('errors.minutesReview.alreadyOpen', 'meetingId');
      if (paragraphs.length === 0)
        throw new RuleViolationError('errors.minutesReview.nothingToReview', 'meetingId');
      const present = await this.meetings.presentContactIds(meetingId, manager);
      if (present.length === 0)
        throw new RuleViolationError('errors.minutesReview.noAttendees', 'meetingId');
      const rounds = manager.getRepository(MinutesReviewRound);
      const saved = await rounds.save(
        rounds.create({
          meetingId,
          status: 'open',
          deadlineDay: dto.deadline,
          deadline: startOfDayInZone(nextDay(dto.deadline), this.config.timeZone),
          paragraphs,
          openedAt: now,
          openedByUserId: user.id,
          closedAt: null,
          reminderSentAt: null,
          publishedVersion: null,
        }),
      );
      await manager
        .getRepository(MinutesReviewReader)
        .insert(present.map((contactId) => ({ roundId: saved.id, contactId, openedAt: null })));
      const mailed = await this.mail.send(manager, saved, meeting.title, present, false);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'minutes-review',
        entityId: saved.id,
        action: 'create',
        changes: {
          meetingId: { before: null, after: meetingId },
          deadline: { before: null, after: dto.deadline },
          mailed: { before: null, after: mailed },
        },
      });
      return saved;
    });
    return this.view(this.dataSource.manager, round);
  }

  /** Staff end the round before its deadline: no proposal from then on. */
  async close(meetingId: number, user: User): Promise<ReviewRoundView> {
    const round = await this.transactions.run(async (manager) => {
      await this.meetings.lockedMeeting(meetingId, manager);
      const current = await currentRound(manager, meetingId);
      if (!current || current.status !== 'open')
        throw new RuleViolationError('errors.minutesReview.notOpen', 'meetingId');
      current.status = 'closed';
      current.closedAt = this.clock.now();
      await manager.getRepository(MinutesReviewRound).save(current);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'minutes-review',
        entityId: current.id,
        action: 'update',
        changes: { status: { before: 'open', after: 'closed' } },
      });
      return current;
    });
    return this.view(this.dataSource.manager, round);
  }

  /**
   * Accepts or rejects a pending proposal (a reason is required to reject; it is shown to the
   * author). Accepting a suggestion writes it into the draft in place of the frozen paragraph;
   * if staff reworded that paragraph since the round opened, they carry the suggestion over by
   * hand first (the acceptance is refused until the draft holds the suggested text).
   */
  async decide(
    meetingId: number,
    proposalId: number,
    dto: DecideProposalDto,
    user: User,
  ): Promise<ReviewRoundView> {
    const reason = dto.reason?.trim() || null;
    if (dto.decision === 'rejected' && !reason)
      throw new RuleViolationError('errors.minutesReview.reasonRequired', 'reason');
    const manager = this.dataSource.manager;
    const { round, proposal } = await this.pendingProposal(manager, meetingId, proposalId);
    if (dto.decision === 'accepted' && proposal.kind === 'suggestion')
      await this.applySuggestion(meetingId, round, proposal, user);
    await this.transactions.run(async (tx) => {
      const again = await this.pendingProposal(tx, meetingId, proposalId);
      const repository = tx.getRepository(MinutesReviewProposal);
      await repository.update(again.proposal.id, {
        status: dto.decision,
        reason,
        decidedAt: this.clock.now(),
        decidedByUserId: user.id,
      });
      await this.audit.record(tx, actorOf(user), {
        entityType: 'minutes-review-proposal',
        entityId: proposalId,
        action: 'update',
        changes: { status: { before: 'pending', after: dto.decision } },
      });
    });
    return this.view(manager, round);
  }

  /**
   * What an attendee sees: the latest round of the meeting if they were invited to it (else not
   * found, as for any meeting they were not at), with their own proposals. Records their first
   * reading.
   */
  async forContact(meetingId: number, contactId: number): Promise<ReviewRoundView> {
    const manager = this.dataSource.manager;
    const { round, reader } = await this.readerRound(manager, meetingId, contactId);
    if (!reader.openedAt) {
      await this.transactions.run((tx) => markOpened(tx, reader.id, this.clock.now()));
      reader.openedAt = this.clock.now();
    }
    return this.view(manager, round, contactId);
  }

  /** The rounds under way that invited this contact, for the portal's home (at most 10). */
  async roundsOfContact(contactId: number): Promise<ReviewInvitation[]> {
    const manager = this.dataSource.manager;
    const rounds = await unpublishedRoundsOfContact(manager, contactId, 10);
    const meetings = await this.meetings.meetingsByIds(
      rounds.map((r) => r.meetingId),
      manager,
    );
    const titles = new Map(meetings.map((m) => [m.id, m.title]));
    const now = this.clock.now().getTime();
    return rounds.map((r) => ({
      meetingId: r.meetingId,
      meetingTitle: titles.get(r.meetingId) ?? '',
      deadlineDay: r.deadlineDay,
      acceptsProposals: r.status === 'open' && now < r.deadline.getTime(),
      path: `/portal/reviews/${r.meetingId}`,
    }));
  }

  /** An attendee's proposal on one paragraph, while the round is open and before its deadline. */
  async propose(meetingId: number, contactId: number, dto: ProposeDto): Promise<ReviewRoundView> {
    const text = dto.text.replace(/\r\n?/g, '\n').trim();
    if (!text) throw new RuleViolationError('errors.minutesReview.textRequired', 'text');
    const round = await this.transactions.run(async (manager) => {
      const { round, reader } = await this.readerRound(manager, meetingId, contactId);
      const now = this.clock.now();
      if (round.status !== 'open' || now.getTime() >= round.deadline.getTime())
        throw new RuleViolationError('errors.minutesReview.closed', 'text');
      if (!round.paragraphs.some((p) => p.index === dto.paragraph))
        throw new RuleViolationError('errors.minutesReview.unknownParagraph', 'paragraph');
      const repository = manager.getRepository(MinutesReviewProposal);
      await repository.save(
        repository.create({
          roundId: round.id,
          contactId,
          paragraph: dto.paragraph,
          kind: dto.kind,
          body: text,
          status: 'pending',
          reason: null,
          createdAt: now,
          decidedAt: null,
          decidedByUserId: null,
        }),
      );
      await markOpened(manager, reader.id, now);
      return round;
    });
    return this.view(this.dataSource.manager, round, contactId);
  }

  private async readerRound(
    manager: EntityManager,
    meetingId: number,
    contactId: number,
  ): Promise<{ round: MinutesReviewRound; reader: MinutesReviewReader }> {
    const round = await latestRound(manager, meetingId);
    const reader = round
      ? await manager.getRepository(MinutesReviewReader).findOneBy({ roundId: round.id, contactId })
      : null;
    if (!round || !reader) throw new NotFoundError('minutesReview');
    return { round, reader };
  }

  private async pendingProposal(
    manager: EntityManager,
    meetingId: number,
    proposalId: number,
  ): Promise<{ round: MinutesReviewRound; proposal: MinutesReviewProposal }> {
    const proposal = await manager
      .getRepository(MinutesReviewProposal)
      .findOneBy({ id: proposalId });
    const round = proposal
      ? await manager.getRepository(MinutesReviewRound).findOneBy({ id: proposal.roundId })
      : null;
    if (!proposal || !round || round.meetingId !== meetingId)
      throw new NotFoundError('minutesProposal', proposalId);
    if (round.status === 'published')
      throw new RuleViolationError('errors.minutesReview.published', 'decision');
    if (proposal.status !== 'pending')
      throw new RuleViolationError('errors.minutesReview.alreadyDecided', 'decision');
    return { round, proposal };
  }

  private async applySuggestion(
    meetingId: number,
    round: MinutesReviewRound,
    proposal: MinutesReviewProposal,
    user: User,
  ): Promise<void> {
    const paragraph = round.paragraphs.find((p) => p.index === proposal.paragraph);
    if (!paragraph)
      throw new RuleViolationError('errors.minutesReview.unknownParagraph', 'decision');
    const { draft } = await this.minutes.draft(meetingId);
    const current = fieldText(draft, paragraph);
    if (current?.includes(proposal.body)) return; // carried over by hand already
    const replaced = replaceParagraph(current, paragraph.text, proposal.body);
    if (replaced === null)
      throw new RuleViolationError('errors.minutesReview.paragraphChanged', 'decision');
    const change: UpdateMinutesDraftDto =
      paragraph.field === 'introduction' || paragraph.field === 'conclusion'
        ? { [paragraph.field]: replaced }
        : { items: [{ agendaItemId: paragraph.agendaItemId!, [paragraph.field]: replaced }] };
    await this.minutes.updateDraft(meetingId, change, user);
  }

  private async view(
    manager: EntityManager,
    round: MinutesReviewRound,
    contactId?: number,
  ): Promise<ReviewRoundView> {
    const [readers, proposals] = await Promise.all([
      readersOf(manager, round.id),
      proposalsOf(manager, round.id, contactId),
    ]);
    const contacts = await this.partners.contactsByIds(
      readers.map((r) => r.contactId),
      {},
      manager,
    );
    const names = new Map(contacts.map((c) => [c.id, c.fullName]));
    const view = buildRoundView(round, readers, proposals, names, this.clock.now());
    // An attendee sees the round's state, not who else opened it.
    return contactId === undefined ? view : { ...view, readers: [] };
  }
}
