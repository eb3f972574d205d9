import { type EntityManager, IsNull } from 'typeorm';
import { PortalLink } from './portal-link.entity';

/**
 * The portal links' SQL beyond plain repository reads: the statements PortalLinksService runs on
 * `portal_links`, each one statement in the caller's manager.
 */

/** A link with its contact and the contact's partner (one query), or null when unknown. */
export function linkWithContactAndPartner(
  manager: EntityManager,
  linkId: number,
  contactId: number,
): Promise<PortalLink | null> {
  return manager
    .getRepository(PortalLink)
    .createQueryBuilder('l')
    .innerJoinAndSelect('l.contact', 'c')
    .innerJoinAndSelect('c.partner', 'p')
    .where('l.id = :linkId AND l.contactId = :contactId', { linkId, contactId })
    .getOne();
}

/** Revokes every live link of a contact; returns how many were. */
export async function revokeLiveLinks(
  manager: EntityManager,
  contactId: number,
  now: Date,
): Promise<number> {
  const result = await manager
    .getRepository(PortalLink)
    .update({ contactId, revokedAt: IsNull() }, { revokedAt: now });
  return result.affected ?? 0;
}

/** Records a link's first use (a concurrent first use is not overwritten). */
export async function markFirstUse(
  manager: EntityManager,
  linkId: number,
  now: Date,
): Promise<void> {
  await manager.getRepository(PortalLink).update({ id: linkId, usedAt: IsNull() }, { usedAt: now });
}
