import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { isUnsafeText, unsafeTextError } from '../../common/input-guards';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../audit/audit.service';
import { normalizeForSearch } from '../../common/text';
import { flattenValidationErrors } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import type { Contact } from '../contacts/contact.entity';
import { CreateContactDto } from '../contacts/create-contact.dto';
import { CreatePartnerDto } from '../create-partner.dto';
import type { Partner } from '../partner.entity';
import { problem, readTable } from './import-table';
import {
  type ImportAction,
  type ImportCounts,
  type ImportOutcome,
  type ImportRow,
  type ImportSummary,
} from './partners-import.report';
import { PartnerKindLabels } from '../partner-kind-labels';
import { actionOf, changesOf, keepLeadingZero, same } from './import-changes';
import { cellValue, columnOf, CsvProblem, CsvRecord, labelOf } from './partners-csv';
import { emailKeyOf, wordsKeyOf, PARTNER_FIELDS, refreshSearchText } from '../partner-rules';
import { ContactsService } from '../contacts/contacts.service';
import { PartnersService } from '../partners.service';

interface ValidRecord {
  row: number;
  partner: CreatePartnerDto;
  contact: CreateContactDto | null;
}

interface PartnerPlan {
  dto: CreatePartnerDto;
  action: ImportAction;
  existing: Partner | undefined;
  changes: string[];
  contacts: ContactPlan[];
}

interface ContactPlan {
  row: number;
  /** null: a row of a partner without contact. */
  dto: CreateContactDto | null;
  action: ImportAction;
  existing: Contact | undefined;
  changes: string[];
}

/**
 * CSV import of the partner directory. A dry run by default: the report says, row by row, which
 * partner and which contact would be created, updated or left unchanged, and which rows are wrong
 * and why. Applied on request, all in one transaction, and only when every row is right.
 * Partners are matched by name (ignoring case and accents), contacts by email (ignoring case),
 * or, without email, by name among the partner's contacts without email.
 */
@Injectable()
export class PartnersImportService {
  constructor(
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly transactions: Transactions,
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly kinds: PartnerKindLabels,
  ) {}

  async import(buffer: Buffer, options: { apply: boolean; actor: Actor }): Promise<ImportOutcome> {
    const table = await readTable(buffer);
    const { records, problems } = table;
    const valid = this.validate(records, problems);
    const outcome = async (): Promise<Omit<ImportOutcome, 'ignoredColumns' | 'contactColumns'>> => {
      if (!options.apply) {
        return this.report(await this.plan(this.manager, valid, problems), problems, false);
      }
      return this.transactions.run(async (manager) => {
        const plans = await this.plan(manager, valid, problems);
        if (problems.length > 0) return this.report(plans, problems, false);
        await this.execute(manager, plans, options.actor);
        return this.report(plans, problems, true);
      });
    };
    const result = await outcome();
    // Problems name a column as the file does ("Courriel du contact"), not as the export does.
    const errors = result.errors.map((found) => ({
      ...found,
      column: (found.column && table.headers.get(found.column)) ?? found.column,
    }));
    const { ignoredColumns, contactColumns } = table;
    return { ...result, errors, ignoredColumns, contactColumns };
  }

  /** Checks each row with the API's own DTOs; problems name the row and the column. */
  private validate(records: CsvRecord[], problems: CsvProblem[]): ValidRecord[] {
    const valid: ValidRecord[] = [];
    for (const record of records) {
      // No type: it can only update a partner the directory has (the plan checks that), which
      // keeps its own; the rules are checked with a stand-in.
      const untyped = !record.partner.kind;
      if (untyped) record.partner.kind = 'other';
      const partner = this.check(CreatePartnerDto, 'partner', record, problems);
      if (partner && untyped) delete (partner as Partial<CreatePartnerDto>).kind;
      const hasContact = Object.values(record.contact).some((v) => v !== '');
      const contact = hasContact ? this.check(CreateContactDto, 'contact', record, problems) : null;
      if (partner && (contact || !hasContact)) valid.push({ row: record.row, partner, contact });
    }
    return valid;
  }

