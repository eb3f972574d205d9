import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { calendarDayInZone } from '../common/calendar-days';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { RuleViolationError } from '../common/domain-errors';
import type { FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { MailOutbox } from '../mail/mail-outbox.service';
import { formatShortDate } from '../web/format';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { CreateFollowUpDto, CreateFollowUpLinkDto } from './create-follow-up.dto';
import { CreateProjectDto } from './create-project.dto';
import { FOLLOW_UP_FILTERS, type FollowUpFilter } from './follow-up-state';
import { FollowUpsService } from './follow-ups.service';
import { ListProjectsQueryDto } from './list-projects-query.dto';
import { followUpStatusOf, toFollowUpLink } from './projects.mapper';
import { remindersGroup } from './project-reminders.service';
import { ProjectsService } from './projects.service';
import { INITIAL_STATUSES, isTracked, PROJECT_STATUSES, TRANSITIONS } from './project-status';
import { ProjectViewsService } from './project-views.service';
import { ProjectScheduleDto, SnoozeProjectDto, UpdateProjectDto } from './update-project.dto';

/** The latest reminders a project page lists (the outbox page has them all). */
const REMINDERS_SHOWN = 10;

type Form = Record<string, unknown>;
type Values = Record<string, string>;

const PAGE_SIZE = 20;
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
const NUMBER_FIELDS = new Set(['leadPartnerId', 'originMeetingId', 'cadenceDays', 'contactId']);

/** The strings a form posted (trimmed; empty fields left out), and the same typed for a DTO. */
function readForm(body: Form, fields: readonly string[]): { values: Values; typed: Form } {
  const values: Values = {};
  const typed: Form = {};
  for (const field of fields) {
    const raw = body[field];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) continue;
    values[field] = value;
    typed[field] = NUMBER_FIELDS.has(field) && /^\d{1,10}$/.test(value) ? Number(value) : value;
  }
  return { values, typed };
}

function userOf(request: Request): User {
  return (request as AuthenticatedRequest).user as User;
}

/**
 * The staff pages of projects: the list by follow-up state, a new project, and a project's page
 * (timeline of follow-ups and events, add a follow-up, snooze, change status, personal links).
 * Rules stay in ProjectsService and FollowUpsService; this builds view models.
 */
