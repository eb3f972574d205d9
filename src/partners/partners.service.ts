import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, AuditRecord, AuditService, diff } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { chunked, insertMany } from '../database/insert-many';
import { Transactions } from '../database/transactions';
import { ContactsService } from './contacts/contacts.service';
import type { CreatePartnerDto } from './create-partner.dto';
import type { ListPartnersQueryDto, PartnerFilterDto } from './list/list-partners-query.dto';
import { Partner } from './partner.entity';
import {
  countPartnerMatches,
  ListedPartner,
  listedPartnerOf,
  readPartnerBatch,
  readPartnerPage,
} from './list/partner-list.queries';
import { pageVia, SearchWords } from './list/partner-search';
import { PartnerHistoryRegistry } from './partner-history.registry';
import {
  assertCoordinates,
  assertNameFree,
  assertNamesFree,
  assign,
  contactNames,
  looseNameKeyOf,
  nameKeyOf,
  nameKeyVariants,
  PARTNER_AUDITED,
  PARTNER_FIELDS,
  partnerIn,
  searchTextOf,
  wordsKeyOf,
} from './partner-rules';
import type { UpdatePartnerDto } from './update-partner.dto';

/** Partners per batch of the CSV export (each with its contacts, 5 on average at L). */
export const EXPORT_BATCH_SIZE = 500;

/**
 * The partner directory's rules for partners (contacts: ContactsService): unique names, search
 * text kept up to date, archive rather than delete when a partner has history, an audit entry for
 * every change. The `...In(manager, ...)` methods run inside a caller's transaction (CSV import, demo
 * data); the others open their own.
 */
@Injectable()
export class PartnersService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    private readonly contacts: ContactsService,
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
    const byPartner = await this.contacts.byPartner(partners.map((p) => p.id));
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

  /** How many partners match (see countPartnerMatches), with the plan the search index allows. */
  private countMatches(
    manager: EntityManager,
    filter: PartnerFilterDto,
    words: SearchWords,
    offset: number,
    limit: number,
  ): Promise<{ total: number; exact: boolean; size: number }> {
    return countPartnerMatches(manager, filter, words, this.indexed(filter, words), offset, limit);
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

  /** Partners whose name keys are among these (CSV import matching), one read per chunk. */
  async partnersByNameKey(manager: EntityManager, keys: string[]): Promise<Partner[]> {
    const partners: Partner[] = [];
    for (const chunk of chunked(keys, 1)) {
      partners.push(...(await manager.getRepository(Partner).findBy({ nameKey: In(chunk) })));
    }
    return partners;
  }

  /**
   * The partners of the directory that names designate, archived ones included, by the words of
   * each name (`wordsKeyOf`): every stored spelling of its loose key first (d'Arles finds
   * d’Arles, Coeur finds Cœur: indexed), then its words alone ("Grand-Orly" / "Grand Orly", a
   * dash typed as a hyphen) when exactly one partner has them.
   */
  async partnersNamed(manager: EntityManager, names: string[]): Promise<Map<string, Partner>> {
    const wanted = new Set(names.map(wordsKeyOf));
    const keys = [...new Set(names.map(looseNameKeyOf))].flatMap(nameKeyVariants);
    const found = new Map(
      (await this.partnersByNameKey(manager, keys)).map((p) => [wordsKeyOf(p.name), p]),
    );
    if ([...wanted].every((key) => found.has(key))) return found;
    const byWords = new Map<string, number[]>();
    const all = await manager.getRepository(Partner).find({ select: { id: true, name: true } });
    for (const { id, name } of all) {
      const key = wordsKeyOf(name);
      if (wanted.has(key) && !found.has(key)) byWords.set(key, [...(byWords.get(key) ?? []), id]);
    }
    const unique = [...byWords.values()].filter((ids) => ids.length === 1).flat();
    for (const chunk of chunked(unique, 500)) {
      for (const partner of await manager.getRepository(Partner).findBy({ id: In(chunk) }))
        found.set(wordsKeyOf(partner.name), partner);
    }
    return found;
  }

  /** Partners' names by id (none read for no ids). */
  async namesByIds(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    for (const chunk of chunked([...new Set(ids)], 500))
      for (const { id, name } of await manager
        .getRepository(Partner)
        .find({ select: { id: true, name: true }, where: { id: In(chunk) } }))
        names.set(id, name);
    return names;
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
    const partner = newPartner(manager, dto);
    await assertNameFree(manager, partner);
    assertCoordinates(partner);
    partner.searchText = searchTextOf(partner, []);
    const saved = await manager.getRepository(Partner).save(partner);
    await this.audit.record(manager, actor, createdEntry(saved));
    return saved;
  }

  /**
   * createIn for many partners with different names (the CSV import), each given the names of
   * the contacts about to be created for it, in their order: its search text is written once,
   * with the partner. A few multi-row statements whatever the number; the partners returned, in
   * the same order, have their ids but not their creation dates (no reload).
   */
  async createManyIn(
    manager: EntityManager,
    actor: Actor,
    items: { dto: CreatePartnerDto; contactNames: string[] }[],
  ): Promise<Partner[]> {
    const partners = items.map(({ dto }) => newPartner(manager, dto));
    await assertNamesFree(manager, partners);
    partners.forEach((partner, k) => {
      assertCoordinates(partner);
      partner.searchText = searchTextOf(partner, items[k].contactNames);
    });
    await insertMany(manager, Partner, partners);
    await this.audit.recordMany(manager, actor, partners.map(createdEntry));
    return partners;
  }

  update(actor: Actor, id: number, dto: UpdatePartnerDto): Promise<Partner> {
    return this.transactions.run(async (manager) =>
      this.updateIn(manager, actor, await partnerIn(manager, id), dto),
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
    if (partner.nameKey !== before.nameKey) await assertNameFree(manager, partner);
    assertCoordinates(partner);
    partner.searchText = searchTextOf(partner, await contactNames(manager, partner.id));
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
      const partner = await partnerIn(manager, id);
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
      const partner = await partnerIn(manager, id);
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
      await this.contacts.removeAllOfPartnerIn(manager, actor, id);
      await manager.getRepository(Partner).delete({ id });
      await this.audit.record(manager, actor, {
        entityType: 'partner',
        entityId: id,
        action: 'delete',
        changes: diff(partner, {}, PARTNER_AUDITED),
      });
    });
  }
}

/** A new, active partner as the request gives it (name key set; rules and search text to come). */
function newPartner(manager: EntityManager, dto: CreatePartnerDto): Partner {
  const partner = manager.getRepository(Partner).create({ active: true, archivedAt: null });
  for (const field of PARTNER_FIELDS) assign(partner, field, dto[field] ?? null);
  partner.nameKey = nameKeyOf(partner.name);
  return partner;
}

const createdEntry = (partner: Partner): AuditRecord => ({
  entityType: 'partner',
  entityId: partner.id,
  action: 'create',
  changes: diff({}, partner, PARTNER_AUDITED),
});
