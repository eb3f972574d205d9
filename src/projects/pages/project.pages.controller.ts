import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ClassConstructor } from 'class-transformer';
import { calendarDayInZone } from '../../common/calendar-days';
import { Clock } from '../../common/clock';
import type { DomainError } from '../../common/domain-errors';
import { IdPipe } from '../../common/id.pipe';
import { AppConfig } from '../../config/app-config';
import { MailOutbox } from '../../mail/outbox/mail-outbox.service';
import { type Form, submitForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { CreateFollowUpDto, CreateFollowUpLinkDto } from '../follow-ups/create-follow-up.dto';
import { FollowUpsService } from '../follow-ups/follow-ups.service';
import { hasFormErrors, projectPageView, type ProjectPageState } from './project-page.view-model';
import { remindersGroup } from '../reminders/project-reminders.service';
import { ProjectViewsService } from '../project-views.service';
import { ProjectsPagesText, readProjectForm, userOf, type Messages } from './projects-pages.text';
import { ProjectsService } from '../projects.service';
import { ProjectScheduleDto, SnoozeProjectDto, UpdateProjectDto } from '../update-project.dto';
import { seeOther, sendHtml } from '../../common/http-answers';

/** The latest reminders a project page lists (the outbox page has them all). */
const REMINDERS_SHOWN = 10;
const FLASHES = ['created', 'saved', 'snoozed', 'unsnoozed', 'status', 'schedule'];

/**
 * A project's staff page: timeline of follow-ups and events, add a follow-up, snooze, change
 * status or schedule, personal links. Rules stay in ProjectsService and FollowUpsService; the view
 * model is built in project-page.view-model.ts.
 */
@ApiExcludeController()
@Controller('projects')
export class ProjectPagesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly followUps: FollowUpsService,
    private readonly projectViews: ProjectViewsService,
    private readonly text: ProjectsPagesText,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: MailOutbox,
  ) {}

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Form,
  ): Promise<void> {
    const flash = FLASHES.find((k) => query[k] === '1');
    await this.showProject(request, response, id, { flash });
  }

  @Post(':id/follow-ups')
  async addFollowUp(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readProjectForm(body, ['date', 'text', 'nextStep', 'nextStepDue']);
    const errors = await this.submit(CreateFollowUpDto, typed, (dto) =>
      this.followUps.add(id, dto, { user: userOf(request) }),
    );
    if (errors) {
      return this.showProject(request, response, id, {
        followUpForm: values,
        followUpErrors: errors,
      });
    }
    seeOther(response, `/projects/${id}?saved=1`);
  }

  @Post(':id/snooze')
  async snooze(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readProjectForm(body, ['until', 'reason']);
    const errors = await this.submit(
      SnoozeProjectDto,
      typed,
      (dto) => this.projects.snooze(id, dto, { user: userOf(request) }),
      (error) => ({ [error.field ?? 'other']: this.views.errorText(error) }),
    );
    if (errors) {
      return this.showProject(request, response, id, { snoozeForm: values, snoozeErrors: errors });
    }
    seeOther(response, `/projects/${id}?snoozed=1`);
  }

  @Post(':id/schedule')
  async changeSchedule(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const fields = ['startDate', 'endDate', 'cadenceDays', 'nextFollowUpOn'];
    const { values, typed } = readProjectForm(body, fields);
    const errors = await this.submit(
      ProjectScheduleDto,
      {
        // Empty dates clear them; an empty next follow-up keeps the cadence's own day.
        startDate: typed.startDate ?? null,
        endDate: typed.endDate ?? null,
        cadenceDays: typed.cadenceDays,
        nextFollowUpOn: typed.nextFollowUpOn,
      },
      (dto) => this.projects.update(id, dto as UpdateProjectDto, { user: userOf(request) }),
      (error) => ({ [error.field ?? 'other']: this.views.errorText(error) }),
    );
    if (errors) {
      return this.showProject(request, response, id, {
        scheduleForm: values,
        scheduleErrors: errors,
      });
    }
    seeOther(response, `/projects/${id}?schedule=1`);
  }

  @Post(':id/unsnooze')
  async unsnooze(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.projects.unsnooze(id, { user: userOf(request) });
    seeOther(response, `/projects/${id}?unsnoozed=1`);
  }

  @Post(':id/status')
  async changeStatus(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readProjectForm(body, ['status', 'statusReason']);
    const errors = await this.submit(
      UpdateProjectDto,
      { status: typed.status ?? '', statusReason: typed.statusReason },
      (dto) =>
        this.projects.update(
          id,
          { status: dto.status, statusReason: dto.statusReason },
          { user: userOf(request) },
        ),
      // The transition rules' own explanation (e.g. "reopen it first"), beside the form.
      (error) => ({ [error.field ?? 'status']: this.views.errorText(error) }),
    );
    if (errors) {
      return this.showProject(request, response, id, { statusForm: values, statusErrors: errors });
    }
    seeOther(response, `/projects/${id}?status=1`);
  }

  /** A personal link for a lead contact: its address is shown once, on this answer. */
  @Post(':id/links')
  async issueLink(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { typed } = readProjectForm(body, ['contactId']);
    const outcome = await submitForm(CreateFollowUpLinkDto, typed, (dto) =>
      this.followUps.issueLink(id, dto, userOf(request)),
    );
    if (outcome.ok) {
      return this.showProject(request, response, id, { issuedUrl: outcome.result.url }, 200);
    }
    const message = outcome.refused
      ? this.text.messageFor('contactId', this.views.errorText(outcome.refused))
      : this.text.t('projectsPages.error.contactId');
    return this.showProject(request, response, id, { linkErrors: { contactId: message } });
  }

  @Post(':id/links/:linkId/revoke')
  async revokeLink(
    @Param('id', IdPipe) id: number,
    @Param('linkId', IdPipe) linkId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.followUps.revokeLink(id, linkId, userOf(request));
    seeOther(response, `/projects/${id}?saved=1`);
  }

  /**
   * Checks a form against the API's DTO and runs the action (web/forms): null when it went
   * through, else the messages to show beside the form (a broken rule's by `refused`, by default
   * its field's message on these pages, else the rule's own).
   */
  private async submit<T extends object>(
    type: ClassConstructor<T>,
    fields: Form,
    action: (dto: T) => Promise<unknown>,
    refused: (error: DomainError) => Messages = (error) => ({
      [error.field ?? 'other']: this.text.messageFor(error.field, this.views.errorText(error)),
    }),
  ): Promise<Messages | null> {
    const outcome = await submitForm(type, fields, action);
    if (outcome.ok) return null;
    return outcome.refused ? refused(outcome.refused) : this.text.fieldMessages(outcome.errors);
  }

  private async showProject(
    request: Request,
    response: Response,
    id: number,
    state: ProjectPageState,
    status?: number,
  ): Promise<void> {
    const now = this.clock.now();
    const detail = await this.projects.get(id);
    const [timeline, links, contacts, reminders] = await Promise.all([
      this.projectViews.timeline(id),
      this.followUps.listLinks(id),
      this.projectViews.contactsOf(detail.project.leadPartnerId),
      this.outbox.list({ group: remindersGroup(id), page: 1, pageSize: REMINDERS_SHOWN }),
    ]);
    const model = projectPageView(this.text, {
      now,
      today: calendarDayInZone(now, this.config.timeZone),
      locale: this.config.locale,
      timeZone: this.config.timeZone,
      detail,
      timeline,
      links,
      contacts,
      reminders,
      state,
    });
    sendHtml(
      response,
      this.views.renderPage(request, 'pages/projects/show', model),
      status ?? (hasFormErrors(state) ? 422 : 200),
    );
  }
}
