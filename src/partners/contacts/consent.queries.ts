import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type Actor, actorLabel, actorUserId } from '../../audit/audit.service';
import { sql } from '../../database/sql';
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
  async record(
    manager: EntityManager,
    actor: Actor,
    contactId: number,
    changes: ConsentChange[],
    at: Date,
  ): Promise<void> {
    if (changes.length === 0) return;
    // One statement for all (a new contact has two: the minutes choice and the newsletter).
    const row = '(?, ?, ?, ?, ?, ?, ?)';
    await sql(
      manager,
      `INSERT INTO consent_events (contact_id, topic, granted, at, source, recorded_by, recorded_by_user_id)
       VALUES ${changes.map(() => row).join(', ')}`,
      changes.flatMap((change) => [
        contactId,
        change.topic,
        change.granted,
        at,
        change.source.slice(0, 120),
        actorLabel(actor).slice(0, 160),
        actorUserId(actor),
      ]),
    );
  }

  /** A contact's opt-ins and opt-outs, newest first. */
  historyOf(contactId: number): Promise<ConsentEvent[]> {
    return this.events.find({ where: { contactId }, order: { at: 'DESC', id: 'DESC' } });
  }
}
