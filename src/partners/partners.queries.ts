import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { In, IsNull, Not } from 'typeorm';
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

  /** Projects: the active agencies, any of which may lead a project "as the agency". */
  activeAgenciesForProjectLead(manager?: EntityManager): Promise<Partner[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({ where: { kind: 'agency', active: true } });
  }

  /** Projects: the partner named as a project's lead (to check it exists and is active), or null. */
  partnerForProjectLead(id: number, manager?: EntityManager): Promise<Partner | null> {
    return this.manager(manager).getRepository(Partner).findOne({ where: { id } });
  }

  /** Projects: which of these partner ids exist (a project's participants). */
  async existingPartnerIdsForProject(ids: number[], manager?: EntityManager): Promise<number[]> {
    const found = await this.manager(manager)
      .getRepository(Partner)
      .find({ where: { id: In(ids) }, select: { id: true } });
    return found.map((p) => p.id);
  }

  /** Projects: active partners that may lead a project, by name (the new project form). */
  projectLeadChoices(manager?: EntityManager): Promise<Pick<Partner, 'id' | 'name' | 'kind'>[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({
        select: { id: true, name: true, kind: true },
        where: { active: true },
        order: { nameKey: 'ASC' },
      });
  }

  /** Projects: contacts of a partner, by name (the lead's, for personal follow-up links). */
  contactChoicesForFollowUpLinks(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<Contact, 'id' | 'fullName' | 'email'>[]> {
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        select: { id: true, fullName: true, email: true },
        where: { partnerId },
        order: { fullName: 'ASC' },
      });
  }

  /** Projects: the contact a personal follow-up link is issued to, or null. */
  contactForFollowUpLink(id: number, manager?: EntityManager): Promise<Contact | null> {
    return this.manager(manager).getRepository(Contact).findOne({ where: { id } });
  }

  /** Project reminders: contacts with an email of these partners, in id order. */
  projectReminderContacts(partnerIds: number[], manager?: EntityManager): Promise<Contact[]> {
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        where: { partnerId: In(partnerIds), email: Not(IsNull()) },
        order: { id: 'ASC' },
      });
  }

  /**
   * Project dashboard: partners leading or taking part in projects, most involved first (then by
   * name), read from the counts the database triggers keep (projects' partner_project_counts),
   * walking ix_partner_project_counts_involved from the top. One statement.
   */
  partnersByProjectInvolvement(
    limit: number,
    manager?: EntityManager,
  ): Promise<Record<string, string | number | null>[]> {
    return this.manager(manager).query(
      `SELECT c.partner_id AS id, partner.name AS name, c.leads, c.leads_open, c.participates,
              c.participates_open,
              (SELECT COUNT(*) FROM partner_project_counts t WHERE t.involved > 0) AS total
         FROM partner_project_counts c
         JOIN partners partner ON partner.id = c.partner_id
        WHERE c.involved > 0
        ORDER BY c.involved DESC, partner.name_key ASC, c.partner_id ASC
        LIMIT ${Math.floor(limit)}`,
    );
  }
}
