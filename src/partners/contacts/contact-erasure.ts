import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../audit/audit.service';
import type { ErasureSubject } from '../../common/erasure';
import { replaceTextIn } from '../../database/sql';
import { refreshSearchText } from '../partner-rules';
import { ConsentEvent } from './consent-event.entity';
import { type ConsentChange, ConsentQueries } from './consent.queries';
import { Contact } from './contact.entity';

/** What the directory holds about one contact (the right of access). */
export interface ContactPersonalData {
  contact: Contact;
  partnerName: string;
  consents: ConsentEvent[];
}

/**
 * The directory's part of a person's rights (RGPD articles 15 and 17, docs/personal-data.md): the
 * contact with its partner's name and its consent history (two statements), and the erasure of
 * the contact row, in the erasure's transaction.
 */
@Injectable()
export class ContactErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consents: ConsentQueries,
  ) {}

  /** The contact, its partner's name and its consent history, oldest first; null if unknown. */
  async personalDataOf(contactId: number): Promise<ContactPersonalData | null> {
    const contact = await this.dataSource.getRepository(Contact).findOne({
      where: { id: contactId },
      relations: { partner: true },
    });
    if (!contact) return null;
    const consents = await this.dataSource
      .getRepository(ConsentEvent)
      .find({ where: { contactId }, order: { at: 'ASC', id: 'ASC' } });
    return { contact, partnerName: contact.partner?.name ?? '', consents };
  }

  /** The contact, read in the erasure's transaction (locked on PostgreSQL), or null. */
  contactIn(manager: EntityManager, contactId: number): Promise<Contact | null> {
    const query = manager
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where('c.id = :contactId', {
        contactId,
      });
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * Anonymises the contact: the name becomes the label, job title, email, phone and notes go,
   * consents are withdrawn (each withdrawal kept in the history under the source "effacement").
   * The row stays with its partner, so organisation-level history and counts stay. The consent
   * history keeps its dates, topics and sources; the contact's own name, where it was the author
   * or the source (the unsubscribe link), is replaced.
   */
  async eraseIn(
    manager: EntityManager,
    actor: Actor,
    contact: Contact,
    subject: ErasureSubject,
    source: string,
  ): Promise<void> {
    const withdrawn: ConsentChange[] = [];
    if (contact.newsletterConsent) withdrawn.push({ topic: 'newsletter', granted: false, source });
    if (contact.receivesMinutes) withdrawn.push({ topic: 'minutes', granted: false, source });
    await manager.getRepository(Contact).update(
      { id: contact.id },
      {
        fullName: subject.label,
        jobTitle: null,
        email: null,
        emailKey: null,
        phone: null,
        notes: null,
        newsletterConsent: false,
        newsletterConsentAt: withdrawn.length ? subject.now : contact.newsletterConsentAt,
        newsletterConsentSource: contact.newsletterConsent ? source : null,
        receivesMinutes: false,
        erasedAt: subject.now,
      },
    );
    await replaceTextIn(manager, 'consent_events', ['recorded_by', 'source'], subject.replacements);
    await this.consents.record(manager, actor, contact.id, withdrawn, subject.now);
    await refreshSearchText(manager, contact.partnerId);
  }
}
