import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { NotFoundError, RuleViolationError, GoneError } from '../../common/domain-errors';
import { randomToken, sha256 } from '../../common/secrets';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import type { Partner } from '../../partners/partner.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import type { AnswerInvitationDto } from './answer-invitation.dto';
import type { CreateInvitationsDto } from './create-invitations.dto';
import type { Invitation } from './invitation.entity';
import type { InvitationAttendee } from '../attendance/invitation-attendee.entity';
import { InvitationMails } from './invitation-mails';
import {
  answerAttendees,
  findInvitation,
  insertInvitations,
  invitationByTokenHash,
  lockedInvitationOfPartner,
  meetingOfInvitation,
  partnerIdsWithInvitation,
  reloadInvitation,
  replaceAnswerAttendees,
  storeAnswer,
  storeAnswerLink,
} from './invitations.queries';
import type { Meeting } from '../meeting.entity';
import type { Answer } from '../meeting-kinds';
import { lockedMeeting } from '../meeting-locks.queries';
import { countInvitations, InvitationCounts, InvitationResponse } from '../meeting.mappers';
import { MeetingsService } from '../meetings.service';
import { comingInvitationsOfPartner } from '../series/series.queries';

export interface AnswerLink {
  invitationId: number;
  partnerId: number;
  partnerName: string;
  url: string;
}

export interface InviteResult {
  created: number;
  alreadyInvited: number;
  /** The personal answer links of the invitations just created (shown once: only hashes are kept). */
  links: AnswerLink[];
}

/** What the public answer page shows, or why it cannot be used any more. */
export type AnswerPageState =
  { state: 'open'; view: AnswerView } | { state: 'started' | 'cancelled'; view: AnswerView };

export interface AnswerView {
  meeting: {
    title: string;
    startsAt: Date;
    endsAt: Date;
    venueName: string | null;
    venueAddress: string | null;
    onlineUrl: string | null;
    cancelReason: string | null;
  };
  partnerName: string;
  answer: Answer | null;
  answerNote: string | null;
  contacts: { id: number; fullName: string; jobTitle: string | null; selected: boolean }[];
  guestName: string | null;
  replacesContactId: number | null;
  /** An occurrence of a series: the page offers the same answer for the whole series. */
  inSeries: boolean;
}

const INSERT_CHUNK = 200;

