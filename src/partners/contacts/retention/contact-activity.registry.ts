import { Injectable } from '@nestjs/common';

/**
 * What a contact did, and when: the latest moment of one kind of activity. Kinds are words of the
 * catalogue (`retentionPages.kind.<kind>`): created, consent, kept (this context), answer,
 * attendance, presented (meetings), followUp (projects), portalUse, portalRequest (portal).
 */
export interface ContactActivity {
  contactId: number;
  kind: string;
  at: Date;
}

/**
 * The latest activity of every contact that has some, in one grouped statement (at most one row
 * per contact and kind). A feature never reads it per contact: the retention review asks each
 * source once, whatever the number of contacts.
 */
export type ContactActivitySource = () => Promise<ContactActivity[]>;

/**
 * The features where contacts act (meetings, projects, the portal) sit above the partner
 * directory: each registers here, in its module's onModuleInit, the query that says when its
 * contacts last acted. The retention review (ContactRetentionService) reads them all.
 */
@Injectable()
export class ContactActivityRegistry {
  private readonly sources = new Map<string, ContactActivitySource>();

  register(feature: string, source: ContactActivitySource): void {
    this.sources.set(feature, source);
  }

  /** Every registered source's rows (one statement each). */
  async all(): Promise<ContactActivity[]> {
    const lists = await Promise.all([...this.sources.values()].map((source) => source()));
    return lists.flat();
  }
}
