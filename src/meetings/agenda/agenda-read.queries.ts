import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import { sql } from '../../database/sql';
import { AgendaItem } from './agenda-item.entity';

/**
 * Agenda items: what other contexts (themes, projects, documents) may read of them. The agenda's
 * own statements, in its transactions, are in agenda.queries.ts. Each method takes the caller's
 * transaction manager when it reads inside one.
 */

/** An agenda item in the minutes, with who presents it and its theme. */

export interface AgendaItemForMinutes extends Pick<
  AgendaItem,
  'id' | 'position' | 'title' | 'kind' | 'summary' | 'decisions'
> {
  presenterContact: { fullName: string; partner: { name: string } | null } | null;
  speaker: {
    name: string;
    organisationName: string | null;
    organisationPartner: { name: string } | null;
  } | null;
  theme: { title: string } | null;
}

/** Speakers' costs of one theme (see AgendaQueries.speakerCostsByTheme), as the database returns them. */
export interface SpeakerCostsRow {
  themeId: number | null;
  title: string | null;
  interventions: string | number;
  feeCents: string | number | null;
  travelCents: string | number | null;
  unknownTravel: string | number | null;
}

/** Who presented an item: a partner's contact, or a speaker and their organisation. */
export interface Presenter {
  name: string;
  organisation: string | null;
}

/**
 * An agenda item of a held meeting that presented a theme or had a speaker (see
 * AgendaQueries.presentationsBetween), with the speaker's costs as booked (null: unknown).
 */
export interface Presentation {
  agendaItemId: number;
  title: string;
  theme: string | null;
  themePresented: boolean;
  meetingId: number;
  meetingTitle: string;
  startsAt: Date;
  contact: Presenter | null;
  speakerId: number | null;
  speaker: Presenter | null;
  feeCents: number | null;
  travelCents: number | null;
}

