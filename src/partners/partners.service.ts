import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, AuditService, diff } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors';
import { Page, pageOf, PageQueryDto } from '../common/pagination';
import { normalizeForSearch } from '../common/text';
import { Transactions } from '../database/transactions';
import { sql, type SqlValue } from '../database/sql';
import { Contact } from './contact';
import type { CreateContactDto } from './create-contact.dto';
import type { CreatePartnerDto } from './create-partner.dto';
import type { ListPartnersQueryDto, PartnerFilterDto } from './list-partners-query.dto';
import { Partner } from './partner';
import {
  ListedPartner,
  listedPartnerOf,
  partnerFilterSql,
  readPartnerBatch,
  readPartnerPage,
} from './partner-list.sql';
import { countBoundSql, pageVia, SearchWords } from './partner-search';
import { PartnerHistoryRegistry } from './partner-history.registry';
import type { UpdateContactDto } from './update-contact.dto';
import type { UpdatePartnerDto } from './update-partner.dto';

/** The partner fields a client sets (create, update, CSV import). */
export const PARTNER_FIELDS = [
  'name',
  'shortName',
  'kind',
  'description',
  'services',
  'territory',
  'address',
  'postcode',
  'latitude',
  'longitude',
  'website',
  'email',
  'phone',
] as const satisfies readonly (keyof Partner & keyof CreatePartnerDto)[];

/** The contact fields a client sets directly (the newsletter consent has its own rule). */
export const CONTACT_FIELDS = [
  'fullName',
  'jobTitle',
  'email',
  'phone',
  'receivesMinutes',
  'notes',
] as const satisfies readonly (keyof Contact & keyof CreateContactDto)[];

/** Partners per batch of the CSV export (each with its contacts, 5 on average at L). */
export const EXPORT_BATCH_SIZE = 500;

/** Fields whose before/after values go into the audit trail. */
const PARTNER_AUDITED: string[] = [...PARTNER_FIELDS, 'active', 'archivedAt'];
const CONTACT_AUDITED: string[] = [
  'partnerId',
  ...CONTACT_FIELDS,
  'newsletterConsent',
  'newsletterConsentAt',
  'newsletterConsentSource',
];

/** Two partners cannot share a name, whatever its case and accents. */
export const nameKeyOf = (name: string): string => normalizeForSearch(name);

/** Contact emails are unique whatever their case. */
export const emailKeyOf = (email: string | null | undefined): string | null =>
  email ? email.trim().toLowerCase() : null;

function searchTextOf(partner: Partner, contactNames: string[]): string {
  return normalizeForSearch(
    [partner.name, partner.shortName, partner.services, ...contactNames].filter(Boolean).join(' '),
  );
}

/**
 * The partner directory's rules: unique names and contact emails, consent dates, search text kept
 * up to date, archive rather than delete when a partner has history, an audit entry for every
 * change. The `...In(manager, ...)` methods run inside a caller's transaction (CSV import, demo
 * data); the others open their own.
 */
