import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, Not, Between } from 'typeorm';
import { Contact } from './contacts/contact.entity';
import { Partner } from './partner.entity';
import type { PartnerKind } from './partner-kind';
import { emailKeyOf } from './partner-rules';

/** A contact who may receive bulk mail (the newsletter audience). */
export interface OptedInContact {
  contactId: number;
  email: string;
  name: string;
}

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

  // ---- partners -----------------------------------------------------------------------------

  /** A partner by id (archived ones included), or null. */
  partnerById(id: number, manager?: EntityManager): Promise<Partner | null> {
    return this.manager(manager).getRepository(Partner).findOneBy({ id });
  }

  /** Whether a partner with this id exists (archived ones included). */
  partnerExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Partner).existsBy({ id });
  }

  /** The partners among these ids (unknown ids are left out), by id. */
  partnersByIds(ids: readonly number[], manager?: EntityManager): Promise<Partner[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Partner)
      .find({ where: { id: In([...new Set(ids)]) }, order: { id: 'ASC' } });
  }

  /**
   * Active partners (active and not archived), by id; with `kinds`, only partners of those kinds.
   * The usual "every partner we work with" (invitations, pickers).
   */
  activePartners(
    filter: { kinds?: readonly PartnerKind[] } = {},
    manager?: EntityManager,
  ): Promise<Partner[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({
        where: {
          active: true,
          archivedAt: IsNull(),
          ...(filter.kinds ? { kind: In([...filter.kinds]) } : {}),
        },
        order: { id: 'ASC' },
      });
  }

  // ---- contacts -----------------------------------------------------------------------------

  /** A contact by id, or null. */
  contactById(id: number, manager?: EntityManager): Promise<Contact | null> {
    return this.manager(manager).getRepository(Contact).findOneBy({ id });
  }

  /** Whether a contact with this id exists. */
  contactExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Contact).existsBy({ id });
  }

  /** A contact with its partner loaded (`contact.partner`), or null. */
  contactWithPartner(
    id: number,
    manager?: EntityManager,
  ): Promise<(Contact & { partner: Partner }) | null> {
    return this.manager(manager)
      .getRepository(Contact)
      .findOne({ where: { id }, relations: { partner: true } }) as Promise<
      (Contact & { partner: Partner }) | null
    >;
  }

  /** The contact with this email (whatever its case), its partner loaded, or null. */
  contactByEmail(
    email: string,
    manager?: EntityManager,
  ): Promise<(Contact & { partner: Partner }) | null> {
    const emailKey = emailKeyOf(email);
    if (!emailKey) return Promise.resolve(null);
    return this.manager(manager)
      .getRepository(Contact)
      .findOne({ where: { emailKey }, relations: { partner: true } }) as Promise<
      (Contact & { partner: Partner }) | null
    >;
  }

  /**
   * The contacts among these ids (unknown ids are left out), by id; with `partnerId`, only that
   * partner's (to check that chosen contacts belong to the right partner).
   */
  contactsByIds(
    ids: readonly number[],
    filter: { partnerId?: number } = {},
    manager?: EntityManager,
  ): Promise<Contact[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        where: {
          id: In([...new Set(ids)]),
          ...(filter.partnerId !== undefined ? { partnerId: filter.partnerId } : {}),
        },
        order: { id: 'ASC' },
      });
  }

  /** One partner's contacts, by name (the partner page's order). */
  contactsOfPartner(partnerId: number, manager?: EntityManager): Promise<Contact[]> {
    return this.manager(manager)
      .getRepository(Contact)
      .find({ where: { partnerId }, order: { fullName: 'ASC', id: 'ASC' } });
  }

  /**
   * The contacts of these partners, by contact id (the order mail goes out in). `withEmail`: only
   * contacts with an email address (not null); `receivesMinutes`: only those who receive minutes.
   */
  contactsOfPartners(
    partnerIds: readonly number[],
    filter: { withEmail?: boolean; receivesMinutes?: boolean } = {},
    manager?: EntityManager,
  ): Promise<Contact[]> {
    if (partnerIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        where: {
          partnerId: In([...new Set(partnerIds)]),
          ...(filter.withEmail ? { email: Not(IsNull()) } : {}),
          ...(filter.receivesMinutes ? { receivesMinutes: true } : {}),
        },
        order: { id: 'ASC' },
      });
  }

  /**
   * One keyset page of the contacts who may receive bulk mail: newsletter consent given, an email
   * address, at an active partner; contacts after `afterId`, by id, `limit` at most. One statement.
   */
  async optedInContactsAfter(
    afterId: number,
    limit: number,
    manager?: EntityManager,
  ): Promise<OptedInContact[]> {
    const rows = await this.manager(manager)
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoin('c.partner', 'p')
      .select('c.id', 'id')
      .addSelect('c.fullName', 'name')
      .addSelect('c.email', 'email')
      .where('c.newsletter_consent = :yes', { yes: true })
      .andWhere('p.active = :yes')
      .andWhere("c.email IS NOT NULL AND c.email <> ''")
      .andWhere('c.id > :afterId', { afterId })
      .orderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string; name: string; email: string }>();
    return rows.map((r) => ({ contactId: Number(r.id), email: r.email, name: r.name }));
  }

  // ---- Meetings (invitations, answers, invitation mails, agenda presenters, calendar feeds) ----

  /** Meetings: a partner's id and name (answer page, calendar feed title); throws when missing. */
  partnerNameForMeetings(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<Partner, 'id' | 'name'>> {
    return this.manager(manager)
      .getRepository(Partner)
      .findOneOrFail({ select: { id: true, name: true }, where: { id: partnerId } });
  }

  /** Meetings: whether the partner exists (before creating its calendar feed). */
  partnerExistsForMeetings(partnerId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Partner).existsBy({ id: partnerId });
  }

  /**
   * Invitations: the partners among these ids with what the invitation rules check (active,
   * archived). Unknown ids are left out. One statement.
   */
  partnersToInviteByIds(
    ids: number[],
    manager?: EntityManager,
  ): Promise<Pick<Partner, 'id' | 'name' | 'active' | 'archivedAt'>[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({
        select: { id: true, name: true, active: true, archivedAt: true },
        where: { id: In(ids) },
      });
  }

  /** Invitations: every active, unarchived partner (of these kinds when given), by id. */
  activePartnersToInvite(
    kinds: PartnerKind[] | undefined,
    manager?: EntityManager,
  ): Promise<Pick<Partner, 'id' | 'name'>[]> {
    const query = this.manager(manager)
      .getRepository(Partner)
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
  ): Promise<Contact[]> {
    return this.manager(manager)
      .getRepository(Contact)
      .find({ where: { id: In(contactIds), partnerId } });
  }

  /** The answer page: the partner's contacts (id, name, job title), by name. One statement. */
  contactsForAnswerPage(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<Contact, 'id' | 'fullName' | 'jobTitle'>[]> {
    return this.manager(manager)
      .getRepository(Contact)
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
  ): Promise<Pick<Contact, 'id' | 'partnerId' | 'fullName' | 'email'>[]> {
    const contacts = await this.manager(manager)
      .getRepository(Contact)
      .find({
        select: { id: true, partnerId: true, fullName: true, email: true },
        where: { partnerId: In(partnerIds) },
        order: { id: 'ASC' },
      });
    return contacts.filter((c) => c.email && c.email.trim() !== '');
  }

  /** Agenda: whether the contact named as an item's presenter exists. */
  presenterContactExists(contactId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Contact).existsBy({ id: contactId });
  }

  /**
   * Agenda form: the contacts of the active partners with their partner's name, ordered by
   * partner (name key, id) then contact (name, id), for the presenter choice. One statement.
   */
  async presenterContactsOfActivePartners(): Promise<
    { id: number; fullName: string; partnerId: number; partnerName: string }[]
  > {
    const rows = await this.manager()
      .getRepository(Contact)
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

  /** A partner by id (null when unknown), for the themes feature (who proposes, who is interested, a speaker's organisation). */
  partnerForThemes(id: number, manager?: EntityManager): Promise<Partner | null> {
    return this.manager(manager).getRepository(Partner).findOneBy({ id });
  }
}
