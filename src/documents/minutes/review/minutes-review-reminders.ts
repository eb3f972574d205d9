import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../../../common/clock';
import { everyMinutes } from '../../../common/interval-timer';
import { AppConfig } from '../../../config/app-config';
import { Transactions } from '../../../database/transactions';
import { MeetingsQueries } from '../../../meetings/meetings.queries';
import { MinutesReviewMail } from './minutes-review-mail';
import { claimReminder, readersOf, roundsToRemind } from './minutes-review.queries';

/** The reminder leaves once less than this remains before the deadline (two days). */
export const REMINDER_BEFORE_MS = 2 * 86_400_000;

/**
 * One reminder per round, to the attendees who have not opened the draft, once less than two
 * days remain before the deadline. The round's `reminder_sent_at` is set by a conditional update
 * in the transaction that queues the mails: with several instances, or passes, only one sends
 * it, and a failure leaves it to the next pass. A timer runs a pass every
 * REMINDERS_INTERVAL_MINUTES (0: off, as in tests, which call runOnce()).
 */
@Injectable()
export class MinutesReviewReminders implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MinutesReviewReminders');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly meetings: MeetingsQueries,
    private readonly mail: MinutesReviewMail,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = everyMinutes(
      this.config.remindersIntervalMinutes,
      () => this.runOnce(),
      this.logger,
      'Review reminder run',
    );
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; answers how many reminder mails were queued. */
  runOnce(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<number> {
    const now = this.clock.now();
    const due = await this.transactions.run((manager) =>
      roundsToRemind(manager, now, REMINDER_BEFORE_MS),
    );
    let sent = 0;
    for (const round of due) {
      sent += await this.transactions.run(async (manager) => {
        if (!(await claimReminder(manager, round.id, now))) return 0;
        const meeting = await this.meetings.meetingById(round.meetingId, manager);
        const notOpened = (await readersOf(manager, round.id))
          .filter((r) => !r.openedAt)
          .map((r) => r.contactId);
        return this.mail.send(manager, round, meeting?.title ?? '', notOpened, true);
      });
    }
    return sent;
  }
}
