import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Clock } from '../../common/clock';
import { type Form, submitForm, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { CreateProjectDto } from '../create-project.dto';
import { FOLLOW_UP_FILTERS, type FollowUpFilter } from '../follow-ups/follow-up-state';
import { ListProjectsQueryDto } from '../list-projects-query.dto';
import { newProjectView, PAGE_SIZE, projectsListView } from './projects-list.view-model';
import {
  ProjectsPagesText,
  readProjectForm,
  userOf,
  type Messages,
  type Values,
} from './projects-pages.text';
import { ProjectsService } from '../projects.service';
import { ProjectViewsService } from '../project-views.service';
import { seeOther, sendHtml } from '../../common/http-answers';

const PROJECT_FIELDS = [
  'title',
  'description',
  'expectedOutcomes',
  'leadPartnerId',
  'originMeetingId',
  'status',
  'startDate',
  'endDate',
  'cadenceDays',
] as const;

/**
 * The staff pages of the projects list: the list by follow-up state and a new project. A project's
 * own page is ProjectPagesController. Rules stay in ProjectsService; view models are built in
 * projects-list.view-model.ts.
 */
@ApiExcludeController()
@Controller('projects')
export class ProjectsPagesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly projectViews: ProjectViewsService,
    private readonly text: ProjectsPagesText,
    private readonly views: ViewService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Form,
  ): Promise<void> {
    const now = this.clock.now();
    const state = FOLLOW_UP_FILTERS.includes(query.state as FollowUpFilter)
      ? (query.state as FollowUpFilter)
      : undefined;
    const { value } = await validateForm(ListProjectsQueryDto, {
      page: typeof query.page === 'string' && /^\d{1,6}$/.test(query.page) ? query.page : '1',
      pageSize: String(PAGE_SIZE),
      followUp: state,
    });
    const [found, counts] = await Promise.all([
      this.projects.list(value),
      this.projectViews.followUpCounts(now),
    ]);
    const model = projectsListView(this.text, {
      now,
      state,
      created: query.created === '1',
      page: value.page,
      found,
      counts,
    });
    sendHtml(response, this.views.renderPage(request, 'pages/projects/list', model));
  }

  @Get('new')
  async newForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.showNew(request, response, {}, {});
  }

  @Post('new')
  async create(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readProjectForm(body, PROJECT_FIELDS);
    const outcome = await submitForm(CreateProjectDto, typed, (dto) =>
      this.projects.create(dto, { user: userOf(request) }),
    );
    if (outcome.ok) {
      return seeOther(response, `/projects/${outcome.result.id}?created=1`);
    }
    let messages: Messages;
    if (outcome.refused) {
      const error = outcome.refused;
      const field = error.field === 'leadIsAgency' ? 'leadPartnerId' : (error.field ?? 'other');
      messages = { [field]: this.text.messageFor(field, this.views.errorText(error)) };
    } else {
      messages = this.text.fieldMessages(outcome.errors);
    }
    return this.showNew(request, response, values, messages, 422);
  }

  private async showNew(
    request: Request,
    response: Response,
    values: Values,
    errors: Messages,
    status = 200,
  ): Promise<void> {
    const [leads, meetings] = await Promise.all([
      this.projectViews.leadChoices(),
      this.projectViews.meetingChoices(),
    ]);
    const model = newProjectView(this.text, { values, errors, leads, meetings });
    sendHtml(response, this.views.renderPage(request, 'pages/projects/new', model), status);
  }
}
