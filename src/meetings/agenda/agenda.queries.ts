import type { EntityManager } from 'typeorm';
import { AgendaItem } from './agenda-item.entity';

/** The statements of the agenda, in the caller's transaction; the rules live in AgendaService. */

/** An agenda item by id, or null. */
export function agendaItemIn(manager: EntityManager, id: number): Promise<AgendaItem | null> {
  return manager.getRepository(AgendaItem).findOneBy({ id });
}

/** A meeting's items in their order. */
export function agendaItemsInOrder(
  manager: EntityManager,
  meetingId: number,
): Promise<AgendaItem[]> {
  return manager
    .getRepository(AgendaItem)
    .find({ where: { meetingId }, order: { position: 'ASC', id: 'ASC' } });
}

/** Inserts an item with these values and returns it as stored. */
export function insertAgendaItem(
  manager: EntityManager,
  values: Partial<AgendaItem>,
): Promise<AgendaItem> {
  const repository = manager.getRepository(AgendaItem);
  return repository.save(repository.create(values));
}

/** Saves the changed fields of an item. */
export async function saveAgendaItem(manager: EntityManager, item: AgendaItem): Promise<void> {
  await manager.getRepository(AgendaItem).save(item);
}

export async function deleteAgendaItem(manager: EntityManager, id: number): Promise<void> {
  await manager.getRepository(AgendaItem).delete({ id });
}

/** Moves an item to a position (1..n). */
export async function setAgendaPosition(
  manager: EntityManager,
  id: number,
  position: number,
): Promise<void> {
  await manager.getRepository(AgendaItem).update({ id }, { position });
}

/** The fields of an agenda item the themes feature writes (see AgendaService.saveThemeFieldsIn). */
export type AgendaThemeFields = Pick<
  AgendaItem,
  'themeId' | 'themePresentedAt' | 'speakerId' | 'speakerFeeCents' | 'speakerTravelCents'
>;

/** Saves the themes feature's fields of an item (those given; undefined ones left alone) only. */
export async function saveAgendaThemeFields(
  manager: EntityManager,
  item: Pick<AgendaItem, 'id'> & Partial<AgendaThemeFields>,
): Promise<void> {
  const { id, themeId, themePresentedAt, speakerId, speakerFeeCents, speakerTravelCents } = item;
  const repository = manager.getRepository(AgendaItem);
  await repository.save(
    repository.create({
      id,
      themeId,
      themePresentedAt,
      speakerId,
      speakerFeeCents,
      speakerTravelCents,
    }),
  );
}
