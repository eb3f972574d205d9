import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Actor, AuditRecord, AuditService, diff } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { ConflictError, NotFoundError } from '../../common/domain-errors';
import { Page, pageOf, PageQueryDto } from '../../common/pagination';
import { chunked, insertMany } from '../../database/insert-many';
import { Transactions } from '../../database/transactions';
import { ConsentChange, ConsentQueries } from './consent.queries';
import { Contact } from './contact.entity';
import type { CreateContactDto } from './create-contact.dto';
import { Partner } from '../partner.entity';
import {
  assign,
  CONTACT_AUDITED,
  CONTACT_FIELDS,
  emailKeyOf,
  partnerIn,
  refreshSearchText,
} from '../partner-rules';
import type { UpdateContactDto } from './update-contact.dto';

/**
 * The contacts of the partner directory: unique emails (whatever their case), newsletter consent
 * dated and sourced, the partner's search text kept up to date with its contacts' names, an audit
 * entry for every change. The `...In(manager, ...)` methods run inside a caller's transaction (CSV
 * import, demo data, the unsubscribe link); the others open their own.
 */
/**
 * How a contact is written: where a consent comes from when the row does not say, and whether
 * the partner's search text waits for the caller (an import refreshes each partner once, after
 * all its contacts, instead of once per contact).
 */
