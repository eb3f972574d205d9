import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { In as InIds } from 'typeorm';
import { Contact as MeetingsContact } from './contact';
import { Partner as MeetingsPartner } from './partner';
import type { PartnerKind as MeetingsPartnerKind } from './partner-kind';

/**
 * Partners and their contacts: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class PartnersQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- Meetings (invitations, answers, invitation mails, agenda presenters, calendar feeds) ----

  /** Meetings: a partner's id and name (answer page, calendar feed title); throws when missing. */
  partnerNameForMeetings(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<MeetingsPartner, 'id' | 'name'>> {
    return this.manager(manager)
      .getRepository(MeetingsPartner)
      .findOneOrFail({ select: { id: true, name: true }, where: { id: partnerId } });
  }

  /** Meetings: whether the partner exists (before creating its calendar feed). */
  partnerExistsForMeetings(partnerId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(MeetingsPartner).existsBy({ id: partnerId });
  }

  /**
   * Invitations: the partners among these ids with what the invitation rules check (active,
   * archived). Unknown ids are left out. One statement.
   */
  partnersToInviteByIds(
    ids: number[],
    manager?: EntityManager,
  ): Promise<Pick<MeetingsPartner, 'id' | 'name' | 'active' | 'archivedAt'>[]> {
    return this.manager(manager)
      .getRepository(MeetingsPartner)
      .find({
        select: { id: true, name: true, active: true, archivedAt: true },
        where: { id: InIds(ids) },
      });
  }

  /** Invitations: every active, unarchived partner (of these kinds when given), by id. */
  activePartnersToInvite(
    kinds: MeetingsPartnerKind[] | undefined,
    manager?: EntityManager,
  ): Promise<Pick<MeetingsPartner, 'id' | 'name'>[]> {
    const query = this.manager(manager)
      .getRepository(MeetingsPartner)
      .createQueryBuilder('p')
      .select(['p.id', 'p.name'])
      .where('p.active = :active', { active: true })
      .andWhere('p.archivedAt IS NULL')
      .orderBy('p.id', 'ASC');
    if (kinds) query.andWhere('p.kind IN (:...kinds)', { kinds });
    return query.getMany();
  }

  /** Invitation answers: the contacts among these ids that belong to the partner. One statement. */
  partnerContactsForAnswer(
    partnerId: number,
    contactIds: number[],
    manager?: EntityManager,
  ): Promise<MeetingsContact[]> {
    return this.manager(manager)
      .getRepository(MeetingsContact)
      .find({ where: { id: InIds(contactIds), partnerId } });
  }

  /** The answer page: the partner's contacts (id, name, job title), by name. One statement. */
  contactsForAnswerPage(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<MeetingsContact, 'id' | 'fullName' | 'jobTitle'>[]> {
    return this.manager(manager)
      .getRepository(MeetingsContact)
      .find({
        select: { id: true, fullName: true, jobTitle: true },
        where: { partnerId },
        order: { fullName: 'ASC' },
      });
  }

  /**
   * Invitation mails: the contacts of these partners that have an email address (blank ones
   * left out), by id, with what a mail needs. One statement.
   */
  async invitationMailContacts(
    partnerIds: number[],
    manager?: EntityManager,
  ): Promise<Pick<MeetingsContact, 'id' | 'partnerId' | 'fullName' | 'email'>[]> {
    const contacts = await this.manager(manager)
      .getRepository(MeetingsContact)
      .find({
        select: { id: true, partnerId: true, fullName: true, email: true },
        where: { partnerId: InIds(partnerIds) },
        order: { id: 'ASC' },
      });
    return contacts.filter((c) => c.email && c.email.trim() !== '');
  }

  /** Agenda: whether the contact named as an item's presenter exists. */
  presenterContactExists(contactId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(MeetingsContact).existsBy({ id: contactId });
  }

  /**
   * Agenda form: the contacts of the active partners with their partner's name, ordered by
   * partner (name key, id) then contact (name, id), for the presenter choice. One statement.
   */
  async presenterContactsOfActivePartners(): Promise<
    { id: number; fullName: string; partnerId: number; partnerName: string }[]
  > {
    const rows = await this.manager()
      .getRepository(MeetingsContact)
      .createQueryBuilder('c')
      .innerJoin('c.partner', 'p')
      .select(['c.id', 'c.fullName', 'c.partnerId', 'p.id', 'p.name'])
      .where('p.active = :active', { active: true })
      .orderBy('p.nameKey', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .addOrderBy('c.fullName', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      fullName: row.fullName,
      partnerId: row.partnerId,
      partnerName: row.partner?.name ?? '',
    }));
  }
}
