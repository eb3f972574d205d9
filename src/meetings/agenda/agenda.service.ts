import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService, diff } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { Transactions } from '../../database/transactions';
import { PartnersQueries } from '../../partners/partners.queries';
import { AgendaItem } from './agenda-item.entity';
import type { CreateAgendaItemDto, UpdateAgendaItemDto } from './agenda-item.dto';
import {
  agendaItemIn,
  agendaItemsInOrder,
  deleteAgendaItem,
  insertAgendaItem,
  saveAgendaItem,
  saveAgendaThemeFields,
  setAgendaPosition,
  type AgendaThemeFields,
} from './agenda.queries';
import { AgendaThemes } from './agenda-themes';
import { lockedMeeting } from '../meeting-locks.queries';
import type { AgendaItemResponse } from '../meeting.mappers';
import { MeetingsService } from '../meetings.service';

const AUDITED = [
  'title',
  'kind',
  'presenterContactId',
  'plannedMinutes',
  'summary',
  'decisions',
  'themeId',
  'speakerId',
];

/** A new item's fields; the position is where to insert it (last when absent). */
export type NewAgendaItem = Pick<AgendaItem, 'title' | 'kind'> &
  Partial<Omit<AgendaItem, 'id' | 'meetingId' | 'position'>> & { position?: number };

export type { AgendaThemeFields };

