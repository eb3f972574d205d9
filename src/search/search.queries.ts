import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';
import type { SearchHit } from './search-results';
import {
  hitOf,
  POSTGRES_SEARCH,
  SCOPE_MARK,
  SQLITE_SEARCH,
  type HitRow,
} from './search-statements';
import { fts5Query, tsQuery, type SearchWords } from './search-words';

export type { SearchHit };

/**
 * Which entries a reader may find: every entry of the `open` kinds, and of the `listed` kinds only
 * the records listed (a partner in the portal: its own projects and meetings). No scope: all.
 */
export interface SearchScope {
  open: string[];
  listed: Record<string, number[]>;
}

@Injectable()
export class SearchQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The entries matching every word (none when there is no word), within the scope if any. */
  async hits(search: SearchWords, perKind: number, scope?: SearchScope): Promise<SearchHit[]> {
    if (search.words.length === 0) return [];
    const postgres = this.dataSource.options.type === 'postgres';
    const [filter, values] = scope ? scopeFilter(scope) : ['1 = 1', []];
    const statement = (postgres ? POSTGRES_SEARCH : SQLITE_SEARCH).replace(SCOPE_MARK, filter);
    const rows = await sql<HitRow>(this.dataSource.manager, statement, [
      postgres ? tsQuery(search) : fts5Query(search),
      ...values,
      perKind,
    ]);
    return rows.map(hitOf);
  }
}

/** The scope as a condition on the entries `e`, with its values (an empty list finds nothing). */
function scopeFilter(scope: SearchScope): [string, (string | number[])[]] {
  const terms: string[] = [];
  const values: (string | number[])[] = [];
  for (const kind of scope.open) {
    terms.push('e."kind" = ?');
    values.push(kind);
  }
  for (const [kind, ids] of Object.entries(scope.listed)) {
    if (ids.length === 0) continue;
    terms.push('(e."kind" = ? AND e."record_id" IN (?))');
    values.push(kind, ids);
  }
  return [terms.length ? `(${terms.join(' OR ')})` : '1 = 0', values];
}
