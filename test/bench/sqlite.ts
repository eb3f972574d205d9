import { Database, Statement } from 'sqlite3';

/** Promise wrappers over the sqlite3 callbacks, shared by the data-set builder and the baseline. */
export function openDatabase(file: string): Promise<Database> {
  return new Promise((resolve, reject) => {
    const db: Database = new Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

export function exec(db: Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) =>
    db.exec(sql, (error) => (error ? reject(error) : resolve())),
  );
}

export function run(
  db: Database,
  sql: string,
  params: unknown[] = [],
): Promise<{ lastID: number; changes: number }> {
  return new Promise((resolve, reject) =>
    db.run(sql, params, function (error) {
      if (error) reject(error);
      else resolve({ lastID: this.lastID, changes: this.changes });
    }),
  );
}

export function all<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
  );
}

/** A prepared statement kept for the life of the process. */
export class Prepared<T = unknown> {
  private readonly statement: Statement;

  constructor(db: Database, sql: string) {
    this.statement = db.prepare(sql);
  }

  all(params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.statement.all(params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))),
    );
  }

  /** Through all(): get() leaves the statement open, holding a read snapshot that blocks writes. */
  async get(params: unknown[] = []): Promise<T | undefined> {
    return (await this.all(params))[0];
  }

  run(params: unknown[] = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) =>
      this.statement.run(params, function (error) {
        if (error) reject(error);
        else resolve({ lastID: this.lastID, changes: this.changes });
      }),
    );
  }
}
