import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../../config/app-config';
import { PeriodicPasses } from '../periodic-passes';
import { backupDatabase } from './backup';

const DAY_MS = 24 * 3_600_000;
const CHECK_MS = 3_600_000;
/** maillage-20261206-023000.sqlite: the time (UTC) in the name, so names sort by time. */
const NAME = /^maillage-\d{8}-\d{6}\.(sqlite|dump)$/;

/**
 * BACKUP_DIR set: a backup a day into that folder (checked every hour, and at start-up when the
 * newest is over a day old), the BACKUP_KEEP newest kept, each logged. A failure is logged and
 * tried again at the next check; it never stops the app. With several instances on one database,
 * one backup a day across them: the instance whose backup is due claims the UTC day
 * (PeriodicPasses, job 'daily-backup'); the others skip that day.
 */
@Injectable()
export class DailyBackupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Backup');
  private timer?: NodeJS.Timeout;
  private running = false;
  /** The check under way, waited for at shutdown so that a backup is never cut off. */
  private current?: Promise<unknown>;

  constructor(
    private readonly config: AppConfig,
    private readonly passes: PeriodicPasses,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.backupDir) return;
    this.timer = setInterval(() => void this.runIfDue(), CHECK_MS);
    this.timer.unref();
    void this.runIfDue();
  }

  /** No new check; a backup under way finishes (and records its day done) before the pool closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.current;
  }

  /** Makes today's backup when the newest is a day old or missing; prunes the oldest. */
  runIfDue(now = new Date()): Promise<string | undefined> {
    if (this.running) return Promise.resolve(undefined); // the check under way stays the one waited for
    const check = this.check(now);
    this.current = check;
    return check;
  }

  private async check(now: Date): Promise<string | undefined> {
    const dir = this.config.backupDir;
    if (!dir || this.running) return undefined;
    this.running = true;
    try {
      const existing = this.backups(dir);
      const newest = existing.at(-1);
      if (newest && now.getTime() - takenAt(newest) < DAY_MS - CHECK_MS) return undefined;
      const day = now.toISOString().slice(0, 10);
      const outcome = await this.passes.runOnce('daily-backup', day, now, () =>
        this.backUp(dir, now),
      );
      return outcome.ran ? outcome.result : undefined;
    } catch (error) {
      this.logger.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    } finally {
      this.running = false;
    }
  }

  /** Writes one backup into `dir`, then prunes the oldest. */
  private async backUp(dir: string, now: Date): Promise<string> {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const extension = this.config.databaseEngine === 'sqlite' ? 'sqlite' : 'dump';
    const summary = await backupDatabase(this.config, join(dir, `maillage-${stamp}.${extension}`));
    this.logger.log(
      `backup written: ${summary.file} (${summary.bytes} bytes, schema ${summary.schema})`,
    );
    for (const old of this.backups(dir).slice(0, -this.config.backupKeep)) {
      rmSync(join(dir, old), { force: true });
      this.logger.log(`old backup removed: ${old}`);
    }
    return summary.file;
  }

  /** The folder's backups, oldest first (their names sort by time). */
  private backups(dir: string): string[] {
    try {
      return readdirSync(dir)
        .filter((name) => NAME.test(name))
        .sort();
    } catch {
      return [];
    }
  }
}

/** When a backup was taken, from its name (maillage-YYYYMMDD-HHMMSS, UTC). */
function takenAt(name: string): number {
  const [, y, mo, d, h, mi, s] = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name)!;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
}
