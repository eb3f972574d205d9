import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Meeting } from '../meetings/meeting';
import { Contact } from '../partners/contact';
import { Partner } from '../partners/partner';
import { FollowUp } from './follow-up';
import { followUpCondition } from './follow-up-state';
import { Project } from './project';
import { ProjectEvent } from './project-event';

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
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    @InjectRepository(ProjectEvent) private readonly events: Repository<ProjectEvent>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    @InjectRepository(Meeting) private readonly meetings: Repository<Meeting>,
  ) {}

  /** Tracked projects per follow-up state, and how many are tracked: one query. */
  async followUpCounts(now: Date): Promise<Record<CountedState | 'tracked', number>> {
    const qb = this.projects
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
    return this.partners.find({
      select: { id: true, name: true, kind: true },
      where: { active: true },
      order: { nameKey: 'ASC' },
    });
  }

  /** Meetings a project may come from, latest first (bounded). */
  meetingChoices(limit = 50): Promise<Pick<Meeting, 'id' | 'title' | 'startsAt'>[]> {
    return this.meetings.find({
      select: { id: true, title: true, startsAt: true },
      order: { startsAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Contacts of a partner (the lead's, for personal follow-up links). */
  contactsOf(partnerId: number): Promise<Pick<Contact, 'id' | 'fullName' | 'email'>[]> {
    return this.contacts.find({
      select: { id: true, fullName: true, email: true },
      where: { partnerId },
      order: { fullName: 'ASC' },
    });
  }
}
