import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RuleViolationError } from '../common/domain-errors';
import { MeetingsQueries } from '../meetings/meetings.queries';
import { AgendaQueries } from '../meetings/agenda/agenda-read.queries';
import { PartnersQueries } from '../partners/partners.queries';
import { ThemesQueries } from '../themes/themes.queries';
import type { ParticipantDto } from './create-project.dto';

/**
 * What a project names in other contexts, checked before it is written: its lead partner, its
 * participants, the meeting, agenda item and theme it comes from. Read through the owners' query
 * services, in the caller's transaction.
 */
@Injectable()
export class ProjectReferences {
  constructor(
    private readonly partners: PartnersQueries,
    private readonly meetings: MeetingsQueries,
    private readonly agendaItems: AgendaQueries,
    private readonly themes: ThemesQueries,
  ) {}

  /** The lead partner: given explicitly, or the agency when leadIsAgency is true (never a default). */
  async resolveLead(
    manager: EntityManager,
    leadPartnerId: number | undefined,
    leadIsAgency: boolean | undefined,
  ): Promise<number> {
    if (leadIsAgency === true) {
      const agencies = await this.partners.activeAgencies(manager);
      if (leadPartnerId !== undefined) {
        if (!agencies.some((a) => a.id === leadPartnerId)) {
          throw new RuleViolationError(
            { key: 'errors.project.leadNotAgency', params: { id: leadPartnerId } },
            'leadPartnerId',
          );
        }
        return leadPartnerId;
      }
      if (agencies.length === 0) {
        throw new RuleViolationError('errors.project.noAgency', 'leadIsAgency');
      }
      if (agencies.length > 1) {
        throw new RuleViolationError('errors.project.severalAgencies', 'leadPartnerId');
      }
      return agencies[0].id;
    }
    if (leadPartnerId === undefined) {
      throw new RuleViolationError('errors.project.leadRequired', 'leadPartnerId');
    }
    const partner = await this.partners.partnerById(leadPartnerId, manager);
    if (!partner) {
      throw new RuleViolationError(
        { key: 'errors.partner.missing', params: { id: leadPartnerId } },
        'leadPartnerId',
      );
    }
    if (!partner.active) {
      throw new RuleViolationError(
        { key: 'errors.partner.archived', params: { name: partner.name } },
        'leadPartnerId',
      );
    }
    if (partner.kind === 'agency' && leadIsAgency === false) {
      throw new RuleViolationError(
        { key: 'errors.project.leadIsAgency', params: { id: leadPartnerId } },
        'leadPartnerId',
      );
    }
    return partner.id;
  }

  async resolveTheme(manager: EntityManager, themeId: number | null): Promise<number | null> {
    if (themeId === null) return null;
    if (!(await this.themes.themeExists(themeId, manager))) {
      throw new RuleViolationError(
        { key: 'errors.theme.missing', params: { id: themeId } },
        'originThemeId',
      );
    }
    return themeId;
  }

  /** The origin meeting and agenda item; an agenda item alone implies its meeting. */
  async resolveOrigin(
    manager: EntityManager,
    meetingId: number | null,
    agendaItemId: number | null,
  ): Promise<{ originMeetingId: number | null; originAgendaItemId: number | null }> {
    if (agendaItemId !== null) {
      const item = await this.agendaItems.agendaItemById(agendaItemId, manager);
      if (!item) {
        throw new RuleViolationError(
          { key: 'errors.agendaItem.missing', params: { id: agendaItemId } },
          'originAgendaItemId',
        );
      }
      if (meetingId !== null && item.meetingId !== meetingId) {
        throw new RuleViolationError(
          {
            key: 'errors.agendaItem.otherMeeting',
            params: { id: agendaItemId, meeting: meetingId },
          },
          'originAgendaItemId',
        );
      }
      return { originMeetingId: item.meetingId, originAgendaItemId: item.id };
    }
    if (meetingId !== null && !(await this.meetings.meetingExists(meetingId, manager))) {
      throw new RuleViolationError(
        { key: 'errors.meeting.missing', params: { id: meetingId } },
        'originMeetingId',
      );
    }
    return { originMeetingId: meetingId, originAgendaItemId: null };
  }

  /**
   * The participants of a project: never its lead, never twice, each an existing partner (the
   * field of the first at fault is named).
   */
  async checkParticipants(
    manager: EntityManager,
    leadPartnerId: number,
    list: ParticipantDto[],
    current: readonly number[] = [],
  ): Promise<void> {
    const seen = new Set<number>();
    list.forEach((participant, index) => {
      const field = `participants.${index}.partnerId`;
      if (participant.partnerId === leadPartnerId)
        throw new RuleViolationError('errors.project.leadNotParticipant', field);
      if (seen.has(participant.partnerId))
        throw new RuleViolationError(
          { key: 'errors.project.participantTwice', params: { id: participant.partnerId } },
          field,
        );
      seen.add(participant.partnerId);
    });
    if (list.length === 0) return;
    const found = await this.partners.partnersByIds([...seen], manager);
    const known = new Set(found.map((partner) => partner.id));
    const missing = list.findIndex((p) => !known.has(p.partnerId));
    if (missing >= 0) {
      throw new RuleViolationError(
        { key: 'errors.partner.missing', params: { id: list[missing].partnerId } },
        `participants.${missing}.partnerId`,
      );
    }
    // An archived partner joins no project; one that took part before it left stays listed.
    const archived = list.findIndex(
      (p) =>
        !found.find((partner) => partner.id === p.partnerId)!.active &&
        !current.includes(p.partnerId),
    );
    if (archived >= 0) {
      const partner = found.find((f) => f.id === list[archived].partnerId)!;
      throw new RuleViolationError(
        { key: 'errors.partner.archived', params: { name: partner.name } },
        `participants.${archived}.partnerId`,
      );
    }
  }
}

/** A project ends on or after the day it starts. */
export function checkDates(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end < start) {
    throw new RuleViolationError('errors.project.endBeforeStart', 'endDate');
  }
}
