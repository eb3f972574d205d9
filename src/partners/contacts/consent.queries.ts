import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, actorLabel, actorUserId } from '../../audit/audit.service';
import { insertRows } from '../../database/sql';
import { ConsentEvent, type ConsentTopic } from './consent-event.entity';

export interface ConsentChange {
  topic: ConsentTopic;
  granted: boolean;
  source: string;
}

/** The consent history of contacts: written with the change, read for the contact's page. */
@Injectable()
export class ConsentQueries {
  constructor(@InjectRepository(ConsentEvent) private readonly events: Repository<ConsentEvent>) {}

  /** In the caller's transaction, beside the contact's change it records. */
  record(
    manager: EntityManager,
    actor: Actor,
    contactId: number,
    changes: ConsentChange[],
    at: Date,
  ): Promise<void> {
    return this.recordMany(manager, actor, [{ contactId, changes }], at);
  }

  /**
   * The changes of many contacts in one statement per chunk (a new contact has two: the minutes
   * choice and the newsletter; an import has thousands), in their order.
   */
  async recordMany(
    manager: EntityManager,
    actor: Actor,
    contacts: { contactId: number; changes: ConsentChange[] }[],
    at: Date,
  ): Promise<void> {
    await insertRows(
      manager,
      'consent_events',
      ['contact_id', 'topic', 'granted', 'at', 'source', 'recorded_by', 'recorded_by_user_id'],
      contacts.flatMap(({ contactId, changes }) =>
        changes.map((change) => [
          contactId,
          change.topic,
          change.granted,
          at,
          change.source.slice(0, 120),
          actorLabel(actor).slice(0, 160),
          actorUserId(actor),
        ]),
      ),
    );
  }

  /** A contact's opt-ins and opt-outs, newest first. */
  historyOf(contactId: number): Promise<ConsentEvent[]> {
    return this.events.find({ where: { contactId }, order: { at: 'DESC', id: 'DESC' } });
  }
}
