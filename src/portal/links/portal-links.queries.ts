import { type EntityManager, IsNull } from 'typeorm';
import { rawDate } from '../../database/raw-values';
import type { ContactActivity } from '../../partners/contacts/retention/contact-activity.registry';
import { sql } from '../../database/sql';
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

/**
 * For each contact, the latest use of a portal link and the latest link it asked for itself (a
 * link staff sent is the agency's doing, not the contact's): one grouped statement.
 */
export async function portalContactActivity(manager: EntityManager): Promise<ContactActivity[]> {
  const rows = await sql<{ contact_id: number; kind: string; at: string | Date }>(
    manager,
    `SELECT contact_id, kind, MAX(at) AS at FROM (
       SELECT contact_id, 'portalUse' AS kind, used_at AS at FROM portal_links WHERE used_at IS NOT NULL
       UNION ALL
       SELECT contact_id, 'portalRequest' AS kind, created_at AS at FROM portal_links
        WHERE created_by_user_id IS NULL
     ) x GROUP BY contact_id, kind`,
    [],
  );
  return rows.map((row) => ({
    contactId: Number(row.contact_id),
    kind: row.kind,
    at: rawDate(row.at) as Date,
  }));
}