@Injectable()
export class AgendaQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** An agenda item by id, or null. One statement. */
  agendaItemById(id: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager).getRepository(AgendaItem).findOneBy({ id });
  }

  /** An agenda item with its meeting loaded (`item.meeting`), or null. One statement. */
  agendaItemWithMeeting(id: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { id }, relations: { meeting: true } });
  }

  /** A meeting's agenda items in their order (position 1..n). One statement. */
  agendaItemsOfMeeting(meetingId: number, manager?: EntityManager): Promise<AgendaItem[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** A meeting's "project review" agenda item (the first found), or null. One statement. */
  projectReviewAgendaItem(meetingId: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { meetingId, kind: 'project-review' } });
  }

  /**
   * The meeting's agenda in order, each item with its presenting contact and their partner, its
   * speaker and their organisation, and its theme (the minutes' shape). Raw and the same on both
   * engines: the minutes draft is read on every edit. One statement.
   */
  async agendaForMinutes(
    meetingId: number,
    manager?: EntityManager,
  ): Promise<AgendaItemForMinutes[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT a.id, a.position, a.title, a.kind, a.summary, a.decisions,
              c.full_name AS contact_name, cp.name AS contact_partner, s.name AS speaker_name,
              s.organisation_name AS speaker_organisation, sp.name AS speaker_partner,
              t.title AS theme_title
         FROM agenda_items a
         LEFT JOIN contacts c ON c.id = a.presenter_contact_id
         LEFT JOIN partners cp ON cp.id = c.partner_id
         LEFT JOIN speakers s ON s.id = a.speaker_id
         LEFT JOIN partners sp ON sp.id = s.organisation_partner_id
         LEFT JOIN themes t ON t.id = a.theme_id
        WHERE a.meeting_id = ?
        ORDER BY a.position ASC, a.id ASC`,
      [meetingId],
    );
    const named = (name: unknown) => (name === null ? null : { name: name as string });
    return rows.map((row) => ({
      id: Number(row.id),
      position: Number(row.position),
      title: row.title as string,
      kind: row.kind as AgendaItem['kind'],
      summary: row.summary as string | null,
      decisions: row.decisions as string | null,
      presenterContact:
        row.contact_name === null
          ? null
          : { fullName: row.contact_name as string, partner: named(row.contact_partner) },
      speaker:
        row.speaker_name === null
          ? null
          : {
              name: row.speaker_name as string,
              organisationName: row.speaker_organisation as string | null,
              organisationPartner: named(row.speaker_partner),
            },
      theme: row.theme_title === null ? null : { title: row.theme_title as string },
    }));
  }

  /** The distinct themes planned on a meeting's agenda (for its cancellation). */
  async themeIdsOnAgendaOf(meetingId: number, manager?: EntityManager): Promise<number[]> {
    const rows = await this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .select('DISTINCT item.themeId', 'id')
      .where('item.meetingId = :meetingId', { meetingId })
      .andWhere('item.themeId IS NOT NULL')
      .getRawMany<{ id: number }>();
    return rows.map((row) => Number(row.id));
  }

  /** Whether a theme is still planned: on an item not yet presented, of a meeting not cancelled. */
  themeStillPlanned(themeId: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .innerJoin('item.meeting', 'meeting')
      .where('item.themeId = :id', { id: themeId })
      .andWhere('item.themePresentedAt IS NULL')
      .andWhere('meeting.status <> :cancelled', { cancelled: 'cancelled' })
      .getExists();
  }

  /**
   * Agenda items presenting a theme (one item by id, or every item of a theme), with their
   * meeting, speaker and presenting contact, newest meeting first.
   */
  themeAgendaItems(
    where: { id: number } | { themeId: number },
    manager?: EntityManager,
  ): Promise<AgendaItem[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .find({
        where: { ...where, themeId: 'themeId' in where ? where.themeId : Not(IsNull()) },
        relations: { meeting: true, speaker: true, presenterContact: true },
        order: { meeting: { startsAt: 'DESC' }, position: 'ASC' },
      });
  }

  /** The first agenda item a speaker presents at a meeting (null: not booked there). */
  firstAgendaItemOfSpeaker(
    meetingId: number,
    speakerId: number,
    manager?: EntityManager,
  ): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { meetingId, speakerId }, order: { position: 'ASC' } });
  }

  /** Every agenda item a speaker presents at a meeting. */
  agendaItemsOfSpeaker(
    meetingId: number,
    speakerId: number,
    manager?: EntityManager,
  ): Promise<AgendaItem[]> {
    return this.manager(manager).getRepository(AgendaItem).findBy({ meetingId, speakerId });
  }

  /**
   * Speakers' costs fixed on agenda items, for meetings (not cancelled) starting in [start, end),
   * by theme (themeId null: items without a theme): one query, raw sums (strings on PostgreSQL).
   */
  speakerCostsByTheme(start: Date, end: Date, manager?: EntityManager): Promise<SpeakerCostsRow[]> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .createQueryBuilder('item')
      .innerJoin('item.meeting', 'meeting')
      .leftJoin('item.theme', 'theme')
      .select('item.theme_id', 'themeId')
      .addSelect('theme.title', 'title')
      .addSelect('COUNT(*)', 'interventions')
      .addSelect('SUM(item.speaker_fee_cents)', 'feeCents')
      .addSelect('SUM(item.speaker_travel_cents)', 'travelCents')
      .addSelect(
        'SUM(CASE WHEN item.speaker_travel_cents IS NULL THEN 1 ELSE 0 END)',
        'unknownTravel',
      )
      .where('item.speaker_id IS NOT NULL')
      .andWhere('meeting.status <> :cancelled', { cancelled: 'cancelled' })
      .andWhere('meeting.starts_at >= :start', { start })
      .andWhere('meeting.starts_at < :end', { end })
      .groupBy('item.theme_id')
      .addGroupBy('theme.title')
      .getRawMany<SpeakerCostsRow>();
  }

  /**
   * The agenda items of the held (or closed) meetings starting in [start, end) that presented a
   * theme or had a speaker, in the order of the meetings and their agendas, each with its
   * presenting contact, its speaker and the fee and round-trip travel fixed when they were
   * booked: one statement.
   */
  async presentationsBetween(
    start: Date,
    end: Date,
    manager?: EntityManager,
  ): Promise<Presentation[]> {
    const rows = await sql(
      this.manager(manager),
      `SELECT a.id, a.title, a.theme_presented_at, a.speaker_id, a.speaker_fee_cents,
              a.speaker_travel_cents, t.title AS theme_title, m.id AS meeting_id,
              m.title AS meeting_title, m.starts_at, c.full_name AS contact_name,
              cp.name AS contact_partner, s.name AS speaker_name,
              s.organisation_name AS speaker_organisation, sp.name AS speaker_partner
         FROM agenda_items a
         JOIN meetings m ON m.id = a.meeting_id
         LEFT JOIN themes t ON t.id = a.theme_id
         LEFT JOIN contacts c ON c.id = a.presenter_contact_id
         LEFT JOIN partners cp ON cp.id = c.partner_id
         LEFT JOIN speakers s ON s.id = a.speaker_id
         LEFT JOIN partners sp ON sp.id = s.organisation_partner_id
        WHERE (a.speaker_id IS NOT NULL OR a.theme_presented_at IS NOT NULL)
          AND m.status IN ('held', 'closed') AND m.starts_at >= ? AND m.starts_at < ?
        ORDER BY m.starts_at ASC, m.id ASC, a.position ASC, a.id ASC`,
      [start, end],
    );
    const cents = (value: unknown) => (value === null ? null : Number(value));
    return rows.map((row) => ({
      agendaItemId: Number(row.id),
      title: row.title as string,
      theme: row.theme_title as string | null,
      themePresented: row.theme_presented_at !== null && row.theme_title !== null,
      meetingId: Number(row.meeting_id),
      meetingTitle: row.meeting_title as string,
      startsAt: rawDate(row.starts_at as string | Date)!,
      contact:
        row.contact_name === null
          ? null
          : {
              name: row.contact_name as string,
              organisation: row.contact_partner as string | null,
            },
      speakerId: row.speaker_id === null ? null : Number(row.speaker_id),
      speaker:
        row.speaker_name === null
          ? null
          : {
              name: row.speaker_name as string,
              organisation:
                (row.speaker_partner as string | null) ??
                (row.speaker_organisation as string | null),
            },
      feeCents: cents(row.speaker_fee_cents),
      travelCents: cents(row.speaker_travel_cents),
    }));
  }
}
