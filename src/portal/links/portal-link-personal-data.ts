import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { ErasureSubject } from '../../common/erasure';
import { PortalLink } from './portal-link.entity';
import { revokeLiveLinks } from './portal-links.queries';

/** A portal link as the right of access lists it: dates only, never its hash. */
export interface PersonalPortalLink {
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The portal's part of a person's rights (docs/personal-data.md): a contact's sign-in links in
 * one statement; on erasure every live link is revoked, and since the portal guard checks the
 * link on each request, a session the contact has open ends at its next request.
 */
@Injectable()
export class PortalLinkPersonalData {
  constructor(@InjectRepository(PortalLink) private readonly links: Repository<PortalLink>) {}

  async personalDataOf(contactId: number): Promise<PersonalPortalLink[]> {
    const links = await this.links.find({ where: { contactId }, order: { id: 'ASC' } });
    return links.map(({ createdAt, expiresAt, usedAt, revokedAt }) => ({
      createdAt,
      expiresAt,
      usedAt,
      revokedAt,
    }));
  }

  async eraseIn(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    await revokeLiveLinks(manager, subject.contactId, subject.now);
  }
}
