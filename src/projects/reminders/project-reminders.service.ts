import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { calendarDayInZone } from '../../common/calendar-days';
import { UsersQueries } from '../../auth/users.queries';
import { Clock } from '../../common/clock';
import { everyMinutes } from '../../common/interval-timer';
import { mintSignedLink } from '../../common/signed-link';
import { AppConfig } from '../../config/app-config';
import { PeriodicPasses } from '../../database/periodic-passes';
import { Transactions } from '../../database/transactions';
import { MailOutbox } from '../../mail/outbox/mail-outbox.service';
import { PartnersQueries } from '../../partners/partners.queries';
import { formatShortDate } from '../../common/web/format';
import { ViewService } from '../../common/web/view.service';
import { daysBetween } from '../follow-ups/follow-up-state';
import type { FollowUpLink } from '../follow-ups/follow-up-link.entity';
import { ProjectsQueries } from '../projects.queries';
import { dueUnremindedProjects, insertFollowUpLinks, markReminded } from './reminders.queries';

/** The outbox group of a project's reminders (`project-reminder:<id>`). */
export const remindersGroup = (projectId: number): string => `project-reminder:${projectId}`;

const BATCH = 100;
const DIGEST_LINES = 50;

export interface ReminderRun {
  reminders: number;
  digests: number;
}

/**
 * Reminders, through the mail outbox:
 * - the lead partner's contacts (with an email) get one reminder when a project becomes due
 *   (overdue), at most once per cadence period: the project remembers the period it reminded
 *   (reminded_period_start), and the outbox key is project + period + contact;
 * - coordinators (and admins) get a weekly digest of the overdue and stale projects, once per
 *   ISO week of the network's time zone (outbox key week + user).
 * runOnce() does one pass; a timer calls runScheduled() every REMINDERS_INTERVAL_MINUTES (0: off,
 * as in tests), which runs the pass once per interval across every instance on the database.
 */
