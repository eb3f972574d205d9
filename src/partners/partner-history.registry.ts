import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Tells whether a partner appears in a feature's records (invitations, projects...). */
export type PartnerHistoryCheck = (manager: EntityManager, partnerId: number) => Promise<boolean>;

/**
 * A partner with history is archived, never deleted. The partner directory cannot know every
 * feature that refers to partners, so each feature module registers a check here at start-up
 * (in its onModuleInit), keeping the dependency pointing from the features to the directory.
 */
@Injectable()
export class PartnerHistoryRegistry {
  private readonly checks = new Map<string, PartnerHistoryCheck>();

  register(kind: string, check: PartnerHistoryCheck): void {
    this.checks.set(kind, check);
  }

  /** The kinds of history the partner has ("meetings", "projects"...), empty when none. */
  async historyOf(manager: EntityManager, partnerId: number): Promise<string[]> {
    const kinds: string[] = [];
    for (const [kind, check] of this.checks) {
      if (await check(manager, partnerId)) kinds.push(kind);
    }
    return kinds;
  }
}
