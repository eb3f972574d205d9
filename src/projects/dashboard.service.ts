import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { daysBetween, followUpCondition } from './follow-up-state';
import { Project } from './project';
import { ProjectParticipant } from './project-participant';
import { PROJECT_STATUSES } from './project-status';
import { partnerRef } from './projects.mapper';

const CLOSED = "('completed', 'abandoned')";

/** A raw timestamp: a Date on PostgreSQL, 'YYYY-MM-DD HH:MM:SS.SSS' (UTC) on SQLite. */
function rawDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}`);
}

function count(value: unknown): number {
  return Number(value ?? 0) || 0;
}

/**
 * GET /api/dashboard. Every figure is one SQL statement over the stored follow-up moments, so the
 * number of queries stays the same whatever the number of projects.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(ProjectParticipant)
    private readonly participants: Repository<ProjectParticipant>,
    private readonly clock: Clock,
  ) {}

  async dashboard(limit: number) {
    const now = this.clock.now();
    const [followUp, statuses, attention, leads, participations, meetings] = await Promise.all([
      this.followUpCounts(now),
      this.statusCounts(),
      this.needingAttention(now, limit),
      this.projects
        .createQueryBuilder('p')
        .innerJoin('p.leadPartner', 'partner')
        .select('partner.id', 'id')
        .addSelect('partner.name', 'name')
        .addSelect('COUNT(*)', 'total')
        .addSelect(`SUM(CASE WHEN p.status NOT IN ${CLOSED} THEN 1 ELSE 0 END)`, 'open')
        .groupBy('partner.id')
        .addGroupBy('partner.name')
        .getRawMany<{ id: number; name: string; total: string; open: string }>(),
      this.participants
        .createQueryBuilder('pp')
        .innerJoin('pp.partner', 'partner')
        .innerJoin('pp.project', 'p')
        .select('partner.id', 'id')
        .addSelect('partner.name', 'name')
        .addSelect('COUNT(*)', 'total')
        .addSelect(`SUM(CASE WHEN p.status NOT IN ${CLOSED} THEN 1 ELSE 0 END)`, 'open')
        .groupBy('partner.id')
        .addGroupBy('partner.name')
        .getRawMany<{ id: number; name: string; total: string; open: string }>(),
      this.perMeeting(),
    ]);
    const perPartner = new Map<
      number,
      {
        partner: { id: number; name: string };
        leads: number;
        leadsOpen: number;
        participates: number;
        participatesOpen: number;
      }
    >();
    const entry = (id: number, name: string) => {
      const key = Number(id);
      let found = perPartner.get(key);
      if (!found) {
        found = {
          partner: { id: key, name },
          leads: 0,
          leadsOpen: 0,
          participates: 0,
          participatesOpen: 0,
        };
        perPartner.set(key, found);
      }
      return found;
    };
    for (const row of leads) {
      const e = entry(row.id, row.name);
      e.leads = count(row.total);
      e.leadsOpen = count(row.open);
    }
    for (const row of participations) {
      const e = entry(row.id, row.name);
      e.participates = count(row.total);
      e.participatesOpen = count(row.open);
    }
    return {
      now,
      followUp,
      statuses,
      needingAttention: attention,
      projectsPerMeeting: meetings,
      projectsPerPartner: [...perPartner.values()].sort(
        (a, b) =>
          b.leads + b.participates - (a.leads + a.participates) ||
          a.partner.name.localeCompare(b.partner.name),
      ),
    };
  }

  private async followUpCounts(now: Date) {
    const states = ['on-track', 'due-soon', 'overdue', 'stale', 'never', 'snoozed'] as const;
    const qb = this.projects
      .createQueryBuilder('p')
      .select('COUNT(*)', 'tracked')
      .where('p.due_at IS NOT NULL')
      .setParameter('now', now);
    for (const state of states) {
      qb.addSelect(`SUM(CASE WHEN ${followUpCondition(state)} THEN 1 ELSE 0 END)`, state);
    }
    const row = (await qb.getRawOne<Record<string, unknown>>()) ?? {};
    return Object.fromEntries(['tracked', ...states].map((k) => [k, count(row[k])])) as Record<
      'tracked' | (typeof states)[number],
      number
    >;
  }

  /** Projects born at each meeting, and how many of them were launched, latest meeting first. */
  private async perMeeting() {
    const rows = await this.projects
      .createQueryBuilder('p')
      .innerJoin('p.originMeeting', 'm')
      .select('m.id', 'id')
      .addSelect('m.title', 'title')
      .addSelect('m.starts_at', 'startsAt')
      .addSelect('COUNT(*)', 'born')
      .addSelect('SUM(CASE WHEN p.launched_at IS NOT NULL THEN 1 ELSE 0 END)', 'launched')
      .groupBy('m.id')
      .addGroupBy('m.title')
      .addGroupBy('m.starts_at')
      .orderBy('m.startsAt', 'DESC')
      .getRawMany<{
        id: number;
        title: string;
        startsAt: string | Date;
        born: string;
        launched: string;
      }>();
    return rows.map((row) => ({
      meeting: { id: Number(row.id), title: row.title, startsAt: rawDate(row.startsAt) },
      projects: count(row.born),
      launched: count(row.launched),
    }));
  }

  private async statusCounts() {
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
  private async needingAttention(now: Date, limit: number) {
    const qb = this.projects
      .createQueryBuilder('p')
      .innerJoinAndSelect('p.leadPartner', 'lead')
      .where('p.due_at <= :now AND (p.snoozed_until IS NULL OR p.snoozed_until <= :now)', { now })
      .orderBy('p.dueAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit);
    const [projects, total] = await qb.getManyAndCount();
    return {
      total,
      items: projects.map((p) => ({
        id: p.id,
        title: p.title,
        status: p.status,
        state: p.staleAt && p.staleAt <= now ? 'stale' : 'overdue',
        leadPartner: partnerRef(p.leadPartner, p.leadPartnerId),
        lastFollowUpAt: p.lastFollowUpAt,
        neverFollowedUp: p.lastFollowUpAt === null,
        daysSinceFollowUp: p.followUpSince ? daysBetween(p.followUpSince, now) : null,
        daysOverdue: p.dueAt ? daysBetween(p.dueAt, now) : null,
        dueAt: p.dueAt,
        cadenceDays: p.cadenceDays,
      })),
    };
  }
}