@Injectable()
export class ProjectRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ProjectReminders');
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReminderRun>;
  /** The timer's pass under way, waited for at shutdown so that its claim ends finished. */
  private scheduled?: Promise<unknown>;

  constructor(
    private readonly projectsQueries: ProjectsQueries,
    private readonly usersQueries: UsersQueries,
    private readonly partnersQueries: PartnersQueries,
    private readonly outbox: MailOutbox,
    private readonly transactions: Transactions,
    private readonly passes: PeriodicPasses,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = everyMinutes(
      this.config.remindersIntervalMinutes,
      () => this.runScheduled(),
      this.logger,
      'Reminder run',
    );
  }

  /** No new pass; the one under way finishes (and records its period done) before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.scheduled?.catch(() => undefined);
  }

  /** One pass; a second call while one runs waits for it instead of running twice. */
  runOnce(): Promise<ReminderRun> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * The timer's pass: runs once per interval (the interval's start is the period) across the
   * cluster, on the instance that claims it first; the others answer undefined.
   */
  runScheduled(): Promise<ReminderRun | undefined> {
    const pass = this.claimAndRun();
    this.scheduled = pass.finally(() => {
      if (this.scheduled === pass) this.scheduled = undefined;
    });
    return pass;
  }

  private async claimAndRun(): Promise<ReminderRun | undefined> {
    const now = this.clock.now();
    const interval = Math.max(1, this.config.remindersIntervalMinutes) * 60_000;
    const period = new Date(Math.floor(now.getTime() / interval) * interval).toISOString();
    const outcome = await this.passes.runOnce('project-reminders', period, now, () =>
      this.runOnce(),
    );
    return outcome.ran ? outcome.result : undefined;
  }

  private async run(): Promise<ReminderRun> {
    let reminders = 0;
    for (;;) {
      const batch = await this.transactions.run((manager) => this.remindBatch(manager));
      reminders += batch.sent;
      if (batch.projects < BATCH) break;
    }
    const digests = await this.transactions.run((manager) => this.digest(manager));
    return { reminders, digests };
  }

  private async remindBatch(manager: EntityManager): Promise<{ projects: number; sent: number }> {
    const now = this.clock.now();
    const due = await dueUnremindedProjects(manager, now, BATCH);
    if (due.length === 0) return { projects: 0, sent: 0 };
    const contacts = await this.partnersQueries.contactsOfPartners(
      [...new Set(due.map((p) => p.leadPartnerId))],
      { withEmail: true },
      manager,
    );
    const locale = this.config.locale;
    const t = this.views.translator;
    let sent = 0;
    const links: Partial<FollowUpLink>[] = [];
    for (const project of due) {
      const period = project.followUpSince!.toISOString();
      const validFor = this.config.followUpLinkDays * 86_400_000;
      for (const contact of contacts.filter((c) => c.partnerId === project.leadPartnerId)) {
        const { token, tokenHash, expiresAt } = mintSignedLink(now, validFor);
        const url = `${this.config.publicUrl}/follow-up/${token}`;
        const model = {
          name: contact.fullName,
          title: project.title,
          partner: project.leadPartner?.name ?? '',
          days: daysBetween(project.followUpSince!, now),
          cadence: project.cadenceDays,
          url,
          validUntil: formatShortDate(expiresAt, locale, this.config.timeZone),
        };
        const result = await this.outbox.enqueue(manager, {
          purpose: 'project-reminder',
          idempotencyKey: `project-reminder:${project.id}:${period}:${contact.id}`,
          // The project page lists its reminders by this group.
          group: remindersGroup(project.id),
          to: { email: contact.email!, name: contact.fullName },
          contactId: contact.id,
          subject: t.translate(locale, 'projects.reminder.subject', model),
          html: this.views.render('mail/project-reminder', model, { layout: null }),
          text: [
            t.translate(locale, 'projects.reminder.greeting', model),
            t.translate(locale, 'projects.reminder.body', model),
            `${t.translate(locale, 'projects.reminder.action', model)}\n${url}`,
            t.translate(locale, 'projects.reminder.linkValid', { date: model.validUntil }),
            t.translate(locale, 'projects.reminder.thanks'),
          ].join('\n\n'),
        });
        if (!result.created) continue;
        sent += 1;
        links.push({
          projectId: project.id,
          contactId: contact.id,
          tokenHash,
          createdAt: now,
          createdByUserId: null,
          expiresAt,
          revokedAt: null,
          lastUsedAt: null,
        });
      }
    }
    await insertFollowUpLinks(manager, links);
    await markReminded(
      manager,
      due.map((p) => p.id),
    );
    return { projects: due.length, sent };
  }

  private async digest(manager: EntityManager): Promise<number> {
    const now = this.clock.now();
    const week = isoWeek(calendarDayInZone(now, this.config.timeZone));
    const { items: projects, total } = await this.projectsQueries.dueBy(now, DIGEST_LINES, manager);
    if (total === 0) return 0;
    const users = await this.usersQueries.activeCoordinatorsAndAdmins(manager);
    const locale = this.config.locale;
    const t = this.views.translator;
    const lines = projects.map((p) =>
      t.translate(locale, 'projects.digest.line', {
        title: p.title,
        partner: p.leadPartner?.name ?? '',
        state: t.translate(
          locale,
          `projects.state.${p.staleAt && p.staleAt <= now ? 'stale' : 'overdue'}`,
        ),
        never: p.lastFollowUpAt ? 'no' : 'yes',
        days: daysBetween(p.followUpSince!, now),
      }),
    );
    const more =
      total > projects.length
        ? t.translate(locale, 'projects.digest.more', { count: total - projects.length })
        : '';
    const dashboardUrl = `${this.config.publicUrl}/api/dashboard`;
    const subject = t.translate(locale, 'projects.digest.subject', { count: total });
    const html = this.views.render(
      'mail/project-digest',
      { lines, more, dashboardUrl },
      { layout: null },
    );
    const text = [
      t.translate(locale, 'projects.digest.intro'),
      lines.map((l) => `- ${l}`).join('\n'),
      more,
      dashboardUrl,
    ]
      .filter(Boolean)
      .join('\n\n');
    let sent = 0;
    for (const user of users) {
      const result = await this.outbox.enqueue(manager, {
        purpose: 'digest',
        idempotencyKey: `project-digest:${week}:${user.id}`,
        to: { email: user.email, name: user.displayName },
        subject,
        html,
        text,
      });
      if (result.created) sent += 1;
    }
    return sent;
  }
}

/** "2026-W10" for a calendar date (ISO 8601 week, Monday first). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7)); // the Thursday of that week
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