@Injectable()
export class PartnersService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly history: PartnerHistoryRegistry,
    private readonly clock: Clock,
  ) {}

  // ---- reading ------------------------------------------------------------------------------

  /**
   * One page of partners with their contact counts: two queries at most, whatever the sizes (the
   * count, then the page with its counts, read as raw rows: see partner-list.sql.ts).
   */
  async list(
    query: ListPartnersQueryDto,
  ): Promise<Page<{ partner: ListedPartner; contactCount: number }>> {
    const manager = this.partners.manager;
    const words = new SearchWords(query.q);
    const offset = (query.page - 1) * query.pageSize;
    const { total, exact, size } = await this.countMatches(
      manager,
      query,
      words,
      offset,
      query.pageSize,
    );
    const via =
      this.indexed(query, words) && pageVia(offset, query.pageSize, total, size) === 'index'
        ? 'index'
        : 'scan';
    // Past the last match there is nothing to read (like the contact counts of an empty page);
    // a count that stopped at its bound is past the page (countBound), so the page is read.
    const rows =
      offset >= total
        ? []
        : await readPartnerPage(manager, query, words, via, offset, query.pageSize);
    return {
      ...pageOf(
        rows.map((row) => ({
          partner: listedPartnerOf(row),
          contactCount: Number(row.contact_count),
        })),
        total,
        query,
      ),
      totalExact: exact,
    };
  }

  /**
   * Every partner matching the filters, with its contacts, in the list's order, `size` partners
   * at a time (the CSV export): two statements per batch whatever the data, and only one batch
   * held at a time. The first batch is read before this resolves, so that a failing database
   * still answers with an error status rather than a cut file. Not a snapshot: a partner renamed
   * while an export runs may be missed or come twice.
   */
  async exportBatches(
    filter: PartnerFilterDto,
    size = EXPORT_BATCH_SIZE,
  ): Promise<AsyncIterable<ListedPartner[]>> {
    const words = new SearchWords(filter.q);
    const via = this.indexed(filter, words) ? 'index' : 'scan';
    const batch = (after: string | null) => this.exportBatch(filter, words, via, after, size);
    const first = await batch(null);
    return (async function* () {
      let partners = first;
      while (partners.length > 0) {
        yield partners;
        if (partners.length < size) return;
        partners = await batch(partners[partners.length - 1].nameKey);
      }
    })();
  }

  /** A batch of the export (raw rows, see readPartnerBatch) with the partners' contacts by name. */
  private async exportBatch(
    filter: PartnerFilterDto,
    words: SearchWords,
    via: 'index' | 'scan',
    after: string | null,
    size: number,
  ): Promise<ListedPartner[]> {
    const rows = await readPartnerBatch(this.partners.manager, filter, words, via, after, size);
    const partners = rows.map(listedPartnerOf);
    if (partners.length === 0) return partners;
    const contacts = await this.contacts.find({
      where: { partnerId: In(partners.map((p) => p.id)) },
      order: { partnerId: 'ASC', fullName: 'ASC', id: 'ASC' },
    });
    const byPartner = new Map<number, Contact[]>();
    for (const contact of contacts) {
      const list = byPartner.get(contact.partnerId);
      if (list) list.push(contact);
      else byPartner.set(contact.partnerId, [contact]);
    }
    for (const partner of partners) partner.contacts = byPartner.get(partner.id) ?? [];
    return partners;
  }

  /**
   * Whether the search index can find the words: on SQLite, the FTS5 table `partners_search`
   * (hand-written migration) holds active partners only, and finds words of 3+ characters.
   * PostgreSQL's trigram index serves `LIKE` itself, so its SQL never changes.
   */
  private indexed(filter: PartnerFilterDto, words: SearchWords): boolean {
    return (
      this.partners.manager.connection.options.type === 'sqlite' &&
      (filter.active ?? 'true') === 'true' &&
      words.indexed.length > 0
    );
  }

  /**
   * How many partners match, counted up to `countBound` (pager window, plan choice) and no
   * further: `exact` is false when there are more than `total`. Also (for `pageVia`) about how
   * many partners there are. One statement; with search words alone, the index counts its
   * matches without reading a partner row. The count reads at most bound + 1 matches on both
   * engines (a LIMITed subquery), so a common word costs the same at any directory size.
   */
  private async countMatches(
    manager: EntityManager,
    filter: PartnerFilterDto,
    words: SearchWords,
    offset: number,
    limit: number,
  ): Promise<{ total: number; exact: boolean; size: number }> {
    const engine = manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
    let matches: string;
    let parameters: (SqlValue | readonly SqlValue[])[];
    if (
      this.indexed(filter, words) &&
      !filter.kind?.length &&
      !filter.territory?.trim() &&
      words.scanned.length === 0
    ) {
      matches = 'SELECT 1 FROM partners_search WHERE partners_search MATCH ?';
      parameters = [words.ftsQuery];
    } else {
      const via = this.indexed(filter, words) ? 'index' : 'scan';
      const { where, values } = partnerFilterSql(filter, words, via);
      matches = `SELECT 1 FROM partners p ${where}`;
      parameters = values;
    }
    const bound = countBoundSql(engine, offset, limit, 'ids.size');
    type Row = { counted: number | string; size: number | string; bound: number | string };
    const [row] = await sql<Row>(
      manager,
      `WITH directory AS (
         SELECT ids.size AS size, ${bound} AS bound
         FROM (SELECT COALESCE(MAX(id), 0) AS size FROM partners) ids
       )
       SELECT (SELECT COUNT(*) FROM (${matches} LIMIT (SELECT bound + 1 FROM directory)) found)
                AS counted, size, bound
       FROM directory`,
      parameters,
    );
    const counted = Number(row.counted);
    const max = Number(row.bound);
    return { total: Math.min(counted, max), exact: counted <= max, size: Number(row.size) };
  }

  /** A partner with its contacts (by name). */
  async get(id: number): Promise<Partner> {
    const partner = await this.partners.findOne({
      where: { id },
      relations: { contacts: true },
      order: { contacts: { fullName: 'ASC', id: 'ASC' } },
    });
    if (!partner) throw new NotFoundError('partner', id);
    return partner;
  }

  async listContacts(partnerId: number, query: PageQueryDto): Promise<Page<Contact>> {
    if (!(await this.partners.existsBy({ id: partnerId }))) {
      throw new NotFoundError('partner', partnerId);
    }
    const [items, total] = await this.contacts.findAndCount({
      where: { partnerId },
      order: { fullName: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return pageOf(items, total, query);
  }

  async getContact(id: number): Promise<Contact> {
    const contact = await this.contacts.findOneBy({ id });
    if (!contact) throw new NotFoundError('contact', id);
    return contact;
  }

  /** Partners whose name keys are among these (CSV import matching). */
  partnersByNameKey(manager: EntityManager, keys: string[]): Promise<Partner[]> {
    return keys.length
      ? manager.getRepository(Partner).findBy({ nameKey: In(keys) })
      : Promise.resolve([]);
  }

  /** Contacts of these partners, or with these email keys (CSV import matching). */
  async contactsFor(
    manager: EntityManager,
    partnerIds: number[],
    emailKeys: string[],
  ): Promise<Contact[]> {
    const repo = manager.getRepository(Contact);
    const found = new Map<number, Contact>();
    if (partnerIds.length) {
      for (const c of await repo.findBy({ partnerId: In(partnerIds) })) found.set(c.id, c);
    }
    if (emailKeys.length) {
      for (const c of await repo.findBy({ emailKey: In(emailKeys) })) found.set(c.id, c);
    }
    return [...found.values()];
  }

  // ---- partners -----------------------------------------------------------------------------

  /** How many partners the directory holds, archived ones included. */
  countAll(): Promise<number> {
    return this.partners.count();
  }

  create(actor: Actor, dto: CreatePartnerDto): Promise<Partner> {
    return this.transactions.run((manager) => this.createIn(manager, actor, dto));
  }

  async createIn(manager: EntityManager, actor: Actor, dto: CreatePartnerDto): Promise<Partner> {
    const repo = manager.getRepository(Partner);
    const partner = repo.create({ active: true, archivedAt: null });
    for (const field of PARTNER_FIELDS) assign(partner, field, dto[field] ?? null);
    partner.nameKey = nameKeyOf(partner.name);
    await this.assertNameFree(manager, partner);
    assertCoordinates(partner);
    partner.searchText = searchTextOf(partner, []);
    const saved = await repo.save(partner);
    await this.audit.record(manager, actor, {
      entityType: 'partner',
      entityId: saved.id,
      action: 'create',
      changes: diff({}, saved, PARTNER_AUDITED),
    });
    return saved;
  }

  update(actor: Actor, id: number, dto: UpdatePartnerDto): Promise<Partner> {
    return this.transactions.run(async (manager) =>
      this.updateIn(manager, actor, await this.partnerIn(manager, id), dto),
    );
  }

  /** Changes the fields given (undefined: unchanged); no change, no write, no audit entry. */
  async updateIn(
    manager: EntityManager,
    actor: Actor,
    partner: Partner,
    dto: UpdatePartnerDto,
  ): Promise<Partner> {
    const before = { ...partner };
    for (const field of PARTNER_FIELDS) {
      if (dto[field] !== undefined) assign(partner, field, dto[field] ?? null);
    }
    const changes = diff(before, partner, PARTNER_AUDITED);
    if (Object.keys(changes).length === 0) return partner;
    partner.nameKey = nameKeyOf(partner.name);
    if (partner.nameKey !== before.nameKey) await this.assertNameFree(manager, partner);
    assertCoordinates(partner);
    partner.searchText = searchTextOf(partner, await this.contactNames(manager, partner.id));
    await manager.getRepository(Partner).save(partner);
    await this.audit.record(manager, actor, {
      entityType: 'partner',
      entityId: partner.id,
      action: 'update',
      changes,
    });
    return partner;
  }

  /** Archived partners keep their data and history; they leave lists unless asked for. */
  archive(actor: Actor, id: number): Promise<Partner> {
    return this.setActive(actor, id, false);
  }

  restore(actor: Actor, id: number): Promise<Partner> {
    return this.setActive(actor, id, true);
  }

  private setActive(actor: Actor, id: number, active: boolean): Promise<Partner> {
    return this.transactions.run(async (manager) => {
      const partner = await this.partnerIn(manager, id);
      if (partner.active === active) return partner;
      const before = { ...partner };
      partner.active = active;
      partner.archivedAt = active ? null : this.clock.now();
      await manager.getRepository(Partner).save(partner);
      await this.audit.record(manager, actor, {
        entityType: 'partner',
        entityId: id,
        action: active ? 'restore' : 'archive',
        changes: diff(before, partner, ['active', 'archivedAt']),
      });
      return partner;
    });
  }

  /** Deletes a partner and its contacts, only when no feature holds history about it. */
  remove(actor: Actor, id: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      const partner = await this.partnerIn(manager, id);
      const history = await this.history.historyOf(manager, id);
      if (history.length > 0) {
        throw new ConflictError({
          key: 'errors.partner.hasHistory',
          params: {
            name: partner.name,
            history: { keys: history.map((kind) => `partnersPages.history.${kind}`) },
          },
        });
      }
      const contacts = await manager.getRepository(Contact).findBy({ partnerId: id });
      for (const contact of contacts) {
        await this.audit.record(manager, actor, {
          entityType: 'contact',
          entityId: contact.id,
          action: 'delete',
          changes: diff(contact, {}, CONTACT_AUDITED),
        });
      }
      await manager.getRepository(Contact).delete({ partnerId: id });
      await manager.getRepository(Partner).delete({ id });
      await this.audit.record(manager, actor, {
        entityType: 'partner',
        entityId: id,
        action: 'delete',
        changes: diff(partner, {}, PARTNER_AUDITED),
      });
    });
  }

  // ---- contacts -----------------------------------------------------------------------------

  createContact(actor: Actor, partnerId: number, dto: CreateContactDto): Promise<Contact> {
    return this.transactions.run(async (manager) => {
      await this.partnerIn(manager, partnerId);
      return this.createContactIn(manager, actor, partnerId, dto);
    });
  }

  /** `consentSource`: where a consent comes from when the request does not say ("staff"). */
  async createContactIn(
    manager: EntityManager,
    actor: Actor,
    partnerId: number,
    dto: CreateContactDto,
    consentSource = 'staff',
  ): Promise<Contact> {
    const repo = manager.getRepository(Contact);
    const contact = repo.create({
      partnerId,
      newsletterConsent: false,
      newsletterConsentAt: null,
      newsletterConsentSource: null,
      receivesMinutes: true,
    });
    for (const field of CONTACT_FIELDS) {
      if (dto[field] !== undefined) assign(contact, field, dto[field]);
    }
    for (const field of ['jobTitle', 'email', 'phone', 'notes'] as const) {
      contact[field] = contact[field] ?? null;
    }
    contact.receivesMinutes = dto.receivesMinutes ?? true;
    contact.emailKey = emailKeyOf(contact.email);
    await this.assertEmailFree(manager, contact);
    if (dto.newsletterConsent != null) {
      this.recordConsent(
        contact,
        dto.newsletterConsent,
        dto.newsletterConsentSource ?? consentSource,
      );
    }
    const saved = await repo.save(contact);
    await this.refreshSearchText(manager, partnerId);
    await this.audit.record(manager, actor, {
      entityType: 'contact',
      entityId: saved.id,
      action: 'create',
      changes: diff({}, saved, CONTACT_AUDITED),
    });
    return saved;
  }

  updateContact(actor: Actor, id: number, dto: UpdateContactDto): Promise<Contact> {
    return this.transactions.run(async (manager) => {
      const contact = await manager.getRepository(Contact).findOneBy({ id });
      if (!contact) throw new NotFoundError('contact', id);
      return this.updateContactIn(manager, actor, contact, dto);
    });
  }

  async updateContactIn(
    manager: EntityManager,
    actor: Actor,
    contact: Contact,
    dto: UpdateContactDto,
    consentSource = 'staff',
  ): Promise<Contact> {
    const before = { ...contact };
    for (const field of CONTACT_FIELDS) {
      if (dto[field] !== undefined) assign(contact, field, dto[field] ?? null);
    }
    contact.emailKey = emailKeyOf(contact.email);
    if (contact.emailKey !== before.emailKey) await this.assertEmailFree(manager, contact);
    if (dto.newsletterConsent != null && dto.newsletterConsent !== contact.newsletterConsent) {
      this.recordConsent(
        contact,
        dto.newsletterConsent,
        dto.newsletterConsentSource ?? consentSource,
      );
    }
    const changes = diff(before, contact, CONTACT_AUDITED);
    if (Object.keys(changes).length === 0) return contact;
    await manager.getRepository(Contact).save(contact);
    if (contact.fullName !== before.fullName)
      await this.refreshSearchText(manager, contact.partnerId);
    await this.audit.record(manager, actor, {
      entityType: 'contact',
      entityId: contact.id,
      action: 'update',
      changes,
    });
    return contact;
  }

  removeContact(actor: Actor, id: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      const contact = await manager.getRepository(Contact).findOneBy({ id });
      if (!contact) throw new NotFoundError('contact', id);
      await manager.getRepository(Contact).delete({ id });
      await this.refreshSearchText(manager, contact.partnerId);
      await this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: id,
        action: 'delete',
        changes: diff(contact, {}, CONTACT_AUDITED),
      });
    });
  }

  // ---- rules --------------------------------------------------------------------------------

  private async partnerIn(manager: EntityManager, id: number): Promise<Partner> {
    const partner = await manager.getRepository(Partner).findOneBy({ id });
    if (!partner) throw new NotFoundError('partner', id);
    return partner;
  }

  private async assertNameFree(manager: EntityManager, partner: Partner): Promise<void> {
    const other = await manager.getRepository(Partner).findOneBy({ nameKey: partner.nameKey });
    if (other && other.id !== partner.id) {
      throw new ConflictError(
        { key: 'errors.partner.nameTaken', params: { name: other.name, id: other.id } },
        'name',
      );
    }
  }

  private async assertEmailFree(manager: EntityManager, contact: Contact): Promise<void> {
    if (!contact.emailKey) return;
    const other = await manager.getRepository(Contact).findOneBy({ emailKey: contact.emailKey });
    if (other && other.id !== contact.id) {
      throw new ConflictError(
        {
          key: 'errors.contact.emailTaken',
          params: { email: contact.email ?? '', id: other.id, name: other.fullName },
        },
        'email',
      );
    }
  }

  /** Consent changes carry their date (from the clock) and their source. */
  private recordConsent(contact: Contact, consent: boolean, source: string): void {
    contact.newsletterConsent = consent;
    contact.newsletterConsentAt = this.clock.now();
    contact.newsletterConsentSource = source;
  }

  private async contactNames(manager: EntityManager, partnerId: number): Promise<string[]> {
    const contacts = await manager.getRepository(Contact).find({
      select: { fullName: true },
      where: { partnerId },
      order: { id: 'ASC' },
    });
    return contacts.map((c) => c.fullName);
  }

  /** Recomputes a partner's search text after one of its contacts changed. */
  private async refreshSearchText(manager: EntityManager, partnerId: number): Promise<void> {
    const partner = await this.partnerIn(manager, partnerId);
    const searchText = searchTextOf(partner, await this.contactNames(manager, partnerId));
    if (searchText !== partner.searchText) {
      await manager.getRepository(Partner).update({ id: partnerId }, { searchText });
    }
  }
}

function assign<T, K extends keyof T>(target: T, field: K, value: unknown): void {
  target[field] = value as T[K];
}

function assertCoordinates(partner: Partner): void {
  if ((partner.latitude === null) !== (partner.longitude === null)) {
    throw new RuleViolationError(
      'errors.input.coordinatesPaired',
      partner.latitude === null ? 'latitude' : 'longitude',
    );
  }
}
