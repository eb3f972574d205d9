import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChangeNotifications } from '../../database/change-notifications';
import { QueryCounter } from '../../database/query-counter';
import type {
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

/** The tables the dashboard figures are read from: a write to any of them invalidates it. */
const READ_TABLES = new Set(['projects', 'project_participants', 'partners', 'meetings']);

/**
 * The longest a snapshot serves. On PostgreSQL other instances' writes are exact too (LISTEN/NOTIFY,
 * see DashboardSnapshots); another process on the same SQLite file (a CLI) shows within this time.
 */
export const DASHBOARD_TTL_MS = 5_000;

/** Snapshots kept at once, one per `limit` asked (most callers use the default). */
const MAX_ENTRIES = 8;

export interface Computed<T> {
  value: T;
  /** The first moment after `now` at which a figure changes by itself (a due date), or null. */
  nextChange: Date | null;
}

interface Entry<T> {
  generation: number;
  at: number;
  until: number;
  promise: Promise<T>;
}

/**
 * In-process snapshots of the dashboard, exactly equal to a fresh computation:
 * - every insert, update or delete this process runs on the tables read (repositories, query
 *   builders or hand-written SQL, as the SQL logger sees them) invalidates them, at the write and
 *   again at its commit (a TypeORM subscriber), so that a computation that read the database
 *   before the commit is never reused; the services need no hook;
 * - a snapshot computed at `now` serves until the first stored moment after `now` (due-soon, due,
 *   stale, end of snooze), after which the follow-up states and the needing-attention list change;
 * - on PostgreSQL, writes by other instances sharing the database invalidate them too: triggers
 *   notify at each commit, and each read first makes sure every notification of a commit already
 *   acknowledged has arrived (ChangeNotifications.sync); while that is not known (the listening
 *   connection is down), every read is computed afresh;
 * - and at most DASHBOARD_TTL_MS, for writes by other processes on the same SQLite file.
 * Concurrent requests share one computation.
 */
@Injectable()
export class DashboardSnapshots implements EntitySubscriberInterface {
  private generation = 0;
  private readonly entries = new Map<number, Entry<unknown>>();
  /** Query runners inside a transaction that wrote to a table read by the dashboard. */
  private readonly dirty = new WeakSet<QueryRunner>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    queries: QueryCounter,
    private readonly changes: ChangeNotifications,
  ) {
    queries.onTableWrite((table, queryRunner) => this.written(table, queryRunner));
    dataSource.subscribers.push(this);
    changes.onChange((table) => {
      if (table === '*' || READ_TABLES.has(table)) this.invalidate();
    });
  }

  /** The snapshot for `key` valid at `now`, computing it (once for concurrent callers) if needed. */
  async get<T>(key: number, now: Date, compute: (now: Date) => Promise<Computed<T>>): Promise<T> {
    if (!(await this.changes.sync())) return (await compute(now)).value;
    const t = now.getTime();
    for (;;) {
      let entry = this.entries.get(key) as Entry<T> | undefined;
      if (!entry || entry.generation !== this.generation || t < entry.at || t >= entry.until) {
        entry = this.start(key, now, compute);
      }
      const value = await entry.promise;
      // A computation started earlier by another caller may end before this caller's `now`.
      if (t < entry.until) return value;
    }
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private start<T>(key: number, now: Date, compute: (now: Date) => Promise<Computed<T>>): Entry<T> {
    const at = now.getTime();
    const entry: Entry<T> = {
      generation: this.generation,
      at,
      until: at + DASHBOARD_TTL_MS,
      promise: compute(now).then(
        ({ value, nextChange }) => {
          if (nextChange) entry.until = Math.min(entry.until, nextChange.getTime());
          return value;
        },
        (error: unknown) => {
          if (this.entries.get(key) === entry) this.entries.delete(key);
          throw error;
        },
      ),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  private written(table: string, queryRunner: QueryRunner | undefined) {
    if (!READ_TABLES.has(table)) return;
    this.invalidate();
    if (queryRunner?.isTransactionActive) this.dirty.add(queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent) {
    if (!this.dirty.has(event.queryRunner)) return;
    this.dirty.delete(event.queryRunner);
    this.invalidate();
  }

  afterTransactionRollback(event: TransactionRollbackEvent) {
    this.dirty.delete(event.queryRunner);
  }
}
