import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/** The table an INSERT, UPDATE or DELETE statement writes, as TypeORM and hand-written SQL spell it. */
const WRITTEN_TABLE =
  /^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)"?/i;

/** Statements counted by `QueryCounter.within`. */
export interface QueryTally {
  count: number;
}

export type TableWriteListener = (table: string, queryRunner: QueryRunner | undefined) => void;

/**
 * TypeORM logger that counts every SQL statement. Tests and the benchmark read the count around a
 * request to check that it does not grow with the data; LOG_SQL=true also prints them.
 */
export class QueryCounter extends AbstractLogger {
  private count = 0;
  /** The tally of the scope (`within`) the current async call chain belongs to, if any. */
  private readonly scope = new AsyncLocalStorage<QueryTally>();
  private readonly writeListeners: TableWriteListener[] = [];
  /** `within` scopes not yet left. */
  private scopes = 0;

  constructor(private readonly print: boolean) {
    super(print ? ['query', 'error', 'warn'] : ['error', 'warn']);
  }

  /** Every statement of the process, background work (the mail dispatcher, caches) included. */
  get total(): number {
    return this.count;
  }

  /**
   * Runs `work` counting into `tally` the statements of `work` and of what it awaits or starts,
   * and none of the work running beside it: a request's exact count, where `total` would also
   * count the mail dispatcher polling or another request meanwhile.
   */
  within<T>(tally: QueryTally, work: () => T): T {
    this.scopes += 1;
    return this.scope.run(tally, work);
  }

  /**
   * Ends a `within` scope whose work is over. When none is left, the async context tracking is
   * switched off: while on, Node 20 runs a hook on every promise the process creates.
   */
  leave(): void {
    this.scopes = Math.max(0, this.scopes - 1);
    if (this.scopes === 0) this.scope.disable();
  }

  /**
   * Tells `listener` the table of every write statement this process runs, whoever builds it
   * (repositories, query builders, hand-written SQL): in-process caches invalidate on it, where
   * entity subscribers would miss the hand-written hot paths.
   */
  onTableWrite(listener: TableWriteListener): void {
    this.writeListeners.push(listener);
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.count += 1;
    const tally = this.scope.getStore();
    if (tally) tally.count += 1;
    if (this.writeListeners.length) {
      const table = WRITTEN_TABLE.exec(query)?.[1];
      if (table) for (const listener of this.writeListeners) listener(table, queryRunner);
    }
    super.logQuery(query, parameters, queryRunner);
  }

  protected writeLog(level: LogLevel, logMessage: LogMessage | LogMessage[]): void {
    const messages = Array.isArray(logMessage) ? logMessage : [logMessage];
    for (const message of messages) {
      const line = `[sql:${message.type ?? level}] ${String(message.message)}`;
      if (level === 'error' || level === 'warn') console.error(line);
      else console.log(line);
    }
  }
}
