import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Project } from '../project.entity';
import { PROJECT_STATUSES } from '../project-status';

/** A raw timestamp: a Date on PostgreSQL, 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) on SQLite. */
function rawDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
}

function count(value: unknown): number {
  return Number(value ?? 0) || 0;
}

/**
 * The statements of the project dashboard (DashboardService): each figure is one statement over the
 * stored follow-up moments, the same number whatever the number of projects. The two lists join
 * the partners' and meetings' tables for names, read only: projects sits above both
 * (docs/architecture.md), and one statement beats a second round trip per list. The follow-up
 * counts are ProjectsQueries.followUpCounts, as on the projects list.
 */
@Injectable()
export class DashboardQueries {
  constructor(@InjectRepository(Project) private readonly projects: Repository<Project>) {}

  /**
   * The first stored moment after `now` at which a project changes follow-up state by itself: until
   * then the counts and the needing-attention list stay what they are. Four index lookups.
   */
  async nextChange(now: Date): Promise<Date | null> {
    const columns = ['due_soon_at', 'due_at', 'stale_at', 'snoozed_until'];
    const driver = this.projects.manager.connection.driver;
    const [sql, parameters] = driver.escapeQueryWithParameters(
      `SELECT ${columns
        .map((c) => `(SELECT MIN(p.${c}) FROM projects p WHERE p.${c} > :now) AS ${c}`)
        .join(', ')}`,
      { now },
      {},
    );
    const [row] = await this.projects.query<Record<string, string | Date>[]>(sql, parameters);
    const moments = columns
      .map((c) => row?.[c])
      .filter((v): v is string | Date => v !== null && v !== undefined)
      .map((v) => rawDate(v).getTime());
    return moments.length ? new Date(Math.min(...moments)) : null;
  }

  /**
   * Partners leading or taking part in projects, most involved first (then by name): read from the
   * counts the database triggers keep (partner-project-counts.entity.ts), joined to the partners
   * for their names. At L (20,000 partners, 45,000 leads and
   * participations) grouping every project and participation took 53 ms.
   */
  async perPartner(limit: number) {
    const rows: Record<string, string | number | null>[] = await this.projects.query(
      `SELECT c.partner_id AS id, partner.name AS name, c.leads, c.leads_open, c.participates,
                c.participates_open,
                (SELECT COUNT(*) FROM partner_project_counts t WHERE t.involved > 0) AS total
           FROM partner_project_counts c
           JOIN partners partner ON partner.id = c.partner_id
          WHERE c.involved > 0
          ORDER BY c.involved DESC, partner.name_key ASC, c.partner_id ASC
          LIMIT ${Math.floor(limit)}`,
    );
    return {
      total: rows.length ? count(rows[0].total) : 0,
      items: rows.map((row) => ({
        partner: { id: Number(row.id), name: String(row.name) },
        leads: count(row.leads),
        leadsOpen: count(row.leads_open),
        participates: count(row.participates),
        participatesOpen: count(row.participates_open),
      })),
    };
  }

  /** Projects born at each meeting, and how many of them were launched, latest meeting first. */
  async perMeeting(limit: number) {
    // Meetings walked latest first, stopping at `limit`: one statement.
    const rows: Record<string, string | number | Date | null>[] = await this.projects.query(
      `SELECT m.id AS id, m.title AS title, m.starts_at AS starts_at,
                (SELECT COUNT(*) FROM projects p WHERE p.origin_meeting_id = m.id) AS born,
                (SELECT COUNT(*) FROM projects p
                  WHERE p.origin_meeting_id = m.id AND p.launched_at IS NOT NULL) AS launched,
                (SELECT COUNT(DISTINCT p.origin_meeting_id) FROM projects p) AS total
           FROM meetings m
          WHERE EXISTS (SELECT 1 FROM projects p WHERE p.origin_meeting_id = m.id)
          ORDER BY m.starts_at DESC, m.id DESC
          LIMIT ${Math.floor(limit)}`,
    );
    return {
      total: rows.length ? count(rows[0].total) : 0,
      items: rows.map((row) => ({
        meeting: {
          id: Number(row.id),
          title: String(row.title),
          startsAt: rawDate(row.starts_at as string | Date),
        },
        projects: count(row.born),
        launched: count(row.launched),
      })),
    };
  }

  async statusCounts() {
    const rows = await this.projects
      .createQueryBuilder('p')
      .select('p.status', 'status')
      .addSelect('COUNT(*)', 'total')
      .groupBy('p.status')
      .getRawMany<{ status: string; total: string }>();
    const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<
      string,
      number
    >;
    for (const row of rows) counts[row.status] = count(row.total);
    return counts;
  }

  /** Overdue and stale projects, most urgent (longest past due) first: an indexed range on due_at. */
  async needingAttention(now: Date, limit: number) {
    const where = 'p.due_at <= :now AND (p.snoozed_until IS NULL OR p.snoozed_until <= :now)';
    // A plain COUNT(*) on the due_at range: getManyAndCount() would count DISTINCT ids over the
    // join with the lead partner (75 ms at L instead of 11 ms).
    const [projects, counted] = await Promise.all([
      this.projects
        .createQueryBuilder('p')
        .innerJoinAndSelect('p.leadPartner', 'lead')
        .where(where, { now })
        .orderBy('p.dueAt', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .limit(limit)
        .getMany(),
      this.projects
        .createQueryBuilder('p')
        .select('COUNT(*)', 'total')
        .where(where, { now })
        .getRawOne<{ total: string | number }>(),
    ]);
    return { total: count(counted?.total), projects };
  }
}
