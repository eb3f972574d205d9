import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/domain-errors';
import { MeetingsQueries } from '../../meetings/meetings.queries';
import { AgendaQueries } from '../../meetings/agenda/agenda-read.queries';
import { ProjectsQueries } from '../../projects/projects.queries';
import { MinutesQueries } from './minutes.queries';
import type { MinutesRecord } from './minutes.view-model';

/**
 * The meeting record of the minutes (draft preview and publication), read through the owners'
 * query services (meetings, projects) plus the draft wording (MinutesQueries), as raw rows: the draft preview is
 * read on every edit, and building queries and hydrating entities cost more than the statements
 * themselves. Eight statements whatever the number of partners, agenda items and follow-ups.
 */

/** Without a previous meeting, the follow-ups of this many days before the meeting are reviewed. */
const REVIEW_DAYS = 90;
const MAX_FOLLOW_UPS = 50;
const DAY = 86_400_000;

/**
 * Runs independent reads: side by side on the pool, one after the other on a transaction's
 * connection (a PostgreSQL client runs one statement at a time; pg warns, and will refuse, when
 * asked for a second while the first is running).
 */
async function readAll<T extends unknown[]>(
  manager: EntityManager,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!manager.queryRunner) return Promise.all(reads.map((read) => read())) as Promise<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as T;
}

@Injectable()
export class MinutesRecordReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly meetings: MeetingsQueries,
    private readonly agendaItems: AgendaQueries,
    private readonly projects: ProjectsQueries,
    private readonly minutes: MinutesQueries,
  ) {}

  /** The meeting record of the minutes; NotFoundError when the meeting does not exist. */
  async read(
    meetingId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<MinutesRecord> {
    const meeting = await this.meetings.meetingForMinutes(meetingId, manager);
    if (!meeting) throw new NotFoundError('meeting', meetingId);
    const [invitations, agendaItems, draft, nextMeeting, projects, previousStart] = await readAll(
      manager,
      [
        () => this.meetings.invitationsForMinutes(meetingId, manager),
        () => this.agendaItems.agendaForMinutes(meetingId, manager),
        () => this.minutes.draftWording(manager, meetingId),
        () => this.meetings.nextMeetingOfKind(meeting.kind, meeting.startsAt, manager),
        () => this.projects.projectsLaunchedAtMeeting(meetingId, manager),
        () => this.meetings.previousMeetingStartOfKind(meeting.kind, meeting.startsAt, manager),
      ],
    );
    // Follow-ups reviewed: those recorded since the previous meeting of the same kind (or in the
    // last REVIEW_DAYS without one), up to this meeting.
    const since = previousStart ?? new Date(meeting.startsAt.getTime() - REVIEW_DAYS * DAY);
    const followUps = await this.projects.followUpsRecordedBetween(
      since,
      meeting.startsAt,
      MAX_FOLLOW_UPS,
      manager,
    );
    return { meeting, invitations, agendaItems, draft, nextMeeting, projects, followUps };
  }
}
