import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A step another feature asks for before a meeting closes (the minutes draft, say). */
export interface MeetingClosingCheck {
  /** Whether the step is done for this meeting. */
  done(manager: EntityManager, meetingId: number): Promise<boolean>;
  /** Why closing is refused before it is done: in English for the API, a catalogue key for pages. */
  refusal: { message: string; key: string };
}

export interface ClosingStepStatus {
  step: string;
  done: boolean;
  refusal: MeetingClosingCheck['refusal'];
}

/**
 * Features that build on meetings register here at start-up (onModuleInit) what they need done
 * before a meeting closes, keeping the dependency pointing from them to meetings (as
 * MeetingCancellationHooks does); the closing reads them inside its own transaction.
 */
@Injectable()
export class MeetingClosingChecks {
  private readonly checks = new Map<string, MeetingClosingCheck>();

  register(step: string, check: MeetingClosingCheck): void {
    this.checks.set(step, check);
  }

  /** Each registered step and whether it is done, in registration order. */
  async status(manager: EntityManager, meetingId: number): Promise<ClosingStepStatus[]> {
    const out: ClosingStepStatus[] = [];
    for (const [step, check] of this.checks)
      out.push({ step, done: await check.done(manager, meetingId), refusal: check.refusal });
    return out;
  }
}
