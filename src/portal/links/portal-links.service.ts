import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { emailKey } from '../../auth/users/users.service';
import { Clock } from '../../common/clock';
import { GoneError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import {
  isSignedLinkToken,
  mintSignedLink,
  signedLinkHash,
  signedLinkState,
} from '../../common/signed-link';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { MailOutbox } from '../../mail/outbox/mail-outbox.service';
import { MailTemplates } from '../../mail/delivery/mail-templates';
import type { Contact } from '../../partners/contacts/contact.entity';
import type { Partner } from '../../partners/partner.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import { formatDateTime } from '../../common/web/format';
import { ViewService } from '../../common/web/view.service';
import { PortalLink } from './portal-link.entity';
import { linkWithContactAndPartner, markFirstUse, revokeLiveLinks } from './portal-links.queries';
import { PortalThrottle } from './portal-throttle';

/** Who is signed in to the portal: a contact of an active partner, through a live link. */
export interface PortalIdentity {
  contact: Contact;
  partner: Partner;
  link: PortalLink;
}

export interface PortalLinkSummary {
  id: number;
  contactId: number;
  createdAt: Date;
  createdByUserId: number | null;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Sign-in links of the partner portal. A contact asks for one with their email (only known
 * contacts of active partners get a mail, and the answer never says whether the email is known),
 * or staff send one. The link and its mail are written in one transaction (the outbox).
 */
@Injectable()
export class PortalLinksService {
  constructor(
    @InjectRepository(PortalLink) private readonly links: Repository<PortalLink>,
    private readonly partners: PartnersQueries,
    private readonly transactions: Transactions,
    private readonly outbox: MailOutbox,
    private readonly templates: MailTemplates,
    private readonly views: ViewService,
    private readonly audit: AuditService,
    private readonly throttle: PortalThrottle,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * A contact asks for a link. Throttled per email and per address (TooManyRequestsError) for
   * every email, known or not; otherwise returns nothing either way.
   */
  async request(email: string, address: string): Promise<void> {
    const key = emailKey(email);
    await this.throttle.consume(key, address);
    await this.transactions.run(async (manager) => {
      const contact = await this.partners.contactByEmailKey(
        key,
        { ofActivePartner: true },
        manager,
      );
      if (!contact?.email) return;
      await this.issue(manager, contact, contact.partner, null);
    });
  }

  /** Staff send a link to a contact (its partner must be active). */
  send(contactId: number, user: User): Promise<PortalLinkSummary> {
    return this.transactions.run(async (manager) => {
      const contact = await this.partners.contactWithPartner(contactId, manager);
      if (!contact) throw new NotFoundError('contact', contactId);
      if (!contact.email) throw new RuleViolationError('errors.portal.noEmail', 'email');
      if (!contact.partner?.active || contact.partner.archivedAt)
        throw new RuleViolationError('errors.portal.inactivePartner', 'partnerId');
      const link = await this.issue(manager, contact, contact.partner, user);
      await this.audit.record(
        manager,
        { user },
        {
          entityType: 'contact',
          entityId: contactId,
          action: 'update',
          changes: { portalLink: { before: null, after: `sent (link ${link.id})` } },
        },
      );
      return summaryOf(link);
    });
  }

  async listFor(contactId: number): Promise<PortalLinkSummary[]> {
    if (!(await this.partners.contactExists(contactId)))
      throw new NotFoundError('contact', contactId);
    const links = await this.links.find({ where: { contactId }, order: { id: 'DESC' } });
    return links.map(summaryOf);
  }

  /** Revokes every live link of a contact (their portal sessions end at their next request). */
  revokeAllFor(contactId: number, user: User): Promise<{ revoked: number }> {
    return this.transactions.run(async (manager) => {
      if (!(await this.partners.contactExists(contactId, manager)))
        throw new NotFoundError('contact', contactId);
      const revoked = await revokeLiveLinks(manager, contactId, this.clock.now());
      if (revoked > 0) {
        await this.audit.record(
          manager,
          { user },
          {
            entityType: 'contact',
            entityId: contactId,
            action: 'update',
            changes: { portalLinks: { before: `${revoked} live`, after: 'revoked' } },
          },
        );
      }
      return { revoked };
    });
  }

  revoke(linkId: number, user: User): Promise<PortalLinkSummary> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(PortalLink);
      const link = await repository.findOneBy({ id: linkId });
      if (!link) throw new NotFoundError('portalLink', linkId);
      if (!link.revokedAt) {
        link.revokedAt = this.clock.now();
        await repository.save(link);
        await this.audit.record(
          manager,
          { user },
          {
            entityType: 'contact',
            entityId: link.contactId,
            action: 'update',
            changes: { portalLink: { before: `link ${link.id}`, after: 'revoked' } },
          },
        );
      }
      return summaryOf(link);
    });
  }

  /**
   * The link a contact opened: its identity, or GoneError (expired, revoked, or the contact's
   * partner no longer active) / NotFoundError (unknown). Records its first use.
   */
  async open(token: string): Promise<PortalIdentity> {
    if (!isSignedLinkToken(token)) throw new NotFoundError('portalLink');
    const link = await this.links.findOne({ where: { tokenHash: signedLinkHash(token) } });
    if (!link) throw new NotFoundError('portalLink');
    const identity = await this.identify(link.id, link.contactId);
    if (!identity) throw new GoneError('errors.portal.linkExpired');
    if (!link.usedAt) {
      await this.transactions.run((manager) => markFirstUse(manager, link.id, this.clock.now()));
    }
    return identity;
  }

  /**
   * The portal identity of a session (link id + contact id), or null when the link expired or was
   * revoked, the contact is gone or its partner is no longer active. One query, every request.
   */
  async identify(linkId: number, contactId: number): Promise<PortalIdentity | null> {
    const link = await linkWithContactAndPartner(this.links.manager, linkId, contactId);
    if (!link?.contact?.partner) return null;
    const partner = link.contact.partner;
    if (signedLinkState(link, this.clock.now()) !== 'live') return null;
    if (!partner.active || partner.archivedAt) return null;
    return { contact: link.contact, partner, link };
  }

  /**
   * A sign-in link for a mail another context sends (the minutes' review round), in the caller's
   * transaction, leading to `path` once opened (a portal page, see startPortalSession); null for
   * a contact without an active partner. The same links as any other: same lifetime, revocation
   * and first-use record.
   */
  async linkFor(manager: EntityManager, contactId: number, path: string): Promise<string | null> {
    const contact = await this.partners.contactWithPartner(contactId, manager);
    if (!contact?.email || !contact.partner?.active || contact.partner.archivedAt) return null;
    const { token } = await this.mint(manager, contact.id, null);
    return `${this.config.publicUrl}/portal/link/${token}?to=${encodeURIComponent(path)}`;
  }

  private async mint(
    manager: EntityManager,
    contactId: number,
    user: User | null,
  ): Promise<{ link: PortalLink; token: string }> {
    const now = this.clock.now();
    const { token, tokenHash, expiresAt } = mintSignedLink(
      now,
      this.config.portalLinkTtlHours * 3_600_000,
    );
    const repository = manager.getRepository(PortalLink);
    const link = await repository.save(
      repository.create({
        contactId,
        tokenHash,
        createdAt: now,
        createdByUserId: user?.id ?? null,
        expiresAt,
        usedAt: null,
        revokedAt: null,
      }),
    );
    return { link, token };
  }

  private async issue(
    manager: EntityManager,
    contact: Contact,
    partner: Partner,
    user: User | null,
  ): Promise<PortalLink> {
    const { link, token } = await this.mint(manager, contact.id, user);
    const locale = this.config.locale;
    const url = `${this.config.publicUrl}/portal/link/${token}`;
    const subject = this.views.translator.translate(locale, 'portal.mail.subject', {
      partner: partner.name,
    });
    const rendered = this.templates.render('portal-link', {
      title: subject,
      name: contact.fullName,
      partner: partner.name,
      url,
      validUntil: formatDateTime(link.expiresAt, locale, this.config.timeZone),
      signInUrl: `${this.config.publicUrl}/portal/sign-in`,
    });
    await this.outbox.enqueue(manager, {
      purpose: 'portal-link',
      idempotencyKey: `portal-link:${link.id}`,
      to: { email: contact.email!, name: contact.fullName },
      contactId: contact.id,
      subject,
      ...rendered,
    });
    return link;
  }
}

function summaryOf(link: PortalLink): PortalLinkSummary {
  return {
    id: link.id,
    contactId: link.contactId,
    createdAt: link.createdAt,
    createdByUserId: link.createdByUserId,
    expiresAt: link.expiresAt,
    usedAt: link.usedAt,
    revokedAt: link.revokedAt,
  };
}