/** The agenda of a meeting: items kept numbered 1..n, inserted, moved and removed in place. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly agendaThemes: AgendaThemes,
    private readonly partners: PartnersQueries,
  ) {}

  async list(meetingId: number): Promise<AgendaItemResponse[]> {
    await this.meetings.findMeeting(meetingId);
    return this.meetings.agendaOf(meetingId);
  }

  async create(
    meetingId: number,
    dto: CreateAgendaItemDto,
    user?: User,
  ): Promise<AgendaItemResponse> {
    const id = await this.transactions.run(async (manager) => {
      await this.editableMeeting(manager, meetingId);
      await this.checkPresenter(manager, dto.presenterContactId);
      const { themeId, themeTitle, ...fields } = dto;
      const theme = await this.themeChoice(manager, { themeId, themeTitle }, user);
      const saved = await this.insertIn(
        manager,
        meetingId,
        {
          ...fields,
          title: fields.title.trim(),
          ...(theme === undefined ? {} : { themeId: theme }),
        },
        user,
      );
      if (saved.themeId !== null)
        await this.agendaThemes.themes.refresh(manager, [saved.themeId], user);
      return saved.id;
    });
    return this.one(meetingId, id);
  }

  async update(id: number, dto: UpdateAgendaItemDto, user?: User): Promise<AgendaItemResponse> {
    const item = await this.find(id);
    await this.transactions.run(async (manager) => {
      await this.editableMeeting(manager, item.meetingId);
      const current = await agendaItemIn(manager, id);
      if (!current) throw new NotFoundError('agendaItem', id);
      if (dto.presenterContactId !== undefined) {
        await this.checkPresenter(manager, dto.presenterContactId, current.presenterContactId);
      }
      const before = { ...current };
      const { position, themeId, themeTitle, ...fields } = dto;
      const theme = await this.themeChoice(manager, { themeId, themeTitle }, user);
      if (theme !== undefined && theme !== current.themeId) {
        if (current.themePresentedAt)
          throw new RuleViolationError(
            { key: 'errors.agenda.themePresented' },
            themeId !== undefined ? 'themeId' : 'themeTitle',
          );
        current.themeId = theme;
        current.theme = undefined;
      }
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) (current as unknown as Record<string, unknown>)[key] = value;
      }
      if (typeof current.title === 'string') current.title = current.title.trim();
      await saveAgendaItem(manager, current);
      const themes = [before.themeId, current.themeId].filter((t): t is number => t !== null);
      if (before.themeId !== current.themeId)
        await this.agendaThemes.themes.refresh(manager, [...new Set(themes)], user);
      if (position !== undefined) {
        const items = await this.itemsOf(manager, current.meetingId);
        const order = items.map((i) => i.id).filter((other) => other !== id);
        order.splice(Math.min(position, order.length + 1) - 1, 0, id);
        await this.renumber(manager, items, order);
      }
      await this.audit.record(manager, actorOf(user), {
        entityType: 'agenda-item',
        entityId: id,
        action: 'update',
        changes: diff(before, current, AUDITED),
      });
    });
    return this.one(item.meetingId, id);
  }

  async remove(id: number, user?: User): Promise<void> {
    const item = await this.find(id);
    await this.transactions.run(async (manager) => {
      await this.editableMeeting(manager, item.meetingId);
      await this.removeIn(manager, item, user);
      if (item.themeId !== null)
        await this.agendaThemes.themes.refresh(manager, [item.themeId], user);
    });
  }

  /** Inserts an item in the caller's transaction (the meeting locked and editable), audited. */
  async insertIn(
    manager: EntityManager,
    meetingId: number,
    fields: NewAgendaItem,
    user?: User,
  ): Promise<AgendaItem> {
    const items = await this.itemsOf(manager, meetingId);
    const { position, ...values } = fields;
    const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const saved = await insertAgendaItem(manager, {
      presenterContactId: null,
      plannedMinutes: null,
      summary: null,
      decisions: null,
      themeId: null,
      themePresentedAt: null,
      speakerId: null,
      speakerFeeCents: null,
      speakerTravelCents: null,
      ...given,
      meetingId,
      position: items.length + 1,
    });
    const order = items.map((i) => i.id);
    order.splice(Math.min(position ?? order.length + 1, order.length + 1) - 1, 0, saved.id);
    await this.renumber(manager, [...items, saved], order);
    await this.audit.record(manager, actorOf(user), {
      entityType: 'agenda-item',
      entityId: saved.id,
      action: 'create',
      changes: diff({}, saved, AUDITED),
    });
    return saved;
  }

  /** Removes an item in the caller's transaction and numbers the others 1..n again, audited. */
  async removeIn(manager: EntityManager, item: AgendaItem, user?: User): Promise<void> {
    await deleteAgendaItem(manager, item.id);
    const items = await this.itemsOf(manager, item.meetingId);
    await this.renumber(
      manager,
      items,
      items.map((i) => i.id),
    );
    await this.audit.record(manager, actorOf(user), {
      entityType: 'agenda-item',
      entityId: item.id,
      action: 'delete',
      changes: diff(item, {}, AUDITED),
    });
  }

  /**
   * Writes the themes feature's fields of an item (its theme, when presented, the booked speaker
   * and their costs) in the caller's transaction; the other fields are left alone. The caller
   * audits.
   */
  async saveThemeFieldsIn(
    manager: EntityManager,
    item: Pick<AgendaItem, 'id'> & Partial<AgendaThemeFields>,
  ): Promise<void> {
    await saveAgendaThemeFields(manager, item);
  }

  /** The themes an agenda item can present, for the agenda form. */
  themeTitles(): Promise<{ id: number; title: string }[]> {
    return this.agendaThemes.themes.titles();
  }

  /** The theme asked for (undefined: unchanged); one of the two fields only. */
  private async themeChoice(
    manager: EntityManager,
    choice: { themeId?: number | null; themeTitle?: string | null },
    user?: User,
  ): Promise<number | null | undefined> {
    if (choice.themeId === undefined && choice.themeTitle === undefined) return undefined;
    if (choice.themeId !== undefined && choice.themeTitle !== undefined)
      throw new RuleViolationError('errors.agenda.themeIdOrTitle', 'themeTitle');
    return this.agendaThemes.themes.resolve(manager, choice, user);
  }

  /** Puts the items in the given order; the ids must be exactly the meeting's items. */
  async reorder(meetingId: number, ids: number[], user?: User): Promise<AgendaItemResponse[]> {
    await this.transactions.run(async (manager) => {
      await this.editableMeeting(manager, meetingId);
      const items = await this.itemsOf(manager, meetingId);
      const known = new Set(items.map((i) => i.id));
      if (
        new Set(ids).size !== ids.length ||
        ids.length !== items.length ||
        ids.some((i) => !known.has(i))
      ) {
        throw new RuleViolationError('errors.agenda.reorderAll', 'ids');
      }
      await this.renumber(manager, items, ids);
      await this.audit.record(manager, actorOf(user), {
        entityType: 'meeting',
        entityId: meetingId,
        action: 'update',
        changes: { agendaOrder: { before: items.map((i) => i.id), after: ids } },
      });
    });
    return this.meetings.agendaOf(meetingId);
  }

  private async find(id: number): Promise<AgendaItem> {
    const item = await this.meetings.agendaItemById(id);
    if (!item) throw new NotFoundError('agendaItem', id);
    return item;
  }

  private async one(meetingId: number, id: number): Promise<AgendaItemResponse> {
    const items = await this.meetings.agendaOf(meetingId);
    const item = items.find((i) => i.id === id);
    if (!item) throw new NotFoundError('agendaItem', id);
    return item;
  }

  private async editableMeeting(manager: EntityManager, meetingId: number): Promise<void> {
    const meeting = await lockedMeeting(manager, meetingId);
    if (meeting.status === 'cancelled') {
      throw new RuleViolationError('errors.meeting.cancelled', 'status');
    }
  }

  /**
   * A presenter is a contact of a partner in the network, not erased; the one the item already
   * names (`current`) stays, whatever became of them (a form sends every field back).
   */
  private async checkPresenter(
    manager: EntityManager,
    contactId: number | null | undefined,
    current: number | null = null,
  ) {
    if (contactId === null || contactId === undefined || contactId === current) return;
    const contact = await this.partners.contactWithPartner(contactId, manager);
    const field = 'presenterContactId';
    if (!contact)
      throw new RuleViolationError(
        { key: 'errors.agenda.presenterNotContact', params: { id: contactId } },
        field,
      );
    if (contact.erasedAt) throw new RuleViolationError('errors.contact.erased', field);
    if (!contact.partner.active)
      throw new RuleViolationError(
        { key: 'errors.partner.archived', params: { name: contact.partner.name } },
        field,
      );
  }

  private itemsOf(manager: EntityManager, meetingId: number): Promise<AgendaItem[]> {
    return agendaItemsInOrder(manager, meetingId);
  }

  /** Writes positions 1..n in the given order, touching only the items that moved. */
  private async renumber(manager: EntityManager, items: AgendaItem[], order: number[]) {
    const positionOf = new Map(items.map((i) => [i.id, i.position]));
    for (const [index, id] of order.entries()) {
      if (positionOf.get(id) !== index + 1) {
        await setAgendaPosition(manager, id, index + 1);
      }
    }
  }
}
