import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { calendarDayInZone, startOfDayInZone } from '../../common/calendar-days';
import { AuditService } from '../../audit/audit.service';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { GoneError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { mintSignedLink, signedLinkHash, signedLinkState } from '../../common/signed-link';
import { AppConfig } from '../../config/app-config';
import { together } from '../../database/sql';
import { Transactions } from '../../database/transactions';
import type { Contact } from '../../partners/contacts/contact.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import { CreateFollowUpDto, CreateFollowUpLinkDto } from './create-follow-up.dto';
import { FollowUp } from './follow-up.entity';
import { FollowUpLink } from './follow-up-link.entity';
import { Project } from '../project.entity';
import { ProjectParticipant } from '../project-participant.entity';
import { auditActor, authorColumns, type ProjectActor } from '../project-actor';
import { insertFollowUp, projectSchedule, saveSchedule } from './follow-ups.queries';
import { recordFollowUp } from '../project-schedule';
import { ProjectsService } from '../projects.service';

/** A follow-up sent again by its author with the same text within this time is the same one. */
const RESUBMIT_WINDOW_MS = 5 * 60_000;

export interface IssuedLink {
  link: FollowUpLink;
  /** Shown once: only its hash is stored. */
  token: string;
  url: string;
}

/** Follow-up entries, by staff or through a lead partner contact's personal link. */
@Injectable()
export class FollowUpsService {
  constructor(
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    @InjectRepository(FollowUpLink) private readonly links: Repository<FollowUpLink>,
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    private readonly projectsService: ProjectsService,
    private readonly partnersQueries: PartnersQueries,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  add(projectId: number, dto: CreateFollowUpDto, actor: ProjectActor): Promise<FollowUp> {
    return this.transactions.run((manager) => this.addIn(manager, projectId, dto, actor));
  }

  async list(projectId: number): Promise<FollowUp[]> {
    if (!(await this.projects.exists({ where: { id: projectId } })))
      throw new NotFoundError('project', projectId);
    return this.followUps.find({ where: { projectId }, order: { at: 'DESC', id: 'DESC' } });
  }

  issueLink(projectId: number, dto: CreateFollowUpLinkDto, user: User): Promise<IssuedLink> {
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const project = await manager.getRepository(Project).findOne({ where: { id: projectId } });
      if (!project) throw new NotFoundError('project', projectId);
      const contact = await this.partnersQueries.contactById(dto.contactId, manager);
      if (!contact)
        throw new RuleViolationError(
          { key: 'errors.contact.missing', params: { id: dto.contactId } },
          'contactId',
        );
      if (contact.partnerId !== project.leadPartnerId) {
        throw new RuleViolationError('errors.followUp.contactNotLead', 'contactId');
      }
      const days = dto.validDays ?? this.config.followUpLinkDays;
      const { token, tokenHash, expiresAt } = mintSignedLink(now, days * 86_400_000);
      const repository = manager.getRepository(FollowUpLink);
      const link = await repository.save(
        repository.create({
          projectId,
          contactId: contact.id,
          tokenHash,
          createdAt: now,
          createdByUserId: user.id,
          expiresAt,
          revokedAt: null,
          lastUsedAt: null,
        }),
      );
      await this.audit.record(
        manager,
        { user },
        {
          entityType: 'project',
          entityId: projectId,
          action: 'update',
          changes: { followUpLink: { before: null, after: `issued to contact ${contact.id}` } },
        },
      );
      // The answer names the contact, as the list of links does (save() loads no relation).
      link.contact = contact;
      return { link, token, url: this.urlOf(token) };
    });
  }

  async listLinks(projectId: number): Promise<FollowUpLink[]> {
    if (!(await this.projects.exists({ where: { id: projectId } })))
      throw new NotFoundError('project', projectId);
    return this.links.find({
      where: { projectId },
      relations: { contact: true },
      order: { id: 'ASC' },
    });
  }

  revokeLink(projectId: number, linkId: number, user: User): Promise<FollowUpLink> {
    return this.transactions.run(async (manager) => {
      const repository = manager.getRepository(FollowUpLink);
      // With its contact, as the list and the issue answer it (the answer named no one).
      const link = await repository.findOne({
        where: { id: linkId, projectId },
        relations: { contact: true },
      });
      if (!link) throw new NotFoundError('followUpLink', linkId);
      if (!link.revokedAt) {
        link.revokedAt = this.clock.now();
        await repository.update(link.id, { revokedAt: link.revokedAt });
        await this.audit.record(
          manager,
          { user },
          {
            entityType: 'project',
            entityId: projectId,
            action: 'update',
            changes: { followUpLink: { before: `link ${link.id}`, after: 'revoked' } },
          },
        );
      }
      return link;
    });
  }

  /** True when the partner leads the project or takes part in it. */
  async partnerTakesPart(
    manager: EntityManager,
    projectId: number,
    partnerId: number,
  ): Promise<boolean> {
    const project = await manager
      .getRepository(Project)
      .findOne({ select: { id: true, leadPartnerId: true }, where: { id: projectId } });
    if (!project) return false;
    if (project.leadPartnerId === partnerId) return true;
    return manager.getRepository(ProjectParticipant).exists({ where: { projectId, partnerId } });
  }

  /**
   * A follow-up written by a signed-in contact (partner portal) on a project its partner leads or
   * takes part in; NotFound for any other project, checked in the same transaction as the write.
   */
  addAsPartnerContact(
    projectId: number,
    dto: CreateFollowUpDto,
    contact: Contact,
  ): Promise<FollowUp> {
    return this.transactions.run(async (manager) => {
      if (!(await this.partnerTakesPart(manager, projectId, contact.partnerId)))
        throw new NotFoundError('project', projectId);
      return this.addIn(manager, projectId, dto, { contact });
    });
  }

  /** What a personal link opens: the project and the contact, or 404/410. */
  async resolveLink(
    token: string,
  ): Promise<{ link: FollowUpLink; project: Project; contact: Contact }> {
    const link = await this.links.findOne({
      where: { tokenHash: signedLinkHash(token) },
      relations: { contact: true, project: { leadPartner: true } },
    });
    return this.checkLink(link);
  }

  addThroughLink(token: string, dto: CreateFollowUpDto): Promise<FollowUp> {
    return this.transactions.run(async (manager) => {
      const link = await manager.getRepository(FollowUpLink).findOne({
        where: { tokenHash: signedLinkHash(token) },
        relations: { contact: true, project: { leadPartner: true } },
      });
      const { contact, project } = this.checkLink(link);
      const followUp = await this.addIn(manager, project.id, dto, { contact });
      await manager
        .getRepository(FollowUpLink)
        .update({ id: link!.id }, { lastUsedAt: this.clock.now() });
      return followUp;
    });
  }

  private checkLink(link: FollowUpLink | null): {
    link: FollowUpLink;
    project: Project;
    contact: Contact;
  } {
    if (!link || !link.project || !link.contact) throw new NotFoundError('followUpLink');
    const state = signedLinkState(link, this.clock.now());
    if (state === 'revoked') throw new GoneError('errors.link.revoked');
    if (state === 'expired') throw new GoneError('errors.followUp.linkExpired');
    if (link.contact.partnerId !== link.project.leadPartnerId)
      throw new GoneError('errors.followUp.leadChanged');
    if (link.project.leadPartner?.archivedAt) throw new GoneError('errors.link.partnerArchived');
    return { link, project: link.project, contact: link.contact };
  }

  urlOf(token: string): string {
    return `${this.config.publicUrl}/follow-up/${token}`;
  }

  private async addIn(
    manager: EntityManager,
    projectId: number,
    dto: CreateFollowUpDto,
    actor: ProjectActor,
  ): Promise<FollowUp> {
    const now = this.clock.now();
    const author = authorColumns(actor);
    // A partner's contact sends the form of a link or of the portal: a second submit of it (a
    // double click, a page sent again) is the same follow-up. Staff and API clients are not
    // second-guessed (the API's callers may well write the same words twice).
    const submit =
      author.contactId === null
        ? null
        : {
            text: dto.text.trim(),
            authorUserId: author.userId,
            authorContactId: author.contactId,
            since: new Date(now.getTime() - RESUBMIT_WINDOW_MS),
          };
    const found = await projectSchedule(manager, projectId, submit);
    if (!found) throw new NotFoundError('project', projectId);
    if (found.sameFollowUpId !== null)
      return manager.getRepository(FollowUp).findOneByOrFail({ id: found.sameFollowUpId });
    const { project } = found;
    const today = calendarDayInZone(now, this.config.timeZone);
    const date = dto.date ?? today;
    if (date > today) {
      throw new RuleViolationError('errors.followUp.dateInFuture', 'date');
    }
    if (dto.nextStepDue && dto.nextStepDue < date)
      throw new RuleViolationError('errors.followUp.dueBeforeDate', 'nextStepDue');
    if (dto.nextStepDue && !dto.nextStep?.trim())
      throw new RuleViolationError('errors.followUp.dueWithoutStep', 'nextStep');
    const at = date === today ? now : startOfDayInZone(date, this.config.timeZone);
    const before = { ...project };
    if (dto.status !== undefined && dto.status !== project.status) {
      await this.projectsService.changeStatus(
        manager,
        project,
        dto.status,
        dto.statusReason?.trim() || dto.text.trim(),
        actor,
      );
    }
    recordFollowUp(project, at);
    const statusChanged = project.status !== before.status;
    const followUp = manager.getRepository(FollowUp).create({
      projectId,
      date,
      at,
      authorUserId: author.userId,
      authorContactId: author.contactId,
      authorLabel: author.label,
      text: dto.text.trim(),
      statusFrom: statusChanged ? before.status : null,
      statusTo: statusChanged ? project.status : null,
      nextStep: dto.nextStep?.trim() || null,
      nextStepDue: dto.nextStepDue ?? null,
      createdAt: now,
    });
    // The project's schedule and the new row do not depend on each other: one round trip.
    [, followUp.id] = await together(
      saveSchedule(manager, before, project),
      insertFollowUp(manager, followUp),
    );
    await this.audit.record(manager, auditActor(actor), {
      entityType: 'follow_up',
      entityId: followUp.id,
      action: 'create',
      changes: {
        projectId: { before: null, after: projectId },
        date: { before: null, after: date },
      },
    });
    return followUp;
  }
}
