import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { NotFoundError, RuleViolationError } from '../common/domain-errors';
import { randomToken, sha256 } from '../common/secrets';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Contact } from '../partners/contact';
import { Partner } from '../partners/partner';
import type { AnswerInvitationDto } from './answer-invitation.dto';
import type { CreateInvitationsDto } from './create-invitations.dto';
import { Invitation } from './invitation';
import { InvitationMails } from './invitation-mails';
import { InvitationAttendee } from './invitation-attendee';
import { Meeting } from './meeting';
import type { Answer } from './meeting-kinds';
import { lockedMeeting } from './meeting-locks';
import { countInvitations, InvitationCounts, InvitationResponse } from './meeting.mappers';
import { MeetingsService } from './meetings.service';
import type { RecordAttendanceDto } from './record-attendance.dto';
import {
  type AttendeeRow,
  meetingForAttendance,
  entriesState,
  replaceAttendees,
  setAttendance,
} from './attendance-statements';

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
}

const INSERT_CHUNK = 200;

/**
 * Invitations and their answers. Each invitation has a personal link /r/<token>: 256 random bits,
 * of which only the SHA-256 is stored (like API tokens), so a copy of the database opens no link.
 * The plain link exists only when it is issued: at invitation time (returned to the organiser) or
 * when re-issued with issueAnswerLink (which replaces the previous link), e.g. by the mail outbox.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
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
    return this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, meetingId);
      if (meeting.status === 'cancelled') {
        throw new RuleViolationError('errors.meeting.cancelledNoInvitations', 'status');
      }
      if (meeting.status !== 'planned' || this.clock.now() >= meeting.startsAt) {
        throw new RuleViolationError('errors.meeting.started', 'startsAt');
      }
      const partners = await this.partnersToInvite(manager, dto);
      const existing = await manager
        .getRepository(Invitation)
        .find({ select: { partnerId: true }, where: { meetingId } });
      const already = new Set(existing.map((i) => i.partnerId));
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
        const result = await manager.getRepository(Invitation).insert(rows);
        chunk.forEach((partner, index) => {
          links.push({
            invitationId: (result.identifiers[index] as { id: number }).id,
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
      await this.mails.invited(manager, meeting, links);
      return { created: fresh.length, alreadyInvited: partners.length - fresh.length, links };
    });
  }

  /**
   * A new answer link for an invitation, replacing the previous one (which stops working). For the
   * organiser ("send the link again") and the mail outbox, inside the caller's transaction.
   */
  async issueAnswerLink(manager: EntityManager, invitationId: number): Promise<string> {
    const invitation = await manager.getRepository(Invitation).findOneBy({ id: invitationId });
    if (!invitation || !invitation.invited) throw new NotFoundError('invitation', invitationId);
    const token = randomToken();
    await manager
      .getRepository(Invitation)
      .update({ id: invitationId }, { tokenHash: sha256(token), tokenIssuedAt: this.clock.now() });
    return this.answerUrl(token);
  }

  async reissueAnswerLink(meetingId: number, invitationId: number): Promise<{ url: string }> {
    const url = await this.transactions.run(async (manager) => {
      const meeting = await lockedMeeting(manager, meetingId);
      const invitation = await manager
        .getRepository(Invitation)
        .findOneBy({ id: invitationId, meetingId });
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
    const invitation = await this.invitationByToken(this.invitations.manager, token);
    return this.pageState(this.invitations.manager, invitation);
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
      const query = manager
        .getRepository(Invitation)
        .createQueryBuilder('i')
        .where('i.id = :invitationId AND i.partnerId = :partnerId AND i.invited = :invited', {
          invitationId,
          partnerId,
          invited: true,
        });
      if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
      const invitation = await query.getOne();
      if (!invitation) throw new NotFoundError('invitation', invitationId);
      return this.applyAnswer(manager, invitation, dto);
    });
  }

  private async applyAnswer(
    manager: EntityManager,
    invitation: Invitation,
    dto: AnswerInvitationDto,
  ): Promise<AnswerPageState> {
    const meeting = await manager.getRepository(Meeting).findOneByOrFail({
      id: invitation.meetingId,
    });
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
      ? await manager
          .getRepository(Contact)
          .find({ where: { id: In(wanted), partnerId: invitation.partnerId } })
      : [];
    const byId = new Map(contacts.map((c) => [c.id, c]));
    if (contactIds.some((id) => !byId.has(id))) {
      throw new RuleViolationError('errors.invitations.contactsNotOfPartner', 'contactIds');
    }
    if (replacesId !== null && !byId.has(replacesId)) {
      throw new RuleViolationError('errors.invitations.replacedNotContact', 'replacesContactId');
    }
    await manager.getRepository(Invitation).update(
      { id: invitation.id },
      {
        answer: dto.answer,
        answeredAt: this.clock.now(),
        answerNote: dto.note?.trim() || null,
      },
    );
    const attendees = manager.getRepository(InvitationAttendee);
    await attendees.delete({ invitationId: invitation.id, phase: 'answer' });
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
    if (rows.length) await attendees.insert(rows);
    const updated = await manager.getRepository(Invitation).findOneByOrFail({ id: invitation.id });
    return this.pageState(manager, updated);
  }

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
        this.checkAttendance(dto, known, invitationOf, contactById);
        const walkIns = dto.entries.filter((e) => !invitationOf.has(e.partnerId));
        if (walkIns.length) {
          const result = await manager.getRepository(Invitation).insert(
            walkIns.map((e) => ({
              meetingId,
              partnerId: e.partnerId,
              invited: false,
              tokenHash: null,
              tokenIssuedAt: null,
            })),
          );
          walkIns.forEach((e, index) => {
            invitationOf.set(e.partnerId, (result.identifiers[index] as { id: number }).id);
          });
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

  /** The rules of an attendance sheet, checked on what was read (no further query). */
  private checkAttendance(
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

  private async partnersToInvite(
    manager: EntityManager,
    dto: CreateInvitationsDto,
  ): Promise<Pick<Partner, 'id' | 'name'>[]> {
    const repository = manager.getRepository(Partner);
    const select = { id: true, name: true, active: true, archivedAt: true } as const;
    if (dto.partnerIds) {
      const ids = [...new Set(dto.partnerIds)];
      const found = await repository.find({ select, where: { id: In(ids) } });
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
    const query = repository
      .createQueryBuilder('p')
      .select(['p.id', 'p.name'])
      .where('p.active = :active', { active: true })
      .andWhere('p.archivedAt IS NULL')
      .orderBy('p.id', 'ASC');
    if (dto.kinds) query.andWhere('p.kind IN (:...kinds)', { kinds: dto.kinds });
    return query.getMany();
  }

  private async invitationByToken(
    manager: EntityManager,
    token: string,
    lock = false,
  ): Promise<Invitation> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('answerLink');
    const query = manager
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.tokenHash = :hash', { hash: sha256(token) });
    if (lock && manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    const invitation = await query.getOne();
    if (!invitation) throw new NotFoundError('answerLink');
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
    const meeting = await manager
      .getRepository(Meeting)
      .findOneByOrFail({ id: invitation.meetingId });
    const partner = await manager.getRepository(Partner).findOneOrFail({
      select: { id: true, name: true },
      where: { id: invitation.partnerId },
    });
    const contacts = await manager.getRepository(Contact).find({
      select: { id: true, fullName: true, jobTitle: true },
      where: { partnerId: invitation.partnerId },
      order: { fullName: 'ASC' },
    });
    const attendees = await manager
      .getRepository(InvitationAttendee)
      .find({ where: { invitationId: invitation.id, phase: 'answer' }, order: { id: 'ASC' } });
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
    };
    const closed = this.closedState(meeting);
    return closed ? { state: closed, view } : { state: 'open', view };
  }
}
