import { Transactions } from '../../src/database/transactions';
import { MailOutbox, OutboxMessageInput } from '../../src/mail/outbox/mail-outbox.service';
import { Contact } from '../../src/partners/contacts/contact.entity';
import { Partner } from '../../src/partners/partner.entity';
import type { ContactResponse } from '../../src/partners/partner.mapper';
import { createContact, createPartner } from './partners';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

let counter = 0;

/** A message with French text, ready to enqueue; override what the test cares about. */
export function aMessage(overrides: Partial<OutboxMessageInput> = {}): OutboxMessageInput {
  counter += 1;
  const email = overrides.to?.email ?? `personne${counter}@partenaire.test`;
  return {
    purpose: 'invitation',
    idempotencyKey: `invitation:${counter}:${email}`,
    to: { email, name: `Hélène Dupré ${counter}` },
    subject: 'Réunion de coordination « Emploi » — 12 €',
    html: '<p>Bonjour, la réunion aura lieu à Liège. Coût : 12 €.</p>',
    text: 'Bonjour, la réunion aura lieu à Liège. Coût : 12 €.',
    ...overrides,
  };
}

/** Enqueues messages in one transaction, as a feature would. */
export async function enqueue(t: TestApp, ...messages: OutboxMessageInput[]): Promise<number[]> {
  const outbox = t.app.get(MailOutbox);
  return t.app.get(Transactions).run(async (manager) => {
    const ids: number[] = [];
    for (const message of messages) ids.push((await outbox.enqueue(manager, message)).id);
    return ids;
  });
}

/** A partner with contacts (consenting to the newsletter or not), through the partners API. */
export async function createContacts(
  staff: Staff,
  contacts: Array<{ name: string; email: string; consent: boolean }>,
): Promise<ContactResponse[]> {
  const partner = await createPartner(staff, { kind: 'mission-locale' });
  const saved: ContactResponse[] = [];
  for (const c of contacts) {
    saved.push(
      await createContact(staff, partner.id, {
        fullName: c.name,
        email: c.email,
        newsletterConsent: c.consent,
      }),
    );
  }
  return saved;
}

/** Many consenting contacts at once, written straight to the database (volume tests). */
export async function createManyContacts(t: TestApp, count: number, consent = true): Promise<void> {
  await t.app.get(Transactions).run(async (manager) => {
    const partner = await manager.getRepository(Partner).save({
      name: `Réseau ${count}`,
      nameKey: `reseau ${count} ${Date.now()}`,
      kind: 'association',
      active: true,
      searchText: '',
    } as Partner);
    const rows = Array.from({ length: count }, (_, i) => ({
      partnerId: partner.id,
      fullName: `Personne ${i + 1}`,
      email: `personne${i + 1}.${partner.id}@volume.test`,
      emailKey: `personne${i + 1}.${partner.id}@volume.test`,
      newsletterConsent: consent,
      newsletterConsentAt: consent ? t.clock.now() : null,
      newsletterConsentSource: consent ? 'import' : null,
    }));
    for (let i = 0; i < rows.length; i += 100) {
      await manager.getRepository(Contact).insert(rows.slice(i, i + 100));
    }
  });
}
