import { normalizeForSearch } from '../../src/common/text';
import { Transactions } from '../../src/database/transactions';
import { Contact } from '../../src/partners/contacts/contact.entity';
import { Partner } from '../../src/partners/partner.entity';
import type { PartnerKind } from '../../src/partners/partner-kind';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

let partnerCounter = 0;

export interface SeededPartner {
  id: number;
  name: string;
  contactIds: number[];
}

/** Partners (with `contacts` contacts each) written straight to the database, in one unit of work. */
export async function seedPartners(
  t: TestApp,
  count: number,
  options: { kind?: PartnerKind; contacts?: number; active?: boolean } = {},
): Promise<SeededPartner[]> {
  return t.app.get(Transactions).run(async (manager) => {
    const names = Array.from({ length: count }, () => {
      partnerCounter += 1;
      return `Partenaire ${String(partnerCounter).padStart(4, '0')}`;
    });
    const out: SeededPartner[] = [];
    for (let start = 0; start < names.length; start += 100) {
      const chunk = names.slice(start, start + 100);
      const inserted = await manager.getRepository(Partner).insert(
        chunk.map((name) => ({
          name,
          nameKey: normalizeForSearch(name),
          kind: options.kind ?? 'association',
          active: options.active ?? true,
          archivedAt: null,
          searchText: normalizeForSearch(name),
        })),
      );
      const ids = inserted.identifiers.map((i) => (i as { id: number }).id);
      const contacts = ids.flatMap((partnerId, index) =>
        Array.from({ length: options.contacts ?? 2 }, (_, c) => ({
          partnerId,
          fullName: `Contact ${c + 1} de ${chunk[index]}`,
          email: null,
          emailKey: null,
        })),
      );
      const contactIds = contacts.length
        ? (await manager.getRepository(Contact).insert(contacts)).identifiers.map(
            (i) => (i as { id: number }).id,
          )
        : [];
      ids.forEach((id, index) => {
        const per = options.contacts ?? 2;
        out.push({
          id,
          name: chunk[index],
          contactIds: contactIds.slice(index * per, (index + 1) * per),
        });
      });
    }
    return out;
  });
}

export const MEETING = {
  title: 'Plateforme emploi de mars',
  kind: 'network-meeting',
  startsAt: '2026-03-12T08:30:00Z',
  endsAt: '2026-03-12T11:00:00Z',
  venueName: 'Maison de l’emploi',
  venueAddress: 'Rue de la Station 12, 7000 Mons',
  latitude: 50.4541,
  longitude: 3.9523,
};

export async function createMeeting(
  staff: Staff,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number; sequence: number; status: string }> {
  const response = await staff.api
    .post('/api/meetings')
    .send({ ...MEETING, ...overrides })
    .expect(201);
  return response.body as { id: number; sequence: number; status: string };
}

/** Invites the partners and returns their answer tokens by partner id. */
export async function invite(
  staff: Staff,
  meetingId: number,
  partnerIds: number[],
): Promise<Map<number, string>> {
  const response = await staff.api
    .post(`/api/meetings/${meetingId}/invitations`)
    .send({ partnerIds })
    .expect(201);
  const links = (response.body as { links: { partnerId: number; url: string }[] }).links;
  return new Map(links.map((l) => [l.partnerId, tokenOf(l.url)]));
}

export function tokenOf(url: string): string {
  return url.split('/r/')[1];
}

/** A meeting to which `count` seeded partners (two contacts each) are invited. */
export async function meetingWithInvitees(
  t: TestApp,
  staff: Staff,
  count: number,
): Promise<{ meetingId: number; partners: SeededPartner[] }> {
  const partners = await seedPartners(t, count, { contacts: 2 });
  const meeting = await createMeeting(staff);
  await invite(
    staff,
    meeting.id,
    partners.map((p) => p.id),
  );
  return { meetingId: meeting.id, partners };
}
