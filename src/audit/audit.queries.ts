import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, SelectQueryBuilder } from 'typeorm';
import type { Page } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';

/** What the audit screen filters by; every part optional. */
export interface AuditFilter {
  /** Words of the actor's label ("Marie", "CLI", "import"), case-insensitive. */
  who?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** Instants: from included, to excluded. */
  from?: Date;
  to?: Date;
}

/** Past this many matching entries the screen says "more than" instead of counting them all. */
export const AUDIT_COUNT_BOUND = 1_000;

/**
 * The audit trail as staff read it: newest first, filtered, by pages (two statements: a count
 * bounded at AUDIT_COUNT_BOUND, and the page), or in batches for the CSV export. The period and
 * the ordering use the index on `at`; a record's trail the index on (entity_type, entity_id, at).
 */
@Injectable()
export class AuditQueries {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async page(filter: AuditFilter, page: number, pageSize: number): Promise<Page<AuditEntry>> {
    const counted = await this.filtered(filter)
      .select('1', 'one')
      .limit(AUDIT_COUNT_BOUND + 1)
      .getRawMany();
    const items = await this.filtered(filter)
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getMany();
    const exact = counted.length <= AUDIT_COUNT_BOUND;
    return {
      items,
      total: exact ? counted.length : AUDIT_COUNT_BOUND,
      page,
      pageSize,
      totalExact: exact,
    };
  }

  /** Every matching entry, newest first, a batch at a time (keyset on at, id). */
  async *batches(filter: AuditFilter, size = 500): AsyncGenerator<AuditEntry[]> {
    let last: AuditEntry | undefined;
    for (;;) {
      const query = this.filtered(filter)
        .orderBy('e.at', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .limit(size);
      if (last) {
        const { at, id } = last;
        query.andWhere(
          new Brackets((w) =>
            w.where('e.at < :at', { at }).orWhere('e.at = :at AND e.id < :id', { at, id }),
          ),
        );
      }
      const batch = await query.getMany();
      if (batch.length) yield batch;
      if (batch.length < size) return;
      last = batch[batch.length - 1];
    }
  }

  private filtered(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const query = this.entries.createQueryBuilder('e');
    if (filter.who) {
      const words = filter.who.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      query.andWhere("LOWER(e.actor_label) LIKE :who ESCAPE '\\'", { who: `%${words}%` });
    }
    if (filter.entityType) query.andWhere('e.entity_type = :type', { type: filter.entityType });
    if (filter.entityId) query.andWhere('e.entity_id = :id', { id: filter.entityId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.at < :to', { to: filter.to });
    return query;
  }
}
