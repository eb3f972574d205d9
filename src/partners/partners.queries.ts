import { Injectable } from '@nestjs/common';
import { Between, DataSource, type EntityManager } from 'typeorm';
import { Contact } from './contact';
import { Partner } from './partner';

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

  // ---- Documents (minutes, newsletter) and portal --------------------------------------------

  /**
   * The contacts with an email who receive minutes, at these partners, by id (the "minutes
   * published" mail). One statement.
   */
  contactsReceivingMinutes(partnerIds: number[], manager?: EntityManager): Promise<Contact[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where('c.partner_id IN (:...partnerIds)', { partnerIds })
      .andWhere('c.receives_minutes = :yes', { yes: true })
      .andWhere('c.email IS NOT NULL')
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  /**
   * Active partners created in [from, to] (inclusive), by name, at most `limit`: id, name,
   * territory and website only (the newsletter's new partners). One statement.
   */
  partnersJoinedForNewsletter(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Pick<Partner, 'id' | 'name' | 'territory' | 'website'>[]> {
    return this.manager()
      .getRepository(Partner)
      .find({
        where: { createdAt: Between(from, to), active: true },
        order: { name: 'ASC', id: 'ASC' },
        select: { id: true, name: true, territory: true, website: true },
        take: limit,
      });
  }

  /**
   * The contact with this email key whose partner is active and not archived, with its partner,
   * or null (who may ask for a portal sign-in link). One statement.
   */
  portalContactByEmailKey(emailKey: string, manager?: EntityManager): Promise<Contact | null> {
    return this.manager(manager)
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.partner', 'p')
      .where('c.emailKey = :key', { key: emailKey })
      .andWhere('p.active = :active AND p.archivedAt IS NULL', { active: true })
      .getOne();
  }

  /** A contact with its partner, or null (staff sending a portal link). One statement. */
  contactWithPartnerForPortal(contactId: number, manager?: EntityManager): Promise<Contact | null> {
    return this.manager(manager)
      .getRepository(Contact)
      .findOne({ where: { id: contactId }, relations: { partner: true } });
  }

  /** Whether the contact exists (its portal links are "not found" otherwise). One statement. */
  contactExistsForPortal(contactId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager)
      .getRepository(Contact)
      .exists({ where: { id: contactId } });
  }
}
