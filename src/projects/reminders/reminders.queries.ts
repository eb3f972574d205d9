import { In, type EntityManager } from 'typeorm';
import { FollowUpLink } from '../follow-ups/follow-up-link.entity';
import { Project } from '../project.entity';
import { DUE_BY } from '../projects.queries';

/** The statements of the reminders (ProjectRemindersService), inside the run's transaction. */

/**
 * Due projects whose lead was not yet reminded in their current cadence period (the
 * reminded_period_start is not this period's start), most overdue first, lead partner joined:
 * one statement.
 */
export function dueUnremindedProjects(
  manager: EntityManager,
  now: Date,
  limit: number,
): Promise<Project[]> {
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

/** The personal links the reminders carry: one INSERT (none when there are none). */
export async function insertFollowUpLinks(
  manager: EntityManager,
  links: Partial<FollowUpLink>[],
): Promise<void> {
  if (links.length > 0) await manager.getRepository(FollowUpLink).insert(links);
}

/** The projects remember the cadence period they reminded (their follow_up_since): one UPDATE. */
export async function markReminded(manager: EntityManager, projectIds: number[]): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(Project)
    .set({ remindedPeriodStart: () => 'follow_up_since' })
    .where({ id: In(projectIds) })
    .execute();
}
