import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

/**
 * Runs a unit of work in one transaction. Every write in Maillage goes through here.
 *
 * TypeORM's sqlite driver shares a single connection: two transactions at once would interleave
 * on it (the second becoming a savepoint of the first). So on SQLite units of work queue behind
 * each other; on PostgreSQL each gets its own pooled connection and they run in parallel.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger('Transactions');
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;
  /** What to do once the unit of each manager has committed (afterCommit). */
  private readonly commitHooks = new WeakMap<EntityManager, (() => void)[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'sqlite';
  }

  run<T>(work: Work<T>): Promise<T> {
    return this.queued(async () => {
      const hooks: (() => void)[] = [];
      const result = await this.dataSource.transaction((manager) =>
        this.watched(manager, hooks, work),
      );
      this.committed(hooks);
      return result;
    });
  }

  /**
   * A unit of work that is exactly one statement, atomic by itself: run without BEGIN and COMMIT,
   * two round trips fewer (the mail dispatcher writes one per message sent). On SQLite it still
   * queues behind the other units, whose open transaction it would otherwise join on the shared
   * connection. `work` gets a manager with a query runner of its own (sqlChanges needs one).
   */
  runOne<T>(work: Work<T>): Promise<T> {
    return this.queued(async () => {
      const runner = this.dataSource.createQueryRunner();
      const hooks: (() => void)[] = [];
      try {
        const result = await this.watched(runner.manager, hooks, work);
        this.committed(hooks);
        return result;
      } finally {
        await runner.release();
      }
    });
  }

  /**
   * Calls `hook` once the unit that `manager` belongs to has committed, never if it rolls back:
   * a signal to other parts of this process (mail to send) that must not see uncommitted rows.
   * Outside a unit, soon after the current task.
   */
  afterCommit(manager: EntityManager, hook: () => void): void {
    const hooks = this.commitHooks.get(manager);
    if (hooks) hooks.push(hook);
    else setImmediate(() => this.call(hook));
  }

  private queued<T>(unit: () => Promise<T>): Promise<T> {
    if (!this.serialize) return unit();
    const result = this.tail.then(unit);
    // The queue goes on whether this unit succeeded or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Runs the work with `hooks` as its manager's commit hooks (afterCommit fills them). */
  private async watched<T>(
    manager: EntityManager,
    hooks: (() => void)[],
    work: Work<T>,
  ): Promise<T> {
    this.commitHooks.set(manager, hooks);
    try {
      return await work(manager);
    } finally {
      // On SQLite every unit shares one manager: the next unit sets its own list.
      this.commitHooks.delete(manager);
    }
  }

  private committed(hooks: (() => void)[]): void {
    for (const hook of hooks) this.call(hook);
  }

  private call(hook: () => void): void {
    try {
      hook();
    } catch (error) {
      this.logger.warn(`A commit hook failed: ${String(error)}`);
    }
  }
}
