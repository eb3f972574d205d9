import { normalizeForSearch } from '../../src/common/text';
import { Transactions } from '../../src/database/transactions';
import { AgendaItem } from '../../src/meetings/agenda/agenda-item.entity';
import { Invitation } from '../../src/meetings/invitations/invitation.entity';
import { InvitationAttendee } from '../../src/meetings/attendance/invitation-attendee.entity';
import { Meeting } from '../../src/meetings/meeting.entity';
import type { AttendanceStatus, MeetingStatus } from '../../src/meetings/meeting-kinds';
import { Contact } from '../../src/partners/contacts/contact.entity';
import { Partner } from '../../src/partners/partner.entity';
import { Speaker } from '../../src/themes/speakers/speaker.entity';
import { Theme } from '../../src/themes/catalogue/theme.entity';
import type { TestApp } from './test-app';

export interface PartnerSpec {
  name: string;
  attendance: AttendanceStatus | null;
  /** People who came (attendance phase); the first may replace someone. */
  people?: string[];
  replaces?: string;
  /** Contacts of the partner (receiving the minutes unless said otherwise). */
  contacts?: Array<{
    name: string;
    email: string | null;
    receivesMinutes?: boolean;
    jobTitle?: string;
    /** Recorded on the attendance (phase `attendance`) as this contact. */
    present?: boolean;
  }>;
}

export interface AgendaSpec {
  title: string;
  presenter?: { partner: string; name: string };
  /** A speaker from outside the network presenting too, with their organisation. */
  speaker?: { name: string; organisation: string };
  /** The title of the theme presented there (created). */
  theme?: string;
  summary?: string | null;
  decisions?: string | null;
}

export interface MeetingSpec {
  title?: string;
  startsAt?: string;
  status?: MeetingStatus;
  venueName?: string | null;
  venueAddress?: string | null;
  partners?: PartnerSpec[];
  agenda?: AgendaSpec[];
}

export interface MeetingRecord {
  meeting: Meeting;
  partners: Map<string, Partner>;
  contacts: Map<string, Contact>;
  agenda: AgendaItem[];
}

/**
 * A held meeting with its partners, attendance and agenda, written straight to the database
 * (the meetings feature's API is another branch). Partners that do not exist yet are created.
 */
