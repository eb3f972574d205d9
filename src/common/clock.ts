import { AsyncLocalStorage } from 'node:async_hooks';

/** The moment a replayed piece of work believes it is (see `actingAt`). */
const replayed = new AsyncLocalStorage<Date>();

/**
 * The time source of the whole app. Staleness, reminders and "upcoming" depend on it,
 * so tests move a FixedClock instead of sleeping.
 */
export abstract class Clock {
  /** The current moment, or the moment being replayed by the work that asks (`actingAt`). */
  now(): Date {
    const replay = replayed.getStore();
    return replay ? new Date(replay.getTime()) : this.current();
  }

  protected abstract current(): Date;
}

/**
 * Runs `work` as if it were `at` for every Clock it asks, and only for it: requests and timers
 * running meanwhile keep the real time. The demo data uses it to replay a network's history
 * through the services' own rules (an invitation before the meeting, attendance after it...).
 */
export function actingAt<T>(at: Date, work: () => Promise<T>): Promise<T> {
  return replayed.run(new Date(at.getTime()), work);
}

export class SystemClock extends Clock {
  protected current(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private moment: Date = new Date('2026-03-01T09:00:00Z')) {
    super();
  }
  protected current(): Date {
    return new Date(this.moment.getTime());
  }
  set(date: Date | string): void {
    this.moment = new Date(date);
  }
  advanceDays(days: number): void {
    this.moment = new Date(this.moment.getTime() + days * 86_400_000);
  }
  advanceMs(ms: number): void {
    this.moment = new Date(this.moment.getTime() + ms);
  }
}
