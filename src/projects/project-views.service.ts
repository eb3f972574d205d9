import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Meeting } from '../meetings/meeting.entity';
import { MeetingsQueries } from '../meetings/meetings.queries';
import type { Contact } from '../partners/contacts/contact.entity';
import type { Partner } from '../partners/partner.entity';
import { PartnersQueries } from '../partners/partners.queries';
import { FollowUp } from './follow-ups/follow-up.entity';
import { ProjectEvent } from './project-event.entity';
import { ProjectsQueries, type CountedState } from './projects.queries';

export { COUNTED_STATES, type CountedState } from './projects.queries';

/** One entry of a project's timeline: a follow-up or an event (status change, snooze). */
export type TimelineEntry =
  | { type: 'follow-up'; at: Date; followUp: FollowUp }
  | { type: 'event'; at: Date; event: ProjectEvent };

/**
 * Read-only queries the staff pages need beside ProjectsService: counts by follow-up state (one
 * statement, the rules of follow-up-state.ts as SQL), choices for forms, a project's timeline.
 */
@Injectable()
export class ProjectViewsService {
  constructor(
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    @InjectRepository(ProjectEvent) private readonly events: Repository<ProjectEvent>,
    private readonly projectsQueries: ProjectsQueries,
    private readonly partnersQueries: PartnersQueries,
    private readonly meetingsQueries: MeetingsQueries,
  ) {}

  /** Tracked projects per follow-up state, and how many are tracked: one query. */
  followUpCounts(now: Date): Promise<Record<CountedState | 'tracked', number>> {
    return this.projectsQueries.followUpCounts(now);
  }

  /** Follow-ups and events of a project, newest first: two queries. */
  async timeline(projectId: number): Promise<TimelineEntry[]> {
    const [followUps, events] = await Promise.all([
      this.followUps.find({ where: { projectId }, order: { at: 'DESC', id: 'DESC' } }),
      this.events.find({ where: { projectId }, order: { at: 'DESC', id: 'DESC' } }),
    ]);
    const entries: TimelineEntry[] = [
      ...followUps.map((followUp) => ({ type: 'follow-up' as const, at: followUp.at, followUp })),
      ...events.map((event) => ({ type: 'event' as const, at: event.at, event })),
    ];
    // Stable: at equal moments the follow-up (written after its status change) comes first.
    return entries.sort((a, b) => b.at.getTime() - a.at.getTime());
  }

  /** Active partners that may lead a project, by name: one query. */
  leadChoices(): Promise<Pick<Partner, 'id' | 'name' | 'kind'>[]> {
    return this.partnersQueries.activePartnersByName();
  }

  /** Meetings a project may come from, latest first (bounded). */
  meetingChoices(limit = 50): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt'>[]> {
    return this.meetingsQueries.latestMeetings(limit);
  }

  /** Contacts of a partner (the lead's, for personal follow-up links). */
  contactsOf(partnerId: number): Promise<Pick<Contact, 'id' | 'fullName' | 'email'>[]> {
    return this.partnersQueries.contactsOfPartner(partnerId);
  }
}
