import type { Actor } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import type { Contact } from '../partners/contacts/contact.entity';
import type { Partner } from '../partners/partner.entity';
import { ContactsService } from '../partners/contacts/contacts.service';
import { emailKeyOf, nameKeyOf } from '../partners/partner-rules';
import { PartnersService } from '../partners/partners.service';
import { DemoCalendar, Timeline } from './demo-calendar';
import { DEMO_PARTNERS } from './demo-partners';
import type { DemoPartner } from './demo-people';

/** Partners that join the network recently, so the newsletter has newcomers to announce. */
const NEWCOMERS = new Set(['Transports Berthier et fils', 'Clinique des Bords de Seine']);

/** What the consent of a demo contact says about where it comes from. */
const CONSENT_SOURCE = 'données de démonstration';

/** How the rest of the story names a partner: its short name, or its name. */
export function refOf(partner: Pick<DemoPartner, 'name' | 'shortName'>): string {
  return partner.shortName ?? partner.name;
}

export interface NetworkCounts {
  partners: number;
  contacts: number;
  skipped: number;
}

/** The demo partners and their contacts, as they are in the database (created or found). */
export class DemoNetwork {
  private readonly byRef = new Map<string, Partner>();
  private readonly contactsOf = new Map<number, Contact[]>();
  readonly counts: NetworkCounts = { partners: 0, contacts: 0, skipped: 0 };

  constructor(
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly transactions: Transactions,
  ) {}

  partner(ref: string): Partner {
    const partner = this.byRef.get(ref);
    if (!partner) throw new Error(`The demo names an unknown partner: ${ref}`);
    return partner;
  }

  /**
   * The partner's first contact (who answers, comes, presents, follows up); none only for a
   * partner of the same name that was there before the demo without contacts.
   */
  contact(ref: string): Contact | undefined {
    return this.contactsOf.get(this.partner(ref).id)?.[0];
  }

  /** The first contact's id in a list, or an empty list. */
  contactIds(ref: string): number[] {
    const contact = this.contact(ref);
    return contact ? [contact.id] : [];
  }

  /**
   * Plans the creation of the partners and contacts not there yet (same name, or same email,
   * ignoring case and accents as the directory does): most four months ago, newcomers lately.
   */
  async plan(timeline: Timeline, calendar: DemoCalendar, actor: Actor): Promise<void> {
    const { partners: existing, emails } = await this.existing();
    for (const demo of DEMO_PARTNERS) {
      const found = existing.get(nameKeyOf(demo.name));
      if (found) {
        this.counts.skipped += 1;
        this.byRef.set(refOf(demo), found.partner);
        this.contactsOf.set(found.partner.id, found.contacts);
        continue;
      }
      const joined = NEWCOMERS.has(demo.name)
        ? calendar.at(-20, '11:00')
        : calendar.at(-130, '10:00');
      timeline.add(joined, () => this.create(demo, emails, actor));
    }
  }

  private async create(demo: DemoPartner, emails: Set<string>, actor: Actor): Promise<void> {
    const { contacts, ...fields } = demo;
    const partner = await this.partners.create(actor, fields);
    this.counts.partners += 1;
    this.byRef.set(refOf(demo), partner);
    const created: Contact[] = [];
    for (const contact of contacts) {
      const key = emailKeyOf(contact.email);
      if (key && emails.has(key)) continue;
      const dto = contact.newsletterConsent
        ? { ...contact, newsletterConsentSource: CONSENT_SOURCE }
        : contact;
      created.push(await this.contacts.createContact(actor, partner.id, dto));
      this.counts.contacts += 1;
    }
    this.contactsOf.set(partner.id, created);
  }

  private existing(): Promise<{
    partners: Map<string, { partner: Partner; contacts: Contact[] }>;
    emails: Set<string>;
  }> {
    return this.transactions.run(async (manager) => {
      const keys = DEMO_PARTNERS.map((p) => nameKeyOf(p.name));
      const found = await this.partners.partnersByNameKey(manager, keys);
      const emailKeys = DEMO_PARTNERS.flatMap((p) => p.contacts.map((c) => emailKeyOf(c.email)));
      const contacts = await this.contacts.contactsFor(
        manager,
        found.map((p) => p.id),
        emailKeys.filter((key): key is string => !!key),
      );
      const partners = new Map(
        found.map((partner) => [
          partner.nameKey,
          {
            partner,
            contacts: contacts
              .filter((c) => c.partnerId === partner.id)
              .sort((a, b) => a.id - b.id),
          },
        ]),
      );
      return { partners, emails: new Set(contacts.map((c) => c.emailKey ?? '')) };
    });
  }
}