/**
 * Invitations and their answers. Each invitation has a personal link /r/<token>: 256 random bits,
 * of which only the SHA-256 is stored (like API tokens), so a copy of the database opens no link.
 * The plain link exists only when it is issued: at invitation time (returned to the organiser) or
 * when re-issued with issueAnswerLink (which replaces the previous link), e.g. by the mail outbox.
 * Attendance after the meeting is AttendanceService's.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnersQueries,
    private readonly meetings: MeetingsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly mails: InvitationMails,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  answerUrl(token: string): string {
    return `${this.config.publicUrl}/r/${token}`;
  }

  invite(meetingId: number, dto: CreateInvitationsDto, user?: User): Promise<InviteResult> {
    const given = [dto.all !== undefined, dto.kinds !== undefined, dto.partnerIds !== undefined];
    if (given.filter(Boolean).length !== 1) {
      throw new RuleViolationError('errors.invitations.oneTarget', 'partnerIds');
    }
    return this.transactions.run((manager) => this.inviteIn(manager, meetingId, dto, user));
  }

  /**
   * Invites in the caller's transaction. `mail: false` leaves the mail to the caller (a series
   * mails its invitation once, for every occurrence, see MeetingSeriesService).
   */
  async inviteIn(
    manager: EntityManager,
    meetingId: number,
    dto: CreateInvitationsDto,
    user?: User,
    options: { mail: boolean } = { mail: true },
  ): Promise<InviteResult> {
    const meeting = await lockedMeeting(manager, meetingId);
    if (meeting.status === 'cancelled') {
      throw new RuleViolationError('errors.meeting.cancelledNoInvitations', 'status');
    }
    if (meeting.status !== 'planned' || this.clock.now() >= meeting.startsAt) {
      throw new RuleViolationError('errors.meeting.started', 'startsAt');
    }
    const partners = await this.partnersToInvite(manager, dto);
    const already = await partnerIdsWithInvitation(manager, meetingId);
    const fresh = partners.filter((p) => !already.has(p.id));
    const now = this.clock.now();
    const links: AnswerLink[] = [];
    for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
      const chunk = fresh.slice(start, start + INSERT_CHUNK);
      const tokens = chunk.map(() => randomToken());
      const rows = chunk.map((partner, index) => ({
        meetingId,
        partnerId: partner.id,
        invited: true,
        tokenHash: sha256(tokens[index]),
        tokenIssuedAt: now,
      }));
      const ids = await insertInvitations(manager, rows);
      chunk.forEach((partner, index) => {
        links.push({
          invitationId: ids[index],
          partnerId: partner.id,
          partnerName: partner.name,
          url: this.answerUrl(tokens[index]),
        });
      });
    }
    if (fresh.length > 0) {
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'update',
        changes: { invited: { before: null, after: fresh.map((p) => p.id) } },
      });
    }
    // The invitation mail, with each partner's answer link (only known now) and the .ics.
    if (options.mail) await this.mails.invited(manager, meeting, links);
    return { created: fresh.length, alreadyInvited: partners.length - fresh.length, links };
  }

  /**
   * A new answer link for an invitation, replacing the previous one (which stops working). For the
   * organiser ("send the link again") and the mail outbox, inside the caller's transaction.
   */
  async issueAnswerLink(manager: EntityManager, invitationId: number): Promise<string> {
    const invitation = await findInvitation(manager, invitationId);
    if (!invitation || !invitation.invited) throw new NotFoundError('invitation', invitationId);
    const token = randomToken();
    await storeAnswerLink(manager, invitationId, sha256(token), this.clock.now());
    return this.answerUrl(token);
  }

  async reissueAnswerLink(meetingId: number, invitationId: number): Promise<{ url: string }> {
    const url = await this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, meetingId);
      const invitation = await findInvitation(manager, invitationId, meetingId);
      if (!invitation) throw new NotFoundError('invitation', invitationId);
      if (meeting.status === 'cancelled') {
        throw new RuleViolationError('errors.meeting.cancelled', 'status');
      }
      return this.issueAnswerLink(manager, invitationId);
    });
    return { url };
  }

  async listFor(
    meetingId: number,
  ): Promise<{ counts: InvitationCounts; items: InvitationResponse[] }> {
    await this.meetings.findMeeting(meetingId);
    const items = await this.meetings.invitationsOf(meetingId);
    return { counts: countInvitations(items), items };
  }

  /** The answer page of a link; NotFound for an unknown (or replaced) link. */
  async answerPage(token: string): Promise<AnswerPageState> {
    const invitation = await this.invitationByToken(this.dataSource.manager, token);
    return this.pageState(this.dataSource.manager, invitation);
  }

  /**
   * Stores (or replaces) the partner's answer. The invitation row is locked on PostgreSQL, so two
   * answers through the same link queue; answers of different partners run side by side.
   */
  async answer(token: string, dto: AnswerInvitationDto): Promise<AnswerPageState> {
    return this.transactions.run(async (manager) => {
      const invitation = await this.invitationByToken(manager, token, true);
      return this.applyAnswer(manager, invitation, dto);
    });
  }

  /**
   * The same answer, given by a signed-in contact of the partner (partner portal) instead of the
   * link: NotFound unless the invitation is this partner's and was sent.
   */
  async answerAsPartner(
    invitationId: number,
    partnerId: number,
    dto: AnswerInvitationDto,
  ): Promise<AnswerPageState> {
    return this.transactions.run(async (manager) => {
      const invitation = await lockedInvitationOfPartner(manager, invitationId, partnerId);
      if (!invitation) throw new NotFoundError('invitation', invitationId);
      return this.applyAnswer(manager, invitation, dto);
    });
  }

  private async applyAnswer(
    manager: EntityManager,
    invitation: Invitation,
    dto: AnswerInvitationDto,
  ): Promise<AnswerPageState> {
    const meeting = await meetingOfInvitation(manager, invitation);
    const state = await this.answerIn(manager, invitation, meeting, dto);
    if (dto.wholeSeries && meeting.seriesId !== null && state.state === 'open') {
      // The same answer for the partner's other coming occurrences of the series.
      const others = await comingInvitationsOfPartner(
        manager,
        meeting.seriesId,
        invitation.partnerId,
        this.clock.now(),
      );
      for (const other of others.filter((o) => o.meeting.id !== meeting.id)) {
        await this.answerIn(manager, other.invitation, other.meeting, dto);
      }
    }
    return state;
  }

  /** One invitation's answer in the caller's transaction (a series answers every occurrence). */
  async answerIn(
    manager: EntityManager,
    invitation: Invitation,
    meeting: Meeting,
    dto: AnswerInvitationDto,
  ): Promise<AnswerPageState> {
    const closed = this.closedState(meeting);
    if (closed) return this.pageState(manager, invitation);
    const contactIds = dto.answer === 'coming' ? [...new Set(dto.contactIds ?? [])] : [];
    const guestName = dto.answer === 'coming' ? (dto.guestName?.trim() ?? '') : '';
    const replacesId = dto.answer === 'coming' ? (dto.replacesContactId ?? null) : null;
    if (replacesId !== null && guestName === '') {
      throw new RuleViolationError('errors.invitations.guestName', 'guestName');
    }
    const wanted = [...contactIds, ...(replacesId !== null ? [replacesId] : [])];
    const contacts = wanted.length
      ? await this.partners.contactsByIds(
          wanted,
          { partnerId: invitation.partnerId, notErased: true },
          manager,
        )
      : [];
    const byId = new Map(contacts.map((c) => [c.id, c]));
    if (contactIds.some((id) => !byId.has(id))) {
      throw new RuleViolationError('errors.invitations.contactsNotOfPartner', 'contactIds');
    }
    if (replacesId !== null && !byId.has(replacesId)) {
      throw new RuleViolationError('errors.invitations.replacedNotContact', 'replacesContactId');
    }
    await storeAnswer(manager, invitation.id, {
      answer: dto.answer,
      answeredAt: this.clock.now(),
      answerNote: dto.note?.trim() || null,
    });
    const rows: Partial<InvitationAttendee>[] = contactIds.map((id) => ({
      invitationId: invitation.id,
      phase: 'answer' as const,
      contactId: id,
      fullName: byId.get(id)!.fullName,
      replacesContactId: null,
      replacesName: null,
    }));
    if (guestName) {
      const replaced = replacesId !== null ? byId.get(replacesId)! : null;
      rows.push({
        invitationId: invitation.id,
        phase: 'answer',
        contactId: null,
        fullName: guestName,
        replacesContactId: replaced ? replaced.id : null,
        replacesName: replaced ? replaced.fullName : null,
      });
    }
    await replaceAnswerAttendees(manager, invitation.id, rows);
    const updated = await reloadInvitation(manager, invitation.id);
    return this.pageState(manager, updated);
  }

  private async partnersToInvite(
    manager: EntityManager,
    dto: CreateInvitationsDto,
  ): Promise<Pick<Partner, 'id' | 'name'>[]> {
    if (dto.partnerIds) {
      const ids = [...new Set(dto.partnerIds)];
      const found = await this.partners.partnersByIds(ids, manager);
      const byId = new Map(found.map((p) => [p.id, p]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) {
        throw new RuleViolationError(
          {
            key: 'errors.invitations.unknownPartners',
            params: { ids: missing.join(', '), count: missing.length },
          },
          'partnerIds',
        );
      }
      const inactive = found.filter((p) => !p.active || p.archivedAt !== null);
      if (inactive.length) {
        throw new RuleViolationError(
          {
            key: 'errors.invitations.inactivePartners',
            params: { ids: inactive.map((p) => p.id).join(', '), count: inactive.length },
          },
          'partnerIds',
        );
      }
      return ids.map((id) => byId.get(id)!);
    }
    return this.partners.activePartners({ kinds: dto.kinds }, manager);
  }

  private async invitationByToken(
    manager: EntityManager,
    token: string,
    lock = false,
  ): Promise<Invitation> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('answerLink');
    const invitation = await invitationByTokenHash(manager, sha256(token), lock);
    if (!invitation) throw new NotFoundError('answerLink');
    if (await this.partners.partnerArchived(invitation.partnerId, manager))
      throw new GoneError('errors.link.partnerArchived');
    return invitation;
  }

  private closedState(meeting: Meeting): 'started' | 'cancelled' | null {
    if (meeting.status === 'cancelled') return 'cancelled';
    if (meeting.status !== 'planned' || this.clock.now() >= meeting.startsAt) return 'started';
    return null;
  }

  private async pageState(
    manager: EntityManager,
    invitation: Invitation,
  ): Promise<AnswerPageState> {
    // One after the other: inside a transaction they share one connection.
    const meeting = await meetingOfInvitation(manager, invitation);
    const partner = await this.partners.partnerNameOrFail(invitation.partnerId, manager);
    const contacts = await this.partners.contactsOfPartner(invitation.partnerId, manager);
    const attendees = await answerAttendees(manager, invitation.id);
    const chosen = new Set(attendees.map((a) => a.contactId).filter((id) => id !== null));
    const guest = attendees.find((a) => a.contactId === null);
    const view: AnswerView = {
      meeting: {
        title: meeting.title,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        venueName: meeting.venueName,
        venueAddress: meeting.venueAddress,
        onlineUrl: meeting.onlineUrl,
        cancelReason: meeting.cancelReason,
      },
      partnerName: partner.name,
      answer: invitation.answer,
      answerNote: invitation.answerNote,
      contacts: contacts.map((c) => ({
        id: c.id,
        fullName: c.fullName,
        jobTitle: c.jobTitle,
        selected: chosen.has(c.id),
      })),
      guestName: guest?.fullName ?? null,
      replacesContactId: guest?.replacesContactId ?? null,
      inSeries: meeting.seriesId !== null,
    };
    const closed = this.closedState(meeting);
    return closed ? { state: closed, view } : { state: 'open', view };
  }
}
