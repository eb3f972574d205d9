import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { User } from '../auth/users/user.entity';
import type { Meeting } from './meeting.entity';

/** What a feature does when a meeting is cancelled, in the cancellation's transaction. */
export type MeetingCancellationHook = (
  manager: EntityManager,
  meeting: Meeting,
  user: User | undefined,
) => Promise<void>;

/**
 * Features that build on meetings (themes scheduled on their agenda...) react to a cancellation
 * here: they register a hook at start-up (onModuleInit), keeping the dependency pointing from the
 * features to meetings, and the hooks run inside the transaction that cancels, so a cancellation
 * never lands without their consequences (or the reverse).
 */
@Injectable()
export class MeetingCancellationHooks {
  private readonly hooks = new Map<string, MeetingCancellationHook>();

  register(feature: string, hook: MeetingCancellationHook): void {
    this.hooks.set(feature, hook);
  }

  async run(manager: EntityManager, meeting: Meeting, user: User | undefined): Promise<void> {
    for (const hook of this.hooks.values()) await hook(manager, meeting, user);
  }
}