  private check<T extends object>(
    type: new () => T,
    scope: 'partner' | 'contact',
    record: CsvRecord,
    problems: CsvProblem[],
  ): T | null {
    const raw = { ...record[scope] };
    let refused = false;
    // Kinds come as people write them ("Mission locale", "CCAS"): the DTO wants the slug.
    if (scope === 'partner' && raw.kind) {
      const kind = this.kinds.kindOf(raw.kind);
      if (kind) raw.kind = kind;
      else {
        refused = true;
        problems.push(this.unknownKind(record.row, raw.kind));
        delete raw.kind;
      }
    }
    const plain = Object.fromEntries(
      Object.entries(raw).map(([field, cell]) => [field, cellValue(cell, columnOf(scope, field))]),
    );
    const dto = plainToInstance(type, plain);
    const errors = flattenValidationErrors(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }),
    ).filter((error) => !(refused && error.field === 'kind'));
    // The file never passes the HTTP input guards (it is a file, not a field): same rule here.
    for (const [field, cell] of Object.entries(raw)) {
      if (isUnsafeText(cell)) errors.push(unsafeTextError(field).errors[0]);
    }
    const prefix = scope === 'partner' ? 'partnersPages.error' : 'partnersPages.contactError';
    // One problem per field, in the pages' wording of the field's rule; a NUL has its own.
    for (const error of errors) {
      problems.push({
        row: record.row,
        column: labelOf(scope, error.field),
        text: {
          key: isUnsafeText(raw[error.field] ?? '')
            ? 'partnersPages.import.error.unsafeText'
            : `${prefix}.${error.field}`,
        },
      });
    }
    return errors.length || refused ? null : dto;
  }

  private unknownKind(row: number, value: string): CsvProblem {
    const labels = this.kinds.labels().join(', ');
    return problem(row, labelOf('partner', 'kind'), 'unknownKind', { value, labels });
  }

  /** Matches rows with the database and decides what each would do; adds the conflicts found. */
  private async plan(
    manager: EntityManager,
    records: ValidRecord[],
    problems: CsvProblem[],
  ): Promise<PartnerPlan[]> {
    const groups = new Map<string, { first: ValidRecord; records: ValidRecord[] }>();
    for (const record of records) {
      const key = wordsKeyOf(record.partner.name);
      const group = groups.get(key);
      if (!group) {
        groups.set(key, { first: record, records: [record] });
        continue;
      }
      const differing = PARTNER_FIELDS.find(
        (f) => f !== 'name' && !same(record.partner[f], group.first.partner[f]),
      );
      if (differing) {
        problems.push(
          problem(record.row, labelOf('partner', differing), 'differs', { first: group.first.row }),
        );
      } else {
        group.records.push(record);
      }
    }

    const partnerByKey = await this.partners.partnersNamed(
      manager,
      [...groups.values()].map((group) => group.first.partner.name),
    );
    const existingPartners = [...partnerByKey.values()];
    const emailKeys = records.flatMap((r) => emailKeyOf(r.contact?.email) ?? []);
    const existingContacts = await this.contacts.contactsFor(
      manager,
      existingPartners.map((p) => p.id),
      emailKeys,
    );
    const contactByEmail = new Map(
      existingContacts.filter((c) => c.emailKey).map((c) => [c.emailKey, c]),
    );
    // The partners of contacts an address of the file already belongs to, named in the problem.
    const otherPartners = await this.partners.namesByIds(
      manager,
      existingContacts
        .map((c) => c.partnerId)
        .filter((id) => !existingPartners.some((p) => p.id === id)),
    );
    const byName = (contacts: Contact[]) =>
      new Map(contacts.map((c) => [`${c.partnerId}|${normalizeForSearch(c.fullName)}`, c]));
    const present = existingContacts.filter((c) => !c.erasedAt);
    const contactByName = byName(present.filter((c) => !c.emailKey));
    const anyContactByName = byName(present);
    const seen = new Map<string, number>();

    const plans: PartnerPlan[] = [];
    for (const [key, group] of groups) {
      const existing = partnerByKey.get(key);
      const dto = group.first.partner;
      if (!existing && !dto.kind) {
        problems.push(problem(group.first.row, labelOf('partner', 'kind'), 'kindForNew'));
        continue;
      }
      if (existing) keepLeadingZero(existing, dto);
      // The name found the partner: another spelling of it (case, accents, dashes) renames nothing.
      const changes = existing
        ? PARTNER_FIELDS.filter(
            (f) => f !== 'name' && dto[f] !== undefined && !same(existing[f], dto[f]),
          )
        : [];
      const plan: PartnerPlan = {
        dto,
        action: actionOf(existing, changes),
        existing,
        changes,
        contacts: [],
      };
      for (const record of group.records) {
        const contact = record.contact;
        if (!contact) {
          plan.contacts.push({
            row: record.row,
            dto: null,
            action: 'unchanged',
            existing: undefined,
            changes: [],
          });
          continue;
        }
        const emailKey = emailKeyOf(contact.email);
        const identity = emailKey ?? `${key}|${normalizeForSearch(contact.fullName)}`;
        const earlier = seen.get(identity);
        if (earlier !== undefined) {
          problems.push(
            problem(
              record.row,
              labelOf('contact', emailKey ? 'email' : 'fullName'),
              'sameContact',
              { first: earlier },
            ),
          );
          continue;
        }
        seen.set(identity, record.row);
        // By email; else by name among the partner's contacts without email (who may gain one);
        // a row that gives no email finds the person of that name whatever their address.
        const nameKey = `${existing?.id}|${normalizeForSearch(contact.fullName)}`;
        const match =
          (emailKey ? contactByEmail.get(emailKey) : undefined) ??
          contactByName.get(nameKey) ??
          (contact.email ? undefined : anyContactByName.get(nameKey));
        if (match && match.partnerId !== existing?.id) {
          problems.push(
            problem(record.row, labelOf('contact', 'email'), 'emailTaken', {
              email: contact.email ?? '',
              name: match.fullName,
              partner: otherPartners.get(match.partnerId) ?? `n° ${match.partnerId}`,
            }),
          );
          continue;
        }
        // Another spelling of the same name (capitals, accents) renames nobody, as for partners.
        if (match && normalizeForSearch(match.fullName) === normalizeForSearch(contact.fullName))
          contact.fullName = match.fullName;
        const contactChanges = match ? changesOf(match, contact) : [];
        plan.contacts.push({
          row: record.row,
          dto: contact,
          action: actionOf(match, contactChanges),
          existing: match,
          changes: contactChanges,
        });
      }
      plans.push(plan);
    }
    return plans;
  }

  /**
   * Writes the plan through the directory's rules (search text, consent dates, audit): changes
   * one by one, creations in a few multi-row statements for the whole file. A partner's search
   * text is written once: with the partner when it is new (all its contacts are in the file),
   * else after its contacts.
   */
  private async execute(manager: EntityManager, plans: PartnerPlan[], actor: Actor): Promise<void> {
    for (const plan of plans) {
      if (plan.existing && plan.action === 'update') {
        await this.partners.updateIn(manager, actor, plan.existing, {
          ...plan.dto,
          name: undefined,
        });
      }
    }
    const fresh = plans.filter((plan) => !plan.existing);
    const created = await this.partners.createManyIn(
      manager,
      actor,
      fresh.map((plan) => ({
        dto: plan.dto,
        contactNames: plan.contacts.flatMap((contact) => contact.dto?.fullName ?? []),
      })),
    );
    fresh.forEach((plan, k) => (plan.existing = created[k]));

    const writing = { consentSource: 'import', deferPartnerSearchText: true };
    const creating: { partnerId: number; contact: ContactPlan }[] = [];
    const refresh = new Set<number>();
    for (const plan of plans) {
      const partnerId = plan.existing!.id;
      for (const contact of plan.contacts) {
        if (!contact.dto) continue;
        if (!contact.existing) creating.push({ partnerId, contact });
        else if (contact.action === 'update') {
          await this.contacts.updateContactIn(
            manager,
            actor,
            contact.existing,
            contact.dto,
            writing,
          );
        } else continue;
        if (plan.action !== 'create') refresh.add(partnerId);
      }
    }
    const contacts = await this.contacts.createContactsIn(
      manager,
      actor,
      creating.map(({ partnerId, contact }) => ({ partnerId, dto: contact.dto! })),
      writing,
    );
    creating.forEach(({ contact }, k) => (contact.existing = contacts[k]));
    // Once per partner, after its contacts (their names are part of its search text).
    for (const partnerId of refresh) await refreshSearchText(manager, partnerId);
  }

  private report(
    plans: PartnerPlan[],
    problems: CsvProblem[],
    applied: boolean,
  ): Omit<ImportOutcome, 'ignoredColumns' | 'contactColumns'> {
    const counts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0 });
    const summary: ImportSummary = {
      rows: 0,
      partners: counts(),
      contacts: counts(),
      errors: problems.length,
    };
    const rows: ImportRow[] = [];
    for (const plan of plans) {
      summary.partners[plan.action] += 1;
      for (const contact of plan.contacts) {
        if (contact.dto) summary.contacts[contact.action] += 1;
        rows.push({
          row: contact.row,
          partner: {
            action: plan.action,
            id: plan.existing?.id ?? null,
            name: plan.dto.name,
            changes: plan.changes,
          },
          contact: contact.dto
            ? {
                action: contact.action,
                id: contact.existing?.id ?? null,
                fullName: contact.dto.fullName,
                email: contact.dto.email ?? null,
                changes: contact.changes,
              }
            : null,
        });
      }
    }
    rows.sort((a, b) => a.row - b.row);
    summary.rows = rows.length;
    return { applied, summary, rows, errors: [...problems].sort((a, b) => a.row - b.row) };
  }
}
