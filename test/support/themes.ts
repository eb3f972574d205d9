import { normalizeForSearch } from '../../src/common/text';
import { Transactions } from '../../src/database/transactions';
import { AgendaItem } from '../../src/meetings/agenda/agenda-item.entity';
import { Meeting } from '../../src/meetings/meeting.entity';
import { Partner } from '../../src/partners/partner.entity';
import type { Staff } from './staff';
import type { TestApp } from './test-app';

/** Places used across the themes and speakers tests. */
export const PLACES = {
  comines: { latitude: 50.7632, longitude: 3.0046 },
  lille: { latitude: 50.6365, longitude: 3.0635 },
  roubaix: { latitude: 50.6942, longitude: 3.1746 },
  brussels: { latitude: 50.8467, longitude: 4.3525 },
  liege: { latitude: 50.6326, longitude: 5.5797 },
};

let partners = 0;

/** A partner row written directly (the partner directory's API is another feature). */
export async function createPartner(
  t: TestApp,
  name = `Partner ${++partners}`,
  place: { latitude: number; longitude: number } | null = null,
): Promise<Partner> {
  return t.app.get(Transactions).run((manager) =>
    manager.getRepository(Partner).save({
      name,
      nameKey: normalizeForSearch(name),
      shortName: null,
      kind: 'association',
      description: null,
      services: null,
      territory: null,
      address: null,
      postcode: null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      website: null,
      email: null,
      phone: null,
      active: true,
      archivedAt: null,
      searchText: normalizeForSearch(name),
    }),
  );
}

export async function createTheme(
  staff: Staff,
  body: Record<string, unknown> = {},
): Promise<{ id: number; title: string; status: string }> {
  const response = await staff.api
    .post('/api/themes')
    .send({ title: 'Clauses sociales', ...body })
    .expect(201);
  return response.body as { id: number; title: string; status: string };
}

export async function createSpeaker(
  staff: Staff,
  body: Record<string, unknown> = {},
): Promise<{ id: number; name: string }> {
  const response = await staff.api
    .post('/api/speakers')
    .send({ name: 'Anne Intervenante', feeCents: 15000, ...body })
    .expect(201);
  return response.body as { id: number; name: string };
}

/** A meeting row written directly (the meetings API is another feature). */
export async function createMeeting(
  t: TestApp,
  options: {
    startsAt?: string;
    place?: { latitude: number; longitude: number } | null;
    status?: Meeting['status'];
    title?: string;
  } = {},
): Promise<Meeting> {
  const startsAt = new Date(options.startsAt ?? '2026-03-12T09:00:00Z');
  return t.app.get(Transactions).run((manager) =>
    manager.getRepository(Meeting).save({
      title: options.title ?? 'Plateforme emploi',
      kind: 'network-meeting',
      description: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      venueName: 'Maison de l’emploi',
      venueAddress: null,
      latitude:
        options.place === undefined ? PLACES.lille.latitude : (options.place?.latitude ?? null),
      longitude:
        options.place === undefined ? PLACES.lille.longitude : (options.place?.longitude ?? null),
      onlineUrl: null,
      status: options.status ?? 'planned',
      cancelReason: null,
      cancelledAt: null,
      sequence: 0,
    }),
  );
}

export async function createAgendaItem(
  t: TestApp,
  meetingId: number,
  title = 'Présentation',
  position = 1,
): Promise<AgendaItem> {
  return t.app.get(Transactions).run((manager) =>
    manager.getRepository(AgendaItem).save({
      meetingId,
      position,
      title,
      kind: 'presentation',
      presenterContactId: null,
      plannedMinutes: 30,
      summary: null,
      decisions: null,
      themeId: null,
      themePresentedAt: null,
      speakerId: null,
      speakerFeeCents: null,
      speakerTravelCents: null,
    }),
  );
}

/** The fields a 4xx answer names: each validation error's field, or the rule's field. */
export function fieldsOf(body: {
  errors?: { field: string }[];
  field?: string;
}): (string | undefined)[] {
  return body.errors?.map((e) => e.field) ?? [body.field];
}
