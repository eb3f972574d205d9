import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * TypeORM logger that counts every SQL statement. Tests and the benchmark read the count around a
 * request to check that it does not grow with the data; LOG_SQL=true also prints them.
 */
export class QueryCounter extends AbstractLogger {
  private count = 0;

  constructor(private readonly print: boolean) {
    super(print ? ['query', 'error', 'warn'] : ['error', 'warn']);
  }

  get total(): number {
    return this.count;
  }

  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    this.count += 1;
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