@ApiExcludeController()
@Controller('projects')
export class ProjectsPagesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly followUps: FollowUpsService,
    private readonly projectViews: ProjectViewsService,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: MailOutbox,
  ) {}

  private t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.text(key, params);
  }

  /** A field's message: projectsPages.error.<field>, or the service's own message. */
  private messageFor(field: string | undefined, fallback: string): string {
    const key = `projectsPages.error.${field ?? 'other'}`;
    return this.views.translator.has(this.config.locale, key) ? this.t(key) : fallback;
  }

  /** A broken rule: its field's message when the page has one, else the rule's own. */
  private ruleMessage(error: RuleViolationError, field = error.field): string {
    return this.messageFor(field, this.views.errorText(error));
  }

  private fieldMessages(errors: FieldError[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of errors) {
      const field = e.field.split('.')[0];
      out[field] ??= this.messageFor(
        field,
        e.problems.map((problem) => this.views.messageText(problem)).join(' '),
      );
    }
    return out;
  }

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
    const [page, counts] = await Promise.all([
      this.projects.list(value),
      this.projectViews.followUpCounts(now),
    ]);
    response.type('html').send(
      this.views.renderPage(request, 'pages/projects/list', {
        title: this.t('projectsPages.list.title'),
        created: query.created === '1',
        tabs: [
          {
            value: '',
            label: this.t('projectsPages.state.all'),
            current: !state,
            href: '/projects',
          },
          ...FOLLOW_UP_FILTERS.map((s) => ({
            value: s,
            label: this.t(`projectsPages.state.${s}`),
            count: counts[s],
            current: state === s,
            href: `/projects?state=${s}`,
          })),
        ],
        stateLabel: state ? this.t(`projectsPages.state.${state}`) : null,
        total: page.total,
        items: page.items.map((p) => {
          const followUp = followUpStatusOf(p, now);
          return {
            id: p.id,
            title: p.title,
            status: this.t(`projectsPages.status.${p.status}`),
            state: followUp.state,
            stateLabel: this.t(`projectsPages.state.${followUp.state}`),
            lead: p.leadPartner?.name ?? '',
            lastFollowUpAt: p.lastFollowUpAt,
            dueAt: followUp.dueAt,
          };
        }),
        pager: pager(value.page, PAGE_SIZE, page.total, pageHref('/projects', { state })),
      }),
    );
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
    const { values, typed } = readForm(body, PROJECT_FIELDS);
    const { value, errors } = await validateForm(CreateProjectDto, typed);
    if (errors.length > 0) {
      return this.showNew(request, response, values, this.fieldMessages(errors), 422);
    }
    try {
      const project = await this.projects.create(value, { user: userOf(request) });
      response.redirect(HttpStatus.SEE_OTHER, `/projects/${project.id}?created=1`);
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      const field = error.field === 'leadIsAgency' ? 'leadPartnerId' : (error.field ?? 'other');
      const messages = { [field]: this.ruleMessage(error, field) };
      return this.showNew(request, response, values, messages, 422);
    }
  }

  private async showNew(
    request: Request,
    response: Response,
    values: Values,
    errors: Record<string, string>,
    status = 200,
  ): Promise<void> {
    const [leads, meetings] = await Promise.all([
      this.projectViews.leadChoices(),
      this.projectViews.meetingChoices(),
    ]);
    response
      .status(status)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/projects/new', {
          title: this.t('projectsPages.new.title'),
          form: values,
          errors,
          errorList: Object.values(errors),
          leads: leads.map((p) => ({
            id: p.id,
            name: p.name,
            agency: p.kind === 'agency',
            selected: values.leadPartnerId === String(p.id),
          })),
          meetings: meetings.map((m) => ({
            id: m.id,
            title: m.title,
            startsAt: m.startsAt,
            selected: values.originMeetingId === String(m.id),
          })),
          statuses: INITIAL_STATUSES.map((s) => ({
            value: s,
            label: this.t(`projectsPages.status.${s}`),
            selected: (values.status ?? 'idea') === s,
          })),
        }),
      );
  }

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Form,
  ): Promise<void> {
    const flash = ['created', 'saved', 'snoozed', 'unsnoozed', 'status', 'schedule'].find(
      (k) => query[k] === '1',
    );
    await this.showProject(request, response, id, { flash });
  }

  @Post(':id/follow-ups')
  async addFollowUp(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readForm(body, ['date', 'text', 'nextStep', 'nextStepDue']);
    const { value, errors } = await validateForm(CreateFollowUpDto, typed);
    if (errors.length > 0) {
      return this.showProject(request, response, id, {
        followUpForm: values,
        followUpErrors: this.fieldMessages(errors),
      });
    }
    try {
      await this.followUps.add(id, value, { user: userOf(request) });
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.showProject(request, response, id, {
        followUpForm: values,
        followUpErrors: { [error.field ?? 'other']: this.ruleMessage(error) },
      });
    }
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?saved=1`);
  }

  @Post(':id/snooze')
  async snooze(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readForm(body, ['until', 'reason']);
    const { value, errors } = await validateForm(SnoozeProjectDto, typed);
    if (errors.length > 0) {
      return this.showProject(request, response, id, {
        snoozeForm: values,
        snoozeErrors: this.fieldMessages(errors),
      });
    }
    try {
      await this.projects.snooze(id, value, { user: userOf(request) });
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.showProject(request, response, id, {
        snoozeForm: values,
        snoozeErrors: { [error.field ?? 'other']: this.views.errorText(error) },
      });
    }
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?snoozed=1`);
  }

  @Post(':id/schedule')
  async changeSchedule(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const fields = ['startDate', 'endDate', 'cadenceDays', 'nextFollowUpOn'];
    const { values, typed } = readForm(body, fields);
    const { value, errors } = await validateForm(ProjectScheduleDto, {
      // Empty dates clear them; an empty next follow-up keeps the cadence's own day.
      startDate: typed.startDate ?? null,
      endDate: typed.endDate ?? null,
      cadenceDays: typed.cadenceDays,
      nextFollowUpOn: typed.nextFollowUpOn,
    });
    if (errors.length > 0) {
      return this.showProject(request, response, id, {
        scheduleForm: values,
        scheduleErrors: this.fieldMessages(errors),
      });
    }
    try {
      await this.projects.update(id, value as UpdateProjectDto, { user: userOf(request) });
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.showProject(request, response, id, {
        scheduleForm: values,
        scheduleErrors: { [error.field ?? 'other']: this.views.errorText(error) },
      });
    }
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?schedule=1`);
  }

  @Post(':id/unsnooze')
  async unsnooze(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.projects.unsnooze(id, { user: userOf(request) });
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?unsnoozed=1`);
  }

  @Post(':id/status')
  async changeStatus(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { values, typed } = readForm(body, ['status', 'statusReason']);
    const { value, errors } = await validateForm(UpdateProjectDto, {
      status: typed.status ?? '',
      statusReason: typed.statusReason,
    });
    if (errors.length > 0) {
      return this.showProject(request, response, id, {
        statusForm: values,
        statusErrors: this.fieldMessages(errors),
      });
    }
    try {
      await this.projects.update(
        id,
        { status: value.status, statusReason: value.statusReason },
        { user: userOf(request) },
      );
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      // The transition rules' own explanation (e.g. "reopen it first"), beside the form.
      return this.showProject(request, response, id, {
        statusForm: values,
        statusErrors: { [error.field ?? 'status']: this.views.errorText(error) },
      });
    }
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?status=1`);
  }

  /** A personal link for a lead contact: its address is shown once, on this answer. */
  @Post(':id/links')
  async issueLink(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const { typed } = readForm(body, ['contactId']);
    const { value, errors } = await validateForm(CreateFollowUpLinkDto, typed);
    if (errors.length > 0) {
      return this.showProject(request, response, id, {
        linkErrors: { contactId: this.t('projectsPages.error.contactId') },
      });
    }
    try {
      const issued = await this.followUps.issueLink(id, value, userOf(request));
      return this.showProject(request, response, id, { issuedUrl: issued.url }, 200);
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      return this.showProject(request, response, id, {
        linkErrors: { contactId: this.ruleMessage(error, 'contactId') },
      });
    }
  }

  @Post(':id/links/:linkId/revoke')
  async revokeLink(
    @Param('id', IdPipe) id: number,
    @Param('linkId', IdPipe) linkId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.followUps.revokeLink(id, linkId, userOf(request));
    response.redirect(HttpStatus.SEE_OTHER, `/projects/${id}?saved=1`);
  }

  private async showProject(
    request: Request,
    response: Response,
    id: number,
    state: {
      flash?: string;
      issuedUrl?: string;
      followUpForm?: Values;
      followUpErrors?: Record<string, string>;
      snoozeForm?: Values;
      snoozeErrors?: Record<string, string>;
      statusForm?: Values;
      statusErrors?: Record<string, string>;
      scheduleForm?: Values;
      scheduleErrors?: Record<string, string>;
      linkErrors?: Record<string, string>;
    },
    status?: number,
  ): Promise<void> {
    const now = this.clock.now();
    const { project, participants } = await this.projects.get(id);
    const [timeline, links, contacts, reminders] = await Promise.all([
      this.projectViews.timeline(id),
      this.followUps.listLinks(id),
      this.projectViews.contactsOf(project.leadPartnerId),
      this.outbox.list({ group: remindersGroup(id), page: 1, pageSize: REMINDERS_SHOWN }),
    ]);
    const followUp = followUpStatusOf(project, now);
    const statusLabel = (s: string | null) => (s ? this.t(`projectsPages.status.${s}`) : '');
    const allowed = TRANSITIONS[project.status];
    const hasErrors = [
      state.followUpErrors,
      state.snoozeErrors,
      state.statusErrors,
      state.scheduleErrors,
      state.linkErrors,
    ].some((e) => e && Object.keys(e).length > 0);
    response
      .status(status ?? (hasErrors ? 422 : 200))
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/projects/show', {
          title: project.title,
          // "Le projet est lancé.": the status flash says the status reached, in its own words.
          flash: state.flash
            ? this.t(`projectsPages.flash.${state.flash}`, { status: project.status })
            : null,
          issuedUrl: state.issuedUrl,
          project: {
            id: project.id,
            title: project.title,
            description: project.description,
            expectedOutcomes: project.expectedOutcomes,
            status: statusLabel(project.status),
            lead: project.leadPartner?.name ?? '',
            cadenceDays: project.cadenceDays,
            startDate: project.startDate,
            endDate: project.endDate,
            originMeeting: project.originMeeting
              ? { id: project.originMeeting.id, title: project.originMeeting.title }
              : null,
          },
          followUp: {
            ...followUp,
            label: this.t(`projectsPages.state.${followUp.state}`),
            tracked: followUp.state !== 'not-tracked',
          },
          canSnooze: isTracked(project.status),
          reminders: {
            total: reminders.total,
            more: reminders.total > reminders.items.length,
            items: reminders.items.map((message) => ({
              when: message.sentAt ?? message.createdAt,
              to: message.recipientName ?? message.recipientEmail,
              status: this.t(`outbox.status.${message.status}`),
            })),
          },
          participants: participants.map((p) => ({ name: p.partner?.name ?? '', role: p.role })),
          timeline: timeline.map((entry) =>
            entry.type === 'follow-up'
              ? {
                  followUp: true,
                  at: entry.at,
                  date: entry.followUp.date,
                  author: entry.followUp.authorLabel,
                  viaLink: entry.followUp.authorContactId !== null,
                  text: entry.followUp.text,
                  nextStep: entry.followUp.nextStep,
                  nextStepDue: entry.followUp.nextStepDue,
                }
              : {
                  followUp: false,
                  at: entry.at,
                  author: entry.event.actorLabel,
                  viaLink: entry.event.actorContactId !== null,
                  summary: this.t(`projectsPages.event.${entry.event.kind}`, {
                    from: statusLabel(entry.event.fromStatus),
                    to: statusLabel(entry.event.toStatus),
                  }),
                  snoozedUntil: entry.event.snoozedUntil,
                  reason: entry.event.reason,
                },
          ),
          today: calendarDayInZone(now, this.config.timeZone),
          followUpForm: state.followUpForm ?? {},
          followUpErrors: state.followUpErrors ?? {},
          followUpErrorList: Object.values(state.followUpErrors ?? {}),
          snoozeForm: state.snoozeForm ?? {},
          snoozeErrors: state.snoozeErrors ?? {},
          snoozeErrorList: Object.values(state.snoozeErrors ?? {}),
          scheduleForm: state.scheduleForm ?? {
            startDate: project.startDate ?? '',
            endDate: project.endDate ?? '',
            cadenceDays: String(project.cadenceDays),
            nextFollowUpOn: '',
          },
          scheduleErrors: state.scheduleErrors ?? {},
          scheduleErrorList: Object.values(state.scheduleErrors ?? {}),
          nextFollowUpDefault: project.dueAt
            ? formatShortDate(project.dueAt, this.config.locale, this.config.timeZone)
            : null,
          statusForm: state.statusForm ?? {},
          statusErrors: state.statusErrors ?? {},
          statusErrorList: Object.values(state.statusErrors ?? {}),
          transitions: allowed.map((s) => ({
            value: s,
            label: statusLabel(s),
            selected: state.statusForm?.status === s,
          })),
          refused: PROJECT_STATUSES.filter((s) => s !== project.status && !allowed.includes(s))
            .map(statusLabel)
            .join(', '),
          contacts,
          linkErrors: state.linkErrors ?? {},
          linkErrorList: Object.values(state.linkErrors ?? {}),
          links: links.map((l) => {
            const view = toFollowUpLink(l, now);
            return { ...view, stateLabel: this.t(`projectsPages.link.${view.state}`) };
          }),
        }),
      );
  }
}
