import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { likePattern } from '../common/text';
import { followUpCondition } from './follow-up-state';
import type { ListProjectsQueryDto } from './list-projects-query.dto';
import { Project } from './project';
import { ProjectParticipant } from './project-participant';

/** The counted follow-up states: the timings, plus snoozed and never followed up. */
export const COUNTED_STATES = [
  'on-track',
  'due-soon',
  'overdue',
  'stale',
  'snoozed',
  'never',
] as const;
export type CountedState = (typeof COUNTED_STATES)[number];

/** Due by a moment: the follow-up is expected and the project is not snoozed past it. */
const DUE_BY = 'p.due_at <= :at AND (p.snoozed_until IS NULL OR p.snoozed_until <= :at)';

/**
 * Projects and their follow-ups: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 *
 * The first block holds the projects context's own statements (lists, counts, due projects); other
 * contexts' read methods follow it.
 */
@Injectable()
export class ProjectsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** One page of projects (lead partner joined), filtered in SQL: one statement with its count. */
  async projectPage(
    query: ListProjectsQueryDto,
    now: Date,
  ): Promise<{ items: Project[]; total: number }> {
    const qb = this.manager()
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .setParameter('now', now);
    if (query.originMeetingId)
      qb.andWhere('p.origin_meeting_id = :meeting', { meeting: query.originMeetingId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.leadPartnerId)
      qb.andWhere('p.lead_partner_id = :lead', { lead: query.leadPartnerId });
    if (query.partnerId) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('p.lead_partner_id = :partner')
            .orWhere(
              'EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = p.id AND pp.partner_id = :partner)',
            ),
        ),
        { partner: query.partnerId },
      );
    }
    if (query.q) {
      qb.andWhere("LOWER(p.title) LIKE :q ESCAPE '\\'", {
        q: likePattern(query.q.toLowerCase()),
      });
    }
    if (query.followUp) {
      qb.andWhere(followUpCondition(query.followUp));
      qb.orderBy('p.dueAt', 'ASC').addOrderBy('p.id', 'ASC');
    } else {
      qb.orderBy('p.id', 'DESC');
    }
    qb.limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** A project with its lead partner and origins, its participants (with their partner). */
  async projectDetail(
    id: number,
  ): Promise<{ project: Project | null; participants: ProjectParticipant[] }> {
    const manager = this.manager();
    const [project, participants] = await Promise.all([
      manager.getRepository(Project).findOne({
        where: { id },
        relations: {
          leadPartner: true,
          originMeeting: true,
          originAgendaItem: true,
          originTheme: true,
        },
      }),
      manager.getRepository(ProjectParticipant).find({
        where: { projectId: id },
        relations: { partner: true },
        order: { id: 'ASC' },
      }),
    ]);
    return { project, participants };
  }

  /** Tracked projects per follow-up state, and how many are tracked: one statement. */
  async followUpCounts(now: Date): Promise<Record<CountedState | 'tracked', number>> {
    const qb = this.manager()
      .getRepository(Project)
      .createQueryBuilder('p')
      .select('COUNT(*)', 'tracked')
      .where('p.due_at IS NOT NULL')
      .setParameter('now', now);
    for (const state of COUNTED_STATES) {
      qb.addSelect(`SUM(CASE WHEN ${followUpCondition(state)} THEN 1 ELSE 0 END)`, state);
    }
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    const n = (key: string) => Number(row[key] ?? 0) || 0;
    return Object.fromEntries(['tracked', ...COUNTED_STATES].map((k) => [k, n(k)])) as Record<
      CountedState | 'tracked',
      number
    >;
  }

  /**
   * Projects whose follow-up is due by `at` (not snoozed past it), most overdue first, lead partner
   * joined, with how many there are: one statement with its count.
   */
  async dueBy(
    at: Date,
    limit: number,
    manager?: EntityManager,
  ): Promise<{ items: Project[]; total: number }> {
    const [items, total] = await this.manager(manager)
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .where(DUE_BY, { at })
      .orderBy('p.dueAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Due projects whose lead was not yet reminded in their current cadence period (the
   * reminded_period_start is not this period's start), most overdue first: one statement.
   */
  dueUnreminded(manager: EntityManager, now: Date, limit: number): Promise<Project[]> {
    return manager
      .getRepository(Project)
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .where(DUE_BY, { at: now })
      .andWhere('(p.reminded_period_start IS NULL OR p.reminded_period_start <> p.follow_up_since)')
      .orderBy('p.dueAt', 'ASC')
      .limit(limit)
      .getMany();
  }
}
