import { Transactions } from '../../src/database/transactions';
import { Meeting } from '../../src/meetings/meeting.entity';
import { Contact } from '../../src/partners/contacts/contact.entity';
import { Partner } from '../../src/partners/partner.entity';
import type { PartnerKind } from '../../src/partners/partner-kind';
import { scheduleFrom } from '../../src/projects/follow-ups/follow-up-state';
import { Project } from '../../src/projects/project.entity';
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

/** A planned meeting written straight to the database (the meetings API is another feature's). */
export async function createMeeting(
  t: TestApp,
  startsAt: string,
  title = 'Réunion de réseau',
): Promise<Meeting> {
  return t.app.get(Transactions).run((manager) =>
    manager.getRepository(Meeting).save({
      title,
      kind: 'network-meeting',
      description: null,
      startsAt: new Date(startsAt),
      endsAt: new Date(new Date(startsAt).getTime() + 2 * 3_600_000),
      venueName: null,
      venueAddress: null,
      latitude: null,
      longitude: null,
      onlineUrl: null,
      status: 'planned',
      cancelReason: null,
      cancelledAt: null,
      sequence: 0,
    }),
  );
}

/**
 * Many launched projects at once (plain inserts with their follow-up moments computed), for the
 * tests that check the number of queries does not grow with the data.
 */
export async function insertLaunchedProjects(
  t: TestApp,
  leadPartnerId: number,
  count: number,
  launchedAt: Date,
  cadenceDays = 30,
): Promise<void> {
  const schedule = scheduleFrom(launchedAt, cadenceDays);
  await t.app.get(Transactions).run(async (manager) => {
    for (let i = 0; i < count; i += 500) {
      const rows = Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
        title: `Projet ${i + k}`,
        description: null,
        expectedOutcomes: null,
        leadPartnerId,
        originMeetingId: null,
        originAgendaItemId: null,
        status: 'launched' as const,
        statusChangedAt: launchedAt,
        startDate: null,
        endDate: null,
        cadenceDays,
        launchedAt,
        lastFollowUpAt: null,
        followUpSince: launchedAt,
        ...schedule,
        snoozedUntil: null,
        snoozeReason: null,
        remindedPeriodStart: null,
      }));
      await manager.getRepository(Project).insert(rows);
    }
  });
}
