import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a unit of work in one transaction. Every write in Maillage goes through here.
 *
 * TypeORM's sqlite driver shares a single connection: two transactions at once would interleave
 * on it (the second becoming a savepoint of the first). So on SQLite units of work queue behind
 * each other; on PostgreSQL each gets its own pooled connection and they run in parallel.
 */
@Injectable()
export class Transactions {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialize: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'sqlite';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    // The queue goes on whether this unit succeeded or failed.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * A unit of work that is exactly one statement, atomic by itself: run without BEGIN and COMMIT,
   * two round trips fewer (the mail dispatcher writes one per message sent). On SQLite it still
   * queues behind the other units, whose open transaction it would otherwise join on the shared
   * connection. `work` gets a manager with a query runner of its own (sqlChanges needs one).
   */
  async runOne<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const alone = async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return await work(runner.manager);
      } finally {
        await runner.release();
      }
    };
    if (!this.serialize) return alone();
    const result = this.tail.then(alone);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
