import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, Not } from 'typeorm';
import { Contact } from './contacts/contact.entity';
import { Partner } from './partner.entity';
import { sql } from '../database/sql';
import type { PartnerKind } from './partner-kind';

/** A contact who may receive bulk mail (the newsletter audience). */
export interface OptedInContact {
  contactId: number;
  email: string;
  name: string;
}

/** A partner and one of its contacts (null when it has none). */
export interface PartnerContactRow {
  partnerId: number;
  partnerName: string;
  contactId: number | null;
  fullName: string | null;
  jobTitle: string | null;
}

/**
 * Partners and their contacts: what other contexts may read of this context's tables. They never
 * inject its repositories; each method takes the caller's transaction manager when it reads inside
 * one. Methods are named by what they return, not by who calls them.
 *
 * "Active" below is the partner's `active` flag; archiving a partner clears it (PartnersService),
 * so methods that also check `archived_at IS NULL` say so and select the same rows.
 */
@Injectable()
export class PartnersQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // ---- partners -----------------------------------------------------------------------------

  /** A partner by id (archived ones included), or null. One statement. */
  partnerById(id: number, manager?: EntityManager): Promise<Partner | null> {
    return this.manager(manager).getRepository(Partner).findOneBy({ id });
  }

  /** A partner's id and name; throws (EntityNotFoundError) when it is missing. One statement. */
  partnerNameOrFail(
    partnerId: number,
    manager?: EntityManager,
  ): Promise<Pick<Partner, 'id' | 'name'>> {
    return this.manager(manager)
      .getRepository(Partner)
      .findOneOrFail({ select: { id: true, name: true }, where: { id: partnerId } });
  }

  /** Whether the partner was archived (its partners' links then stop working). One statement. */
  partnerArchived(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager)
      .getRepository(Partner)
      .existsBy({ id, archivedAt: Not(IsNull()) });
  }

  /** Whether a partner with this id exists (archived ones included). One statement. */
  partnerExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Partner).existsBy({ id });
  }

  /**
   * The partners among these ids (unknown ids are left out), by id: one statement, none for no
   * ids. Callers check what they need (exists, active, archived).
   */
  partnersByIds(ids: readonly number[], manager?: EntityManager): Promise<Partner[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Partner)
      .find({ where: { id: In([...new Set(ids)]) }, order: { id: 'ASC' } });
  }

  /**
   * Active partners (active and not archived), by id; with `kinds`, only partners of those kinds.
   * The usual "every partner we work with" (invitations, pickers). One statement.
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

  /** Active partners (the flag only): id, name and kind, by name key. One statement. */
  activePartnersByName(manager?: EntityManager): Promise<Pick<Partner, 'id' | 'name' | 'kind'>[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({
        select: { id: true, name: true, kind: true },
        where: { active: true },
        order: { nameKey: 'ASC' },
      });
  }

  /** The active agencies (the flag only), in no particular order. One statement. */
  activeAgencies(manager?: EntityManager): Promise<Partner[]> {
    return this.manager(manager)
      .getRepository(Partner)
      .find({ where: { kind: 'agency', active: true } });
  }

  /** The name of the directory's own agency (the first recorded, if several), if it has one. */
  async ownAgencyName(): Promise<string | undefined> {
    const agency = await this.manager()
      .getRepository(Partner)
      .findOne({
        select: { name: true },
        where: { kind: 'agency', active: true },
        order: { id: 'ASC' },
      });
    return agency?.name;
  }

  /**
   * Active partners (the flag only) created in [from, to] (inclusive), by name in French order (its key: accents and case folded), at most `limit`:
   * id, name, territory and website only. One raw statement.
   */
  async activePartnersCreatedBetween(
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Pick<Partner, 'id' | 'name' | 'territory' | 'website'>[]> {
    const rows = await sql(
      this.manager(),
      `SELECT id, name, territory, website FROM partners
        WHERE created_at >= ? AND created_at <= ? AND active = ?
        ORDER BY name_key ASC, id ASC
        LIMIT ${Math.trunc(limit)}`,
      [from, to, true],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      name: row.name as string,
      territory: (row.territory as string | null) ?? null,
      website: (row.website as string | null) ?? null,
    }));
  }

  // ---- contacts -----------------------------------------------------------------------------

  /** A contact by id, or null. One statement. */
  contactById(id: number, manager?: EntityManager): Promise<Contact | null> {
    return this.manager(manager).getRepository(Contact).findOneBy({ id });
  }

  /** Whether a contact with this id exists. One statement. */
  contactExists(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Contact).existsBy({ id });
  }

  /** A contact with its partner loaded (`contact.partner`), or null. One statement. */
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

  /**
   * The contact with this email key (trimmed, lower case), its partner loaded, or null. With
   * `ofActivePartner`, only if its partner is active and not archived (who may ask for a portal
   * sign-in link). One statement.
   */
  contactByEmailKey(
    emailKey: string,
    filter: { ofActivePartner?: boolean } = {},
    manager?: EntityManager,
  ): Promise<(Contact & { partner: Partner }) | null> {
    const query = this.manager(manager)
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.partner', 'p')
      .where('c.emailKey = :key', { key: emailKey });
    if (filter.ofActivePartner)
      query.andWhere('p.active = :active AND p.archivedAt IS NULL', { active: true });
    return query.getOne() as Promise<(Contact & { partner: Partner }) | null>;
  }

  /**
   * The contacts among these ids (unknown ids are left out), by id; with `partnerId`, only that
   * partner's (to check that chosen contacts belong to the right partner). One statement, none
   * for no ids.
   */
  contactsByIds(
    ids: readonly number[],
    filter: { partnerId?: number; notErased?: boolean } = {},
    manager?: EntityManager,
  ): Promise<Contact[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        where: {
          id: In([...new Set(ids)]),
          ...(filter.partnerId !== undefined ? { partnerId: filter.partnerId } : {}),
          ...(filter.notErased ? { erasedAt: IsNull() } : {}),
        },
        order: { id: 'ASC' },
      });
  }

  /**
   * One partner's contacts that someone may still name (erased ones left out: the answer page,
   * personal links), by name then id. One statement.
   */
  contactsOfPartner(partnerId: number, manager?: EntityManager): Promise<Contact[]> {
    return this.manager(manager)
      .getRepository(Contact)
      .find({
        where: { partnerId, erasedAt: IsNull() },
        order: { fullName: 'ASC', id: 'ASC' },
      });
  }

  /**
   * The contacts of these partners, by contact id (the order mail goes out in). `withEmail`: only
   * contacts with an email address (not null); `receivesMinutes`: only those who receive minutes.
   * One statement, none for no partners.
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
   * Of these partners, the active ones (not archived) with each of their contacts (id, name, job
   * title), erased ones left out; a partner without contacts comes once with a null contact. In no particular order (the
   * caller sorts with the locale's collation). One statement, none for no partners.
   */
  async activePartnersWithContacts(
    partnerIds: readonly number[],
    manager?: EntityManager,
  ): Promise<PartnerContactRow[]> {
    if (partnerIds.length === 0) return [];
    const rows = await this.manager(manager)
      .getRepository(Partner)
      .createQueryBuilder('p')
      // An erased contact ("Contact supprimé") is nobody to sign for.
      .leftJoin(Contact, 'c', 'c.partner_id = p.id AND c.erased_at IS NULL')
      .select('p.id', 'partnerId')
      .addSelect('p.name', 'partnerName')
      .addSelect('c.id', 'contactId')
      .addSelect('c.full_name', 'fullName')
      .addSelect('c.job_title', 'jobTitle')
      .where('p.id IN (:...ids)', { ids: [...new Set(partnerIds)] })
      .andWhere('p.active = :active AND p.archived_at IS NULL', { active: true })
      .getRawMany<PartnerContactRow>();
    // Raw rows: the drivers disagree on how integers arrive; ids leave here as numbers.
    return rows.map((row) => ({
      partnerId: Number(row.partnerId),
      partnerName: row.partnerName,
      contactId: row.contactId === null ? null : Number(row.contactId),
      fullName: row.fullName,
      jobTitle: row.jobTitle,
    }));
  }

  /**
   * The contacts of the active partners (the flag only) with their partner's name, ordered by
   * partner (name key, id) then contact (name, id). One statement.
   */
  async contactsOfActivePartners(): Promise<
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
}
