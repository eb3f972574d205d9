import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
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
import { calendarDayInZone } from '../common/calendar-days';
import { Public } from '../auth/auth.decorators';
import { csrfTokenFor } from '../web/csrf';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { DomainError, NotFoundError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { ANSWERS } from '../meetings/meeting-kinds';
import { AnswerInvitationDto } from '../meetings/answer-invitation.dto';
import { CreateFollowUpDto } from '../projects/create-follow-up.dto';
import { validateForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import type { PortalIdentity } from './portal-links.service';
import { CurrentPortal, PortalGuard, PortalSignInFilter } from './portal-session';
import { PortalService } from './portal.service';

const FOLLOW_UP_FIELDS = ['date', 'text', 'nextStep', 'nextStepDue'] as const;
type Form = Record<string, string>;

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
    const form = pick(body, ['answer', 'note']);
    const { value, errors } = await validateForm(AnswerInvitationDto, form);
    if (errors.length > 0) {
      response
        .status(422)
        .type('html')
        .send(
          await this.homePage(request, me, {
            failed: { id, messages: errors.map((e) => `portal.error.${e.field}`), form },
          }),
        );
      return;
    }
    const dto: AnswerInvitationDto = {
      answer: value.answer,
      note: value.note,
      contactIds: value.answer === 'coming' ? [me.contact.id] : undefined,
    };
    const state = await this.portal.answer(id, me.contact, dto);
    if (state.state !== 'open') {
      response
        .status(422)
        .type('html')
        .send(
          await this.homePage(request, me, {
            failed: { id, messages: [`portal.error.${state.state}`] },
          }),
        );
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, '/portal?answered=1');
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
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        status: p.status,
        lead: p.leadPartner?.name ?? '',
        leads: p.leadPartnerId === me.partner.id,
        lastFollowUpAt: p.lastFollowUpAt,
      })),
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
    const { value, errors } = await validateForm(CreateFollowUpDto, form);
    let messages = errors.map((e) => `portal.error.${e.field}`);
    if (messages.length === 0) {
      try {
        await this.portal.addFollowUp(id, me.contact, value);
      } catch (error) {
        if (!(error instanceof DomainError && error.kind === 'rule')) throw error;
        messages = [`portal.error.${error.field ?? 'rule'}`];
      }
    }
    if (messages.length > 0) {
      response
        .status(422)
        .type('html')
        .send(await this.projectPage(request, me, id, { form, messages }));
      return;
    }
    response.redirect(HttpStatus.SEE_OTHER, `/portal/projects/${id}?saved=1`);
  }

  private async homePage(
    request: Request,
    me: PortalIdentity,
    state: { answered?: boolean; failed?: { id: number; messages: string[]; form?: Form } },
  ): Promise<string> {
    const invitations = await this.portal.upcomingInvitations(me.partner.id);
    // A refused answer is shown beside its invitation: one not on this page is none of theirs.
    if (state.failed && !invitations.some((i) => i.id === state.failed!.id))
      throw new NotFoundError('invitation', state.failed.id);
    return this.page(request, me, 'pages/portal/home', {
      title: this.views.text('portal.home.title'),
      answered: state.answered,
      meetings: invitations.map((i) => ({
        invitationId: i.id,
        title: i.meeting!.title,
        startsAt: i.meeting!.startsAt,
        endsAt: i.meeting!.endsAt,
        venueName: i.meeting!.venueName,
        venueAddress: i.meeting!.venueAddress,
        onlineUrl: i.meeting!.onlineUrl,
        cancelled: i.meeting!.status === 'cancelled',
        open: i.meeting!.status === 'planned' && i.meeting!.startsAt > this.clock.now(),
        answer: i.answer,
        ...this.answerForm(i, state.failed),
      })),
    });
  }

  /** The answer form of an invitation: as stored, or as typed when that post was refused. */
  private answerForm(
    invitation: { id: number; answer: string | null; answerNote: string | null },
    failed?: { id: number; messages: string[]; form?: Form },
  ) {
    const typed = failed?.id === invitation.id ? failed.form : undefined;
    const answer = typed ? (typed.answer ?? null) : invitation.answer;
    return {
      answerNote: typed ? (typed.note ?? null) : invitation.answerNote,
      answers: ANSWERS.map((a) => ({ value: a, checked: answer === a })),
      messages: failed?.id === invitation.id ? failed.messages : [],
    };
  }

  private async projectPage(
    request: Request,
    me: PortalIdentity,
    id: number,
    state: { form: Form; saved?: boolean; messages?: string[] },
  ): Promise<string> {
    const { project, participants, followUps } = await this.portal.project(id, me.partner.id);
    return this.page(request, me, 'pages/portal/project', {
      title: project.title,
      project: {
        id: project.id,
        title: project.title,
        description: project.description,
        status: project.status,
        lead: project.leadPartner?.name ?? '',
        participants,
      },
      followUps: followUps.map((f) => ({
        date: f.date,
        author: f.authorLabel,
        viaLink: f.authorContactId !== null,
        text: f.text,
        nextStep: f.nextStep,
        nextStepDue: f.nextStepDue,
      })),
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
    const section = request.path.split('/')[2] || 'home';
    return this.views.render(
      name,
      {
        ...model,
        csrfToken: csrfTokenFor(request),
        portal: {
          contactName: me.contact.fullName,
          partnerName: me.partner.name,
          expiresAt: me.link.expiresAt,
          section,
        },
      },
      { layout: 'portal' },
    );
  }
}

function pick(body: Record<string, unknown>, fields: readonly string[]): Form {
  const form: Form = {};
  for (const field of fields) {
    const value = typeof body[field] === 'string' ? body[field].trim() : '';
    if (value) form[field] = value;
  }
  return form;
}
