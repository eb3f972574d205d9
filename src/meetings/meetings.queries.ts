import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AgendaItem } from './agenda-item';
import { Invitation } from './invitation';
import { InvitationAttendee } from './invitation-attendee';
import { Meeting } from './meeting';

/**
 * Meetings, invitations, attendance and agenda items: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class MeetingsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- meetings -----------------------------------------------------------------------------

  /** A meeting by id (cancelled and closed ones included), or null. One statement. */
  meetingById(id: number, manager?: EntityManager): Promise<Meeting | null> {
    return this.manager(manager).getRepository(Meeting).findOneBy({ id });
  }

  /** Whether a meeting with this id exists. One statement. */
  meetingExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Meeting).existsBy({ id });
  }

  /** The meetings among these ids (unknown ids left out), by start then id. One statement. */
  meetingsByIds(ids: readonly number[], manager?: EntityManager): Promise<Meeting[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Meeting)
      .find({ where: { id: In([...new Set(ids)]) }, order: { startsAt: 'ASC', id: 'ASC' } });
  }

  // ---- agenda items -------------------------------------------------------------------------

  /** An agenda item by id, or null. One statement. */
  agendaItemById(id: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager).getRepository(AgendaItem).findOneBy({ id });
  }

  /** A meeting's agenda items in their order (position 1..n). One statement. */
  agendaItemsOfMeeting(meetingId: number, manager?: EntityManager): Promise<AgendaItem[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
  }

  // ---- invitations and attendance -----------------------------------------------------------

  /** An invitation by id (walk-in rows, `invited: false`, included), or null. One statement. */
  invitationById(id: number, manager?: EntityManager): Promise<Invitation | null> {
    return this.manager(manager).getRepository(Invitation).findOneBy({ id });
  }

  /**
   * A meeting's invitations by id, walk-ins (present without an invitation, `invited: false`)
   * included: the answer and the attendance of each partner. One statement.
   */
  invitationsOfMeeting(meetingId: number, manager?: EntityManager): Promise<Invitation[]> {
    return this.manager(manager)
      .getRepository(Invitation)
      .find({ where: { meetingId }, order: { id: 'ASC' } });
  }

  /**
   * A partner's invitations (walk-ins included), each with its meeting, soonest meeting first.
   * One statement.
   */
  invitationsOfPartner(partnerId: number, manager?: EntityManager): Promise<Invitation[]> {
    return this.manager(manager)
      .getRepository(Invitation)
      .find({
        where: { partnerId },
        relations: { meeting: true },
        order: { meeting: { startsAt: 'ASC' }, id: 'ASC' },
      });
  }

  /** The partners invited to a meeting (walk-ins left out). One statement. */
  async invitedPartnerIds(meetingId: number, manager?: EntityManager): Promise<Set<number>> {
    const rows = await this.manager(manager)
      .getRepository(Invitation)
      .find({ select: { partnerId: true }, where: { meetingId, invited: true } });
    return new Set(rows.map((r) => r.partnerId));
  }

  /** Whether the partner was ever invited to (or present at) a meeting. One statement. */
  partnerHasInvitations(partnerId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Invitation).exists({ where: { partnerId } });
  }

  /**
   * The people of these invitations, by id: phase `answer` (announced by the partner) and
   * `attendance` (recorded as present). One statement.
   */
  attendeesOfInvitations(
    invitationIds: readonly number[],
    manager?: EntityManager,
  ): Promise<InvitationAttendee[]> {
    if (invitationIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(InvitationAttendee)
      .find({ where: { invitationId: In([...new Set(invitationIds)]) }, order: { id: 'ASC' } });
  }
}
