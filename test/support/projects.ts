import { Transactions } from '../../src/database/transactions';
import { Contact } from '../../src/partners/contact';
import { Partner } from '../../src/partners/partner';
import type { PartnerKind } from '../../src/partners/partner-kind';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

let partners = 0;

/** A partner (and optionally contacts) written straight to the database. */
export async function createPartner(
  t: TestApp,
  options: { name?: string; kind?: PartnerKind; contacts?: string[]; active?: boolean } = {},
): Promise<{ partner: Partner; contacts: Contact[] }> {
  partners += 1;
  const name = options.name ?? `Partner ${partners}`;
  return t.app.get(Transactions).run(async (manager) => {
    const partner = await manager.getRepository(Partner).save({
      name,
      nameKey: `${name.toLowerCase()} ${partners}`,
      shortName: null,
      kind: options.kind ?? 'association',
      description: null,
      services: null,
      territory: null,
      address: null,
      postcode: null,
      latitude: null,
      longitude: null,
      website: null,
      email: null,
      phone: null,
      active: options.active ?? true,
      archivedAt: null,
      searchText: name.toLowerCase(),
    });
    const contacts: Contact[] = [];
    for (const fullName of options.contacts ?? []) {
      const email = `${fullName.toLowerCase().replace(/\W+/g, '.')}.${partners}@partner.test`;
      contacts.push(
        await manager.getRepository(Contact).save({
          partnerId: partner.id,
          fullName,
          jobTitle: null,
          email,
          emailKey: email,
          phone: null,
          newsletterConsent: false,
          newsletterConsentAt: null,
          newsletterConsentSource: null,
          receivesMinutes: true,
          notes: null,
        }),
      );
    }
    return { partner, contacts };
  });
}

/** Creates a project through the API and returns its body. */
export async function createProject(
  staff: Staff,
  body: Record<string, unknown>,
): Promise<{ id: number; [key: string]: unknown }> {
  const response = await staff.api.post('/api/projects').send({ title: 'Projet', ...body });
  if (response.status !== 201) {
    throw new Error(`createProject: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as { id: number };
}