export async function createMeetingRecord(
  t: TestApp,
  spec: MeetingSpec = {},
): Promise<MeetingRecord> {
  return t.app.get(Transactions).run(async (manager) => {
    const startsAt = new Date(spec.startsAt ?? '2026-03-12T08:30:00Z');
    const meeting = await manager.getRepository(Meeting).save({
      title: spec.title ?? 'Réunion de coordination emploi',
      kind: 'network-meeting',
      description: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      venueName: spec.venueName === undefined ? 'Maison de l’emploi' : spec.venueName,
      venueAddress:
        spec.venueAddress === undefined ? 'Rue Haute 12, 7700 Mouscron' : spec.venueAddress,
      latitude: null,
      longitude: null,
      onlineUrl: null,
      status: spec.status ?? 'held',
      cancelReason: null,
      cancelledAt: null,
      sequence: 0,
    });
    const partners = new Map<string, Partner>();
    const contacts = new Map<string, Contact>();
    const partnerNamed = async (name: string): Promise<Partner> => {
      const known =
        partners.get(name) ??
        (await manager.getRepository(Partner).findOneBy({ nameKey: normalizeForSearch(name) }));
      if (known) {
        partners.set(name, known);
        return known;
      }
      const saved = await manager.getRepository(Partner).save({
        name,
        nameKey: normalizeForSearch(name),
        kind: 'association',
        active: true,
        searchText: normalizeForSearch(name),
      } as Partner);
      partners.set(name, saved);
      return saved;
    };
    for (const p of spec.partners ?? []) {
      const partner = await partnerNamed(p.name);
      for (const c of p.contacts ?? []) {
        contacts.set(
          c.name,
          await manager.getRepository(Contact).save({
            partnerId: partner.id,
            fullName: c.name,
            jobTitle: c.jobTitle ?? null,
            email: c.email,
            emailKey: c.email?.toLowerCase() ?? null,
            receivesMinutes: c.receivesMinutes ?? true,
          } as Contact),
        );
      }
      const invitation = await manager.getRepository(Invitation).save({
        meetingId: meeting.id,
        partnerId: partner.id,
        invited: true,
        attendance: p.attendance,
        attendanceRecordedAt: p.attendance ? startsAt : null,
      } as Invitation);
      if (p.people?.length) {
        await manager.getRepository(InvitationAttendee).save(
          p.people.map((fullName, i) => ({
            invitationId: invitation.id,
            phase: 'attendance' as const,
            contactId: null,
            fullName,
            replacesContactId: null,
            replacesName: i === 0 ? (p.replaces ?? null) : null,
          })),
        );
      }
      const present = (p.contacts ?? []).filter((c) => c.present);
      if (present.length) {
        await manager.getRepository(InvitationAttendee).save(
          present.map((c) => ({
            invitationId: invitation.id,
            phase: 'attendance' as const,
            contactId: contacts.get(c.name)!.id,
            fullName: c.name,
            replacesContactId: null,
            replacesName: null,
          })),
        );
      }
    }
    const agenda: AgendaItem[] = [];
    for (const [index, item] of (spec.agenda ?? []).entries()) {
      let presenterContactId: number | null = null;
      if (item.presenter) {
        const partner = await partnerNamed(item.presenter.partner);
        const contact =
          contacts.get(item.presenter.name) ??
          (await manager.getRepository(Contact).save({
            partnerId: partner.id,
            fullName: item.presenter.name,
            email: null,
            emailKey: null,
            receivesMinutes: false,
          } as Contact));
        contacts.set(item.presenter.name, contact);
        presenterContactId = contact.id;
      }
      const theme = item.theme
        ? await manager.getRepository(Theme).save({
            title: item.theme,
            description: null,
            tags: [],
            status: 'scheduled',
            proposedByPartnerId: null,
            proposedByUserId: null,
            interestCount: 0,
            lastPresentedAt: null,
            archivedAt: null,
          })
        : null;
      const speaker = item.speaker
        ? await manager.getRepository(Speaker).save({
            name: item.speaker.name,
            nameKey: normalizeForSearch(item.speaker.name),
            organisationPartnerId: null,
            organisationName: item.speaker.organisation,
            tags: [],
            feeCents: 0,
          })
        : null;
      agenda.push(
        await manager.getRepository(AgendaItem).save({
          meetingId: meeting.id,
          position: index + 1,
          title: item.title,
          kind: 'presentation',
          presenterContactId,
          themeId: theme?.id ?? null,
          speakerId: speaker?.id ?? null,
          plannedMinutes: null,
          summary: item.summary ?? null,
          decisions: item.decisions ?? null,
        } as AgendaItem),
      );
    }
    return { meeting, partners, contacts, agenda };
  });
}

/** A planned meeting (for "next meeting" and "upcoming meetings"). */
export async function createPlannedMeeting(
  t: TestApp,
  title: string,
  startsAt: string,
  venueName: string | null = 'Salle du conseil',
): Promise<Meeting> {
  const record = await createMeetingRecord(t, {
    title,
    startsAt,
    status: 'planned',
    venueName,
    venueAddress: null,
  });
  return record.meeting;
}

/** A partner that joined the network at a given time (created_at is set by the database). */
export async function createPartnerJoined(t: TestApp, name: string, at: Date): Promise<Partner> {
  return t.app.get(Transactions).run(async (manager) => {
    const repository = manager.getRepository(Partner);
    const saved = await repository.save({
      name,
      nameKey: normalizeForSearch(name),
      kind: 'association',
      territory: null,
      website: null,
      active: true,
      searchText: normalizeForSearch(name),
    } as Partner);
    await repository.update({ id: saved.id }, { createdAt: at });
    return repository.findOneByOrFail({ id: saved.id });
  });
}
