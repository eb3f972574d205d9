import type { LoggerService } from '@nestjs/common';
import type { TestApp } from '../test-app';
import type { RawResponse } from './client';

/** Keeps the last error the app logged (the stack of a 500), instead of printing thousands. */
export class CapturingLogger implements LoggerService {
  last?: string;
  log(): void {}
  warn(): void {}
  debug(): void {}
  verbose(): void {}
  error(message: unknown, stack?: unknown): void {
    const text = typeof stack === 'string' && stack ? stack : String(message);
    this.last = text.split('\n').find((l) => l.trim() && !/^\s*at /.test(l)) ?? text;
  }
  take(): string | undefined {
    const last = this.last;
    this.last = undefined;
    return last;
  }
}

const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The error text of an HTML page: form error lists (role="alert"), field errors, the error
 * page's explanation. Empty when the page does not say what was wrong.
 */
export function htmlErrorText(html: string): string {
  const texts: string[] = [];
  const patterns = [
    /<(div|p|ul|section|small|span)\b[^>]*role="alert"[^>]*>([\s\S]*?)<\/\1>/gi,
    /<(div|p|ul|section|small|span|li)\b[^>]*class="[^"]*(?:field-error|form-errors)[^"]*"[^>]*>([\s\S]*?)<\/\1>/gi,
    /<(small|span|p|div)\b[^>]*id="[^"]*-error"[^>]*>([\s\S]*?)<\/\1>/gi,
    /<article\b[^>]*class="[^"]*error-page[^"]*"[^>]*>([\s\S]*?)<\/article>/gi,
  ];
  for (const pattern of patterns) {
    for (const match of html.matchAll(pattern)) {
      const text = strip(match[match.length - 1]);
      if (text) texts.push(text);
    }
  }
  return texts.join(' | ');
}

/** Why an answer is wrong, or undefined. `message` is what it said (first line). */
export function judge(response: RawResponse): { problem?: string; message: string } {
  const type = String(response.headers['content-type'] ?? '');
  let message = '';
  if (/json/.test(type)) {
    try {
      const body = JSON.parse(response.text) as { message?: unknown };
      const said = body.message;
      message = Array.isArray(said)
        ? said.join('; ')
        : typeof said === 'string'
          ? said
          : said === undefined || said === null
            ? ''
            : JSON.stringify(said);
    } catch {
      message = '';
    }
  } else if (/html/.test(type)) {
    message = htmlErrorText(response.text);
    // A page refused as a whole (gone link, not found, forbidden) may say so in its title; a
    // refused form (400, 422) must say which field was wrong.
    if (!message && ![400, 422].includes(response.status)) {
      message = strip(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(response.text)?.[1] ?? '');
    }
  } else {
    message = response.text.trim();
  }
  message = message.split('\n')[0].slice(0, 160);
  if (response.status >= 500) return { problem: `${response.status}`, message };
  if (response.status >= 400 && !message.trim()) {
    const what = /json/.test(type)
      ? 'JSON without a message'
      : /html/.test(type)
        ? 'HTML page without an error text'
        : `empty body (${type || 'no content type'})`;
    return { problem: `${response.status} ${what}`, message: '' };
  }
  return { message };
}

export interface Failure {
  method: string;
  template: string;
  status: number;
  identity: string;
  cls: string;
  mutation: string;
  message: string;
  caseIndex: number;
}

/** Failures grouped by route, status, mutation class and message; identities merged. */
export function groupFailures(failures: Failure[]): string[] {
  const groups = new Map<string, { f: Failure; count: number; identities: Set<string> }>();
  for (const f of failures) {
    const key = [f.method, f.template, f.status, f.cls, f.message].join('\u0000');
    const group = groups.get(key) ?? { f, count: 0, identities: new Set<string>() };
    group.count += 1;
    group.identities.add(f.identity);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count || a.f.template.localeCompare(b.f.template))
    .map(
      ({ f, count, identities }) =>
        `${String(count).padStart(4)}× ${f.method} ${f.template} → ${f.status} [${[...identities].join(',')}] ` +
        `${f.cls} (e.g. case #${f.caseIndex}: ${f.mutation.slice(0, 80)}) — ${f.message || '(no message)'}`,
    );
}

/** Row counts of every table (one UNION ALL statement), sessions left out. */
export class RowCounts {
  private readonly sql: string;
  constructor(private readonly t: TestApp) {
    const tables = t.dataSource.entityMetadatas
      .filter((m) => m.tableType === 'regular' && m.tableName !== 'sessions')
      .map((m) => m.tableName)
      .sort();
    this.sql = tables
      .map((name) => `SELECT '${name}' AS name, COUNT(*) AS n FROM ${name}`)
      .join(' UNION ALL ');
  }

  async snapshot(): Promise<Map<string, number>> {
    const rows = await this.t.dataSource.query<{ name: string; n: string }[]>(this.sql);
    return new Map(rows.map((r) => [r.name, Number(r.n)]));
  }

  static diff(before: Map<string, number>, after: Map<string, number>): string {
    const changes: string[] = [];
    for (const [name, n] of after) {
      const was = before.get(name) ?? 0;
      if (n !== was) changes.push(`${name} ${n > was ? '+' : ''}${n - was}`);
    }
    return changes.join(', ');
  }
}

/** SQLite: foreign keys and the file itself are sound. Nothing to say on PostgreSQL. */
export async function sqliteIntegrity(t: TestApp): Promise<string[]> {
  if (t.config.databaseEngine !== 'sqlite') return [];
  const problems: string[] = [];
  const fk = await t.dataSource.query<unknown[]>('PRAGMA foreign_key_check');
  if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  const integrity =
    await t.dataSource.query<{ integrity_check: string }[]>('PRAGMA integrity_check');
  if (integrity[0]?.integrity_check !== 'ok') {
    problems.push(`integrity_check: ${JSON.stringify(integrity.slice(0, 5))}`);
  }
  return problems;
}
