import { Transactions } from '../../src/database/transactions';
import { MailOutbox, OutboxMessageInput } from '../../src/mail/mail-outbox.service';
import { Contact } from '../../src/partners/contact';
import { Partner } from '../../src/partners/partner';
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

/** A partner with contacts (consenting to the newsletter or not). */
export async function createContacts(
  t: TestApp,
  contacts: Array<{ name: string; email: string; consent: boolean }>,
): Promise<Contact[]> {
  counter += 1;
  return t.app.get(Transactions).run(async (manager) => {
    const partner = await manager.getRepository(Partner).save({
      name: `Mission locale ${counter}`,
      nameKey: `mission locale ${counter}`,
      kind: 'mission-locale',
      active: true,
      searchText: '',
    } as Partner);
    const saved: Contact[] = [];
    for (const c of contacts) {
      saved.push(
        await manager.getRepository(Contact).save({
          partnerId: partner.id,
          fullName: c.name,
          email: c.email,
          emailKey: c.email.toLowerCase(),
          newsletterConsent: c.consent,
          newsletterConsentAt: c.consent ? t.clock.now() : null,
          newsletterConsentSource: c.consent ? 'form' : null,
        } as Contact),
      );
    }
    return saved;
  });
}
