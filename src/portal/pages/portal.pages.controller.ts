import {
  Body,
  Controller,
  Get,
  Header,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { calendarDayInZone } from '../../common/calendar-days';
import { Public } from '../../auth/auth.decorators';
import { Clock } from '../../common/clock';
import { IdPipe } from '../../common/id.pipe';
import { NotFoundError } from '../../common/domain-errors';
import { AppConfig } from '../../config/app-config';
import { AnswerInvitationDto } from '../../meetings/invitations/answer-invitation.dto';
import { CreateFollowUpDto } from '../../projects/follow-ups/create-follow-up.dto';
import { formText, isRefusal, submitForm, validateForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import type { PortalIdentity } from '../links/portal-links.service';
import { CurrentPortal, PortalGuard, PortalSignInFilter } from '../session/portal-session';
import {
  FailedAnswer,
  portalHomeMeetings,
  PortalForm,
  portalProjects,
  portalProjectView,
} from './portal-pages.view-model';
import { PortalService } from '../portal.service';
import { renderPortalPage } from './portal-page';
import { MinutesReviewService } from '../../documents/minutes/review/minutes-review.service';
import { seeOther, sendHtml } from '../../common/http-answers';

const FOLLOW_UP_FIELDS = ['date', 'text', 'nextStep', 'nextStepDue'] as const;

/**
 * The partner portal, for a contact signed in through a link: its partner's upcoming meetings
 * (answer the invitations), published minutes and newsletters, the projects it leads or joins
 * (add follow-ups). Everything is scoped to the contact's partner by PortalService.
 */
@ApiExcludeController()
@Public() // not a staff page: PortalGuard below is the check (CSRF stays on)
@UseGuards(PortalGuard)
@UseFilters(PortalSignInFilter)
@Controller('portal')
export class PortalPagesController {
  constructor(
    private readonly portal: PortalService,
    private readonly reviews: MinutesReviewService,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async home(
    @CurrentPortal() me: PortalIdentity,
    @Req() request: Request,
    @Query('answered') answered?: string,
  ): Promise<string> {
    return this.homePage(request, me, { answered: answered === '1' });
  }

  @Post('invitations/:id/answer')
  async answer(
    @CurrentPortal() me: PortalIdentity,
    @Param('id', IdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const form = pick(body, ['answer', 'note', 'wholeSeries']);
    const { value, errors } = await validateForm(AnswerInvitationDto, form);
    if (errors.length > 0) {
      sendHtml(
        response,
        await this.homePage(request, me, {
          failed: { id, messages: errors.map((e) => `portal.error.${e.field}`), form },
        }),
        422,
      );
      return;
    }
    const dto: AnswerInvitationDto = {
      answer: value.answer,
      note: value.note,
      contactIds: value.answer === 'coming' ? [me.contact.id] : undefined,
      wholeSeries: value.wholeSeries,
    };
    const state = await this.portal.answer(id, me.contact, dto);
    if (state.state !== 'open') {
      sendHtml(
        response,
        await this.homePage(request, me, {
          failed: { id, messages: [`portal.error.${state.state}`] },
        }),
        422,
      );
      return;
    }
    seeOther(response, '/portal?answered=1');
  }

  @Get('minutes')
  async minutes(@CurrentPortal() me: PortalIdentity, @Req() request: Request): Promise<string> {
    return this.page(request, me, 'pages/portal/minutes', {
      title: this.views.text('portal.minutes.title'),
      minutes: await this.portal.publishedMinutes(),
    });
  }

  @Get('newsletters')
  async newsletters(@CurrentPortal() me: PortalIdentity, @Req() request: Request): Promise<string> {
    return this.page(request, me, 'pages/portal/newsletters', {
      title: this.views.text('portal.newsletters.title'),
      newsletters: await this.portal.publishedNewsletters(),
    });
  }

  @Get('projects')
  async projects(@CurrentPortal() me: PortalIdentity, @Req() request: Request): Promise<string> {
    const projects = await this.portal.projectsOf(me.partner.id);
    return this.page(request, me, 'pages/portal/projects', {
      title: this.views.text('portal.projects.title'),
      projects: portalProjects(projects, me.partner.id),
    });
  }

  @Get('projects/:id')
  @Header('Cache-Control', 'no-store')
  async project(
    @CurrentPortal() me: PortalIdentity,
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Query('saved') saved?: string,
  ): Promise<string> {
    return this.projectPage(request, me, id, { form: {}, saved: saved === '1' });
  }

  @Post('projects/:id/follow-ups')
  async addFollowUp(
    @CurrentPortal() me: PortalIdentity,
    @Param('id', IdPipe) id: number,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const form = pick(body, FOLLOW_UP_FIELDS);
    // The project must be the partner's before anything else (404, even for an invalid form).
    await this.portal.project(id, me.partner.id);
    const outcome = await submitForm(
      CreateFollowUpDto,
      form,
      (value) => this.portal.addFollowUp(id, me.contact, value),
      isRefusal('rule'),
    );
    if (!outcome.ok) {
      const messages = outcome.refused
        ? [`portal.error.${outcome.refused.field ?? 'rule'}`]
        : outcome.errors.map((e) => `portal.error.${e.field}`);
      sendHtml(response, await this.projectPage(request, me, id, { form, messages }), 422);
      return;
    }
    seeOther(response, `/portal/projects/${id}?saved=1`);
  }

  private async homePage(
    request: Request,
    me: PortalIdentity,
    state: { answered?: boolean; failed?: FailedAnswer },
  ): Promise<string> {
    const invitations = await this.portal.upcomingInvitations(me.partner.id);
    // A refused answer is shown beside its invitation: one not on this page is none of theirs.
    if (state.failed && !invitations.some((i) => i.id === state.failed!.id))
      throw new NotFoundError('invitation', state.failed.id);
    return this.page(request, me, 'pages/portal/home', {
      title: this.views.text('portal.home.title'),
      reviews: await this.reviews.roundsOfContact(me.contact.id),
      answered: state.answered,
      meetings: portalHomeMeetings(invitations, this.clock.now(), state.failed),
    });
  }

  private async projectPage(
    request: Request,
    me: PortalIdentity,
    id: number,
    state: { form: PortalForm; saved?: boolean; messages?: string[] },
  ): Promise<string> {
    const detail = await this.portal.project(id, me.partner.id);
    return this.page(request, me, 'pages/portal/project', {
      ...portalProjectView(detail),
      today: calendarDayInZone(this.clock.now(), this.config.timeZone),
      ...state,
    });
  }

  private page(
    request: Request,
    me: PortalIdentity,
    name: string,
    model: Record<string, unknown>,
  ): string {
    return renderPortalPage(this.views, request, me, name, model);
  }
}

function pick(body: Record<string, unknown>, fields: readonly string[]): PortalForm {
  const form: PortalForm = {};
  for (const field of fields) {
    const value = formText(body, field);
    if (value) form[field] = value;
  }
  return form;
}
