import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { calendarDayInZone, startOfDayInZone } from '../common/calendar-days';
import { AuditService, diff } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { NotFoundError, RuleViolationError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { CreateProjectDto } from './create-project.dto';
import { DEFAULT_CADENCE_DAYS } from './follow-ups/follow-up-state';
import { ListProjectsQueryDto } from './list-projects-query.dto';
import { Project } from './project.entity';
import { auditActor, authorColumns, type ProjectActor } from './project-actor';
import { ProjectEvent } from './project-event.entity';
import { ProjectParticipant } from './project-participant.entity';
import { ProjectParticipants } from './project-participants';
import { checkDates, ProjectReferences } from './project-references';
import { ProjectsQueries } from './projects.queries';
import { moveToStatus, refreshSchedule } from './project-schedule';
import { isTracked, type ProjectStatus } from './project-status';
import { SnoozeProjectDto, UpdateProjectDto } from './update-project.dto';

const AUDITED = [
  'title',
  'description',
  'expectedOutcomes',
  'leadPartnerId',
  'status',
  'startDate',
  'endDate',
  'cadenceDays',
  'originMeetingId',
  'originAgendaItemId',
  'originThemeId',
  'snoozedUntil',
  'snoozeReason',
];
const MAX_SNOOZE_DAYS = 366;

export interface ProjectDetail {
  project: Project;
  participants: ProjectParticipant[];
  events: ProjectEvent[];
}

/** Projects: their lead and participants, status (with the transition rules) and snoozes. */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(ProjectEvent) private readonly events: Repository<ProjectEvent>,
    private readonly queries: ProjectsQueries,
    private readonly references: ProjectReferences,
    private readonly participantsOf: ProjectParticipants,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  create(dto: CreateProjectDto, actor: ProjectActor): Promise<Project> {
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const leadPartnerId = await this.references.resolveLead(
        manager,
        dto.leadPartnerId,
        dto.leadIsAgency,
      );
      checkDates(dto.startDate, dto.endDate);
      const repository = manager.getRepository(Project);
      const project = repository.create({
        title: dto.title.trim(),
        description: dto.description ?? null,
        expectedOutcomes: dto.expectedOutcomes ?? null,
        leadPartnerId,
        status: 'idea',
        statusChangedAt: now,
        startDate: dto.startDate ?? null,
        endDate: dto.endDate ?? null,
        cadenceDays: dto.cadenceDays ?? DEFAULT_CADENCE_DAYS,
        launchedAt: null,
        lastFollowUpAt: null,
        followUpSince: null,
        snoozedUntil: null,
        snoozeReason: null,
        remindedPeriodStart: null,
      });
      project.originThemeId = await this.references.resolveTheme(
        manager,
        dto.originThemeId ?? null,
      );
      Object.assign(
        project,
        await this.references.resolveOrigin(
          manager,
          dto.originMeetingId ?? null,
          dto.originAgendaItemId ?? null,
        ),
      );
      const initial = dto.status ?? 'idea';
      if (initial !== 'idea') moveToStatus(project, initial, now);
      refreshSchedule(project);
      await repository.save(project);
      await this.participantsOf.replace(manager, project, dto.participants ?? []);
      await this.logEvent(manager, project, actor, {
        kind: 'created',
        toStatus: project.status,
        reason: null,
      });
      await this.audit.record(manager, auditActor(actor), {
        entityType: 'project',
        entityId: project.id,
        action: 'create',
        changes: diff({}, project, AUDITED),
      });
      return project;
    });
  }

  /**
   * Staff move the next expected follow-up to a day: the cadence period is shifted so that it
   * ends at the start of that day (site's time zone); the next reminder belongs to that period.
   */
  private moveNextFollowUp(project: Project, day: string, now: Date): void {
    if (!isTracked(project.status)) {
      throw new RuleViolationError('errors.project.nextFollowUpUntracked', 'nextFollowUpOn');
    }
    if (day < calendarDayInZone(now, this.config.timeZone)) {
      throw new RuleViolationError('errors.project.nextFollowUpPast', 'nextFollowUpOn');
    }
    const dueAt = startOfDayInZone(day, this.config.timeZone).getTime();
    project.followUpSince = new Date(dueAt - project.cadenceDays * 86_400_000);
    refreshSchedule(project);
  }

  update(id: number, dto: UpdateProjectDto, actor: ProjectActor): Promise<Project> {
    // A reason alone would be dropped without a word: it explains a status change.
    if (dto.statusReason !== undefined && dto.status === undefined)
      throw new RuleViolationError('errors.project.reasonWithoutStatus', 'statusReason');
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const repository = manager.getRepository(Project);
      const project = await this.lockedProject(manager, id);
      const before = { ...project };
      for (const field of ['title', 'leadPartnerId', 'cadenceDays'] as const) {
        if ((dto[field] as unknown) === null)
          throw new RuleViolationError({ key: 'errors.input.blank', params: { field } }, field);
      }
      if (dto.title !== undefined) project.title = dto.title.trim();
      if (dto.description !== undefined) project.description = dto.description ?? null;
      if (dto.expectedOutcomes !== undefined)
        project.expectedOutcomes = dto.expectedOutcomes ?? null;
      if (dto.startDate !== undefined) project.startDate = dto.startDate ?? null;
      if (dto.endDate !== undefined) project.endDate = dto.endDate ?? null;
      checkDates(project.startDate, project.endDate);
      if (dto.leadPartnerId !== undefined || dto.leadIsAgency !== undefined) {
        project.leadPartnerId = await this.references.resolveLead(
          manager,
          dto.leadPartnerId,
          dto.leadIsAgency,
        );
      }
      if (dto.cadenceDays !== undefined) project.cadenceDays = dto.cadenceDays;
      if (dto.originMeetingId !== undefined || dto.originAgendaItemId !== undefined) {
        const meetingId =
          dto.originMeetingId !== undefined
            ? (dto.originMeetingId ?? null)
            : project.originMeetingId;
        const itemId =
          dto.originAgendaItemId !== undefined
            ? (dto.originAgendaItemId ?? null)
            : dto.originMeetingId !== undefined && dto.originMeetingId !== project.originMeetingId
              ? null
              : project.originAgendaItemId;
        Object.assign(project, await this.references.resolveOrigin(manager, meetingId, itemId));
      }
      if (dto.originThemeId !== undefined) {
        project.originThemeId = await this.references.resolveTheme(
          manager,
          dto.originThemeId ?? null,
        );
      }
      if (dto.status !== undefined) {
        const from = project.status;
        moveToStatus(project, dto.status, now);
        await this.logEvent(manager, project, actor, {
          kind: 'status',
          fromStatus: from,
          toStatus: dto.status,
          reason: dto.statusReason ?? null,
        });
      }
      refreshSchedule(project);
      if (dto.nextFollowUpOn !== undefined) this.moveNextFollowUp(project, dto.nextFollowUpOn, now);
      await repository.save(project);
      if (dto.participants !== undefined) {
        await this.participantsOf.replace(manager, project, dto.participants ?? []);
      } else if (project.leadPartnerId !== before.leadPartnerId) {
        await this.participantsOf.dropLeadFromParticipants(manager, project);
      }
      if (project.leadPartnerId !== before.leadPartnerId) {
        await this.participantsOf.revokeLinksOutsideLead(manager, project, now);
      }
      await this.audit.record(manager, auditActor(actor), {
        entityType: 'project',
        entityId: project.id,
        action: 'update',
        changes: diff(before, project, AUDITED),
      });
      return project;
    });
  }

  /** Used by follow-ups: the status change travels with the follow-up, in its transaction. */
  async changeStatus(
    manager: EntityManager,
    project: Project,
    to: ProjectStatus,
    reason: string,
    actor: ProjectActor,
  ): Promise<void> {
    const from = project.status;
    moveToStatus(project, to, this.clock.now());
    await this.logEvent(manager, project, actor, {
      kind: 'status',
      fromStatus: from,
      toStatus: to,
      reason,
    });
    await this.audit.record(manager, auditActor(actor), {
      entityType: 'project',
      entityId: project.id,
      action: 'update',
      changes: { status: { before: from, after: to } },
    });
  }

  snooze(id: number, dto: SnoozeProjectDto, actor: ProjectActor): Promise<Project> {
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const project = await this.lockedProject(manager, id);
      if (!isTracked(project.status)) {
        throw new RuleViolationError(
          {
            key: 'errors.project.snoozeUntracked',
            params: { status: { key: `projectsPages.status.${project.status}` } },
          },
          'until',
        );
      }
      const today = calendarDayInZone(now, this.config.timeZone);
      if (dto.until <= today) {
        throw new RuleViolationError('errors.project.snoozeAfterToday', 'until');
      }
      const until = startOfDayInZone(dto.until, this.config.timeZone);
      if (until.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000) {
        throw new RuleViolationError(
          { key: 'errors.project.snoozeTooLong', params: { days: MAX_SNOOZE_DAYS } },
          'until',
        );
      }
      const before = { ...project };
      project.snoozedUntil = until;
      project.snoozeReason = dto.reason.trim();
      await manager.getRepository(Project).save(project);
      await this.logEvent(manager, project, actor, {
        kind: 'snooze',
        snoozedUntil: until,
        reason: project.snoozeReason,
      });
      await this.audit.record(manager, auditActor(actor), {
        entityType: 'project',
        entityId: project.id,
        action: 'update',
        changes: diff(before, project, ['snoozedUntil', 'snoozeReason']),
      });
      return project;
    });
  }

  unsnooze(id: number, actor: ProjectActor): Promise<Project> {
    return this.transactions.run(async (manager) => {
      const project = await this.lockedProject(manager, id);
      if (!project.snoozedUntil) return project;
      const before = { ...project };
      project.snoozedUntil = null;
      project.snoozeReason = null;
      await manager.getRepository(Project).save(project);
      await this.logEvent(manager, project, actor, { kind: 'unsnooze', reason: null });
      await this.audit.record(manager, auditActor(actor), {
        entityType: 'project',
        entityId: project.id,
        action: 'update',
        changes: diff(before, project, ['snoozedUntil', 'snoozeReason']),
      });
      return project;
    });
  }

  async get(id: number): Promise<ProjectDetail> {
    const [{ project, participants }, events] = await Promise.all([
      this.queries.projectDetail(id),
      this.events.find({ where: { projectId: id }, order: { at: 'ASC', id: 'ASC' } }),
    ]);
    if (!project) throw new NotFoundError('project', id);
    return { project, participants, events };
  }

  /** One page of projects (lead partner joined), filtered in SQL: a constant number of queries. */
  list(query: ListProjectsQueryDto): Promise<{ items: Project[]; total: number }> {
    return this.queries.projectPage(query, this.clock.now());
  }

  private async lockedProject(manager: EntityManager, id: number): Promise<Project> {
    const project = await manager.getRepository(Project).findOne({ where: { id } });
    if (!project) throw new NotFoundError('project', id);
    return project;
  }

  private async logEvent(
    manager: EntityManager,
    project: Project,
    actor: ProjectActor,
    event: Partial<ProjectEvent> & Pick<ProjectEvent, 'kind' | 'reason'>,
  ): Promise<void> {
    const author = authorColumns(actor);
    await manager.getRepository(ProjectEvent).insert({
      fromStatus: null,
      toStatus: null,
      snoozedUntil: null,
      ...event,
      projectId: project.id,
      at: this.clock.now(),
      actorUserId: author.userId,
      actorContactId: author.contactId,
      actorLabel: author.label,
    });
  }

  /** Whether a partner leads or takes part in a project (partner-history check). */
  static async partnerHasProjects(manager: EntityManager, partnerId: number): Promise<boolean> {
    const leads = await manager
      .getRepository(Project)
      .exists({ where: { leadPartnerId: partnerId } });
    if (leads) return true;
    return manager.getRepository(ProjectParticipant).exists({ where: { partnerId } });
  }
}