export interface ContactWriteOptions {
  consentSource?: string;
  deferPartnerSearchText?: boolean;
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly consents: ConsentQueries,
  ) {}

  // ---- reading ------------------------------------------------------------------------------

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

  /** The contacts of these partners by partner, each list by name (the CSV export's batches). */
  async byPartner(partnerIds: number[]): Promise<Map<number, Contact[]>> {
    const byPartner = new Map<number, Contact[]>();
    if (partnerIds.length === 0) return byPartner;
    const contacts = await this.contacts.find({
      where: { partnerId: In(partnerIds) },
      order: { partnerId: 'ASC', fullName: 'ASC', id: 'ASC' },
    });
    for (const contact of contacts) {
      const list = byPartner.get(contact.partnerId);
      if (list) list.push(contact);
      else byPartner.set(contact.partnerId, [contact]);
    }
    return byPartner;
  }

  /** Contacts of these partners, or with these email keys (CSV import matching). */
  async contactsFor(
    manager: EntityManager,
    partnerIds: number[],
    emailKeys: string[],
  ): Promise<Contact[]> {
    const repo = manager.getRepository(Contact);
    const found = new Map<number, Contact>();
    // One read per chunk of values (a 2 MiB file may hold more than a statement takes).
    for (const chunk of chunked(partnerIds, 1)) {
      for (const c of await repo.findBy({ partnerId: In(chunk) })) found.set(c.id, c);
    }
    for (const chunk of chunked(emailKeys, 1)) {
      for (const c of await repo.findBy({ emailKey: In(chunk) })) found.set(c.id, c);
    }
    return [...found.values()];
  }

  // ---- changes ------------------------------------------------------------------------------

  createContact(actor: Actor, partnerId: number, dto: CreateContactDto): Promise<Contact> {
    return this.transactions.run(async (manager) => {
      await partnerIn(manager, partnerId);
      return this.createContactIn(manager, actor, partnerId, dto);
    });
  }

  /** `consentSource`: where a consent comes from when the request does not say ("staff"). */
  async createContactIn(
    manager: EntityManager,
    actor: Actor,
    partnerId: number,
    dto: CreateContactDto,
    { consentSource = 'staff', deferPartnerSearchText = false }: ContactWriteOptions = {},
  ): Promise<Contact> {
    const contact = this.newContact(manager, partnerId, dto);
    await this.assertEmailFree(manager, contact);
    const consents = this.startHistory(contact, dto, consentSource);
    const saved = await manager.getRepository(Contact).save(contact);
    await this.consents.record(manager, actor, saved.id, consents, this.clock.now());
    if (!deferPartnerSearchText) await refreshSearchText(manager, partnerId);
    await this.audit.record(manager, actor, createdEntry(saved));
    return saved;
  }

  /**
   * createContactIn for many contacts with different emails (the CSV import): the same rules and
   * history in a few multi-row statements whatever the number. The contacts returned, in the same
   * order, have their ids but not their creation dates (no reload).
   */
  async createContactsIn(
    manager: EntityManager,
    actor: Actor,
    items: { partnerId: number; dto: CreateContactDto }[],
    { consentSource = 'staff', deferPartnerSearchText = false }: ContactWriteOptions = {},
  ): Promise<Contact[]> {
    const contacts = items.map(({ partnerId, dto }) => this.newContact(manager, partnerId, dto));
    await this.assertEmailsFree(manager, contacts);
    const consents = contacts.map((contact, k) =>
      this.startHistory(contact, items[k].dto, consentSource),
    );
    await insertMany(manager, Contact, contacts);
    await this.consents.recordMany(
      manager,
      actor,
      contacts.map((contact, k) => ({ contactId: contact.id, changes: consents[k] })),
      this.clock.now(),
    );
    if (!deferPartnerSearchText) {
      for (const partnerId of new Set(items.map((item) => item.partnerId))) {
        await refreshSearchText(manager, partnerId);
      }
    }
    await this.audit.recordMany(manager, actor, contacts.map(createdEntry));
    return contacts;
  }

  /** A new contact as the request gives it, before its consents (startHistory). */
  private newContact(manager: EntityManager, partnerId: number, dto: CreateContactDto): Contact {
    const contact = manager.getRepository(Contact).create({
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
    return contact;
  }

  /** The history starts with the contact: the minutes choice, and the consent when one is given. */
  private startHistory(
    contact: Contact,
    dto: CreateContactDto,
    consentSource: string,
  ): ConsentChange[] {
    const consents: ConsentChange[] = [
      { topic: 'minutes', granted: contact.receivesMinutes, source: consentSource },
    ];
    if (dto.newsletterConsent != null) {
      const source = dto.newsletterConsentSource ?? consentSource;
      this.recordConsent(contact, dto.newsletterConsent, source);
      consents.push({ topic: 'newsletter', granted: dto.newsletterConsent, source });
    }
    return consents;
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
    { consentSource = 'staff', deferPartnerSearchText = false }: ContactWriteOptions = {},
  ): Promise<Contact> {
    // An erased contact stays "Contact supprimé": typing the person's data back is refused.
    if (contact.erasedAt) throw new ConflictError('errors.contact.erased');
    const before = { ...contact };
    for (const field of CONTACT_FIELDS) {
      if (dto[field] !== undefined) assign(contact, field, dto[field] ?? null);
    }
    contact.emailKey = emailKeyOf(contact.email);
    if (contact.emailKey !== before.emailKey) await this.assertEmailFree(manager, contact);
    const consents: ConsentChange[] = [];
    if (dto.newsletterConsent != null && dto.newsletterConsent !== contact.newsletterConsent) {
      const source = dto.newsletterConsentSource ?? consentSource;
      this.recordConsent(contact, dto.newsletterConsent, source);
      consents.push({ topic: 'newsletter', granted: dto.newsletterConsent, source });
    }
    if (contact.receivesMinutes !== before.receivesMinutes)
      consents.push({ topic: 'minutes', granted: contact.receivesMinutes, source: consentSource });
    const changes = diff(before, contact, CONTACT_AUDITED);
    if (Object.keys(changes).length === 0) return contact;
    await manager.getRepository(Contact).save(contact);
    await this.consents.record(manager, actor, contact.id, consents, this.clock.now());
    if (contact.fullName !== before.fullName && !deferPartnerSearchText)
      await refreshSearchText(manager, contact.partnerId);
    await this.audit.record(manager, actor, {
      entityType: 'contact',
      entityId: contact.id,
      action: 'update',
      changes,
    });
    return contact;
  }

  /**
   * The contact gives or withdraws the newsletter consent themselves (the unsubscribe link), in
   * the caller's transaction: dated, with its source, audited under that source. Returns the
   * contact as it now is.
   */
  setNewsletterConsentIn(
    manager: EntityManager,
    contact: Contact,
    consent: boolean,
    source: string,
  ): Promise<Contact> {
    return this.updateContactIn(
      manager,
      { label: source },
      contact,
      { newsletterConsent: consent, newsletterConsentSource: source },
      { consentSource: source },
    );
  }

  removeContact(actor: Actor, id: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      const contact = await manager.getRepository(Contact).findOneBy({ id });
      if (!contact) throw new NotFoundError('contact', id);
      await manager.getRepository(Contact).delete({ id });
      await refreshSearchText(manager, contact.partnerId);
      await this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: id,
        action: 'delete',
        changes: diff(contact, {}, CONTACT_AUDITED),
      });
    });
  }

  /** Deletes every contact of a partner that is being deleted, each with its audit entry. */
  async removeAllOfPartnerIn(
    manager: EntityManager,
    actor: Actor,
    partnerId: number,
  ): Promise<void> {
    const contacts = await manager.getRepository(Contact).findBy({ partnerId });
    for (const contact of contacts) {
      await this.audit.record(manager, actor, {
        entityType: 'contact',
        entityId: contact.id,
        action: 'delete',
        changes: diff(contact, {}, CONTACT_AUDITED),
      });
    }
    await manager.getRepository(Contact).delete({ partnerId });
  }

  // ---- rules --------------------------------------------------------------------------------

  private async assertEmailFree(manager: EntityManager, contact: Contact): Promise<void> {
    if (!contact.emailKey) return;
    const other = await manager.getRepository(Contact).findOneBy({ emailKey: contact.emailKey });
    if (other && other.id !== contact.id) throw emailTaken(contact.email ?? '', other);
  }

  /** assertEmailFree for new contacts whose emails differ: one read per chunk of emails. */
  private async assertEmailsFree(manager: EntityManager, contacts: Contact[]): Promise<void> {
    const keys = contacts.flatMap((contact) => contact.emailKey ?? []);
    for (const chunk of chunked(keys, 1)) {
      const other = await manager.getRepository(Contact).findOneBy({ emailKey: In(chunk) });
      if (!other) continue;
      const mine = contacts.find((contact) => contact.emailKey === other.emailKey);
      throw emailTaken(mine?.email ?? '', other);
    }
  }

  /** Consent changes carry their date (from the clock) and their source. */
  private recordConsent(contact: Contact, consent: boolean, source: string): void {
    contact.newsletterConsent = consent;
    contact.newsletterConsentAt = this.clock.now();
    contact.newsletterConsentSource = source;
  }
}

/** The email, as the request spells it, is `other`'s (whatever the case). */
const emailTaken = (email: string, other: Contact): ConflictError =>
  new ConflictError(
    {
      key: 'errors.contact.emailTaken',
      params: { email, id: other.id, name: other.fullName },
    },
    'email',
  );

const createdEntry = (contact: Contact): AuditRecord => ({
  entityType: 'contact',
  entityId: contact.id,
  action: 'create',
  changes: diff({}, contact, CONTACT_AUDITED),
});
