import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SkipCsrf } from '../auth/auth.decorators';
import { wantsHtml } from '../common/domain-error.filter';
import { RuleViolationError } from '../common/domain-errors';
import { InvalidInputException } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { fieldMessages, validateForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { AnswerInvitationDto } from './answer-invitation.dto';
import { AnswerPageState, InvitationsService } from './invitations.service';
import { ANSWERS } from './meeting-kinds';
import { list, text } from './meeting-pages.kit';

/**
 * The partners' answer pages (the staff pages of meetings have one controller per screen).
 * Public: the unguessable token in the URL is the authorisation (no account, no session, hence
 * @SkipCsrf: a forged post would need the token). Rendered without the session's
 * page context, so answering never creates a session for the partner.
 */
@ApiExcludeController()
@Controller()
export class MeetingsPagesController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('r/:token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    this.send(response, token, await this.invitations.answerPage(token), false);
  }

  @Public()
  @SkipCsrf()
  @Post('r/:token')
  async answer(
    @Param('token') token: string,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { value: dto, errors } = await validateForm(AnswerInvitationDto, body);
    if (errors.length > 0) {
      // JSON clients get the API's 400 naming the fields; a browser gets the form again, as typed.
      if (!wantsHtml(request)) throw new InvalidInputException(errors);
      const page = typedAnswer(await this.invitations.answerPage(token), body);
      const messages = fieldMessages(this.views, 'meetings.answer.invalid', errors);
      this.send(response, token, page, false, messages);
      return;
    }
    try {
      this.send(response, token, await this.invitations.answer(token, dto), true);
    } catch (error) {
      // A broken rule (a contact of another partner, a replacement without a name): the form
      // again, as typed, with the message beside it, rather than an error page.
      if (!(error instanceof RuleViolationError)) throw error;
      const message = this.views.textIfPresent(`meetings.answer.error.${error.field ?? 'other'}`);
      const page = typedAnswer(await this.invitations.answerPage(token), body);
      this.send(response, token, page, false, [message ?? this.views.errorText(error)]);
    }
  }

  private send(
    response: Response,
    token: string,
    page: AnswerPageState,
    saved: boolean,
    errors: string[] = [],
  ): void {
    const t = (key: string, params?: Record<string, string>) =>
      this.views.translator.translate(this.config.locale, key, params);
    const { view } = page;
    const model = {
      meeting: { ...view.meeting, startsAtIso: view.meeting.startsAt.toISOString() },
      partnerName: view.partnerName,
      // After a refused post, `answer` is what was typed, not what is stored: no "current answer".
      currentAnswer: view.answer && !errors.length ? t(`meetings.answer.${view.answer}`) : null,
    };
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (page.state !== 'open') {
      response
        .status(410)
        .type('html')
        .send(
          this.views.render('pages/meetings/answer-closed', {
            ...model,
            title: t('meetings.answer.closedTitle', { title: view.meeting.title }),
            cancelled: page.state === 'cancelled',
          }),
        );
      return;
    }
    response
      .status(errors.length ? 422 : 200)
      .type('html')
      .send(
        this.views.render('pages/meetings/answer', {
          errors,
          ...model,
          title: t('meetings.answer.title', { title: view.meeting.title }),
          action: `/r/${encodeURIComponent(token)}`,
          saved,
          answers: ANSWERS.map((value) => ({
            value,
            label: t(`meetings.answer.${value}`),
            checked: view.answer === value,
          })),
          contacts: view.contacts.map((c) => ({
            ...c,
            replaced: c.id === view.replacesContactId,
          })),
          guestName: view.guestName,
          note: view.answerNote,
        }),
      );
  }
}

/** The stored answer overlaid with what was posted, so a refused form keeps what was typed. */
function typedAnswer(page: AnswerPageState, body: Record<string, unknown>): AnswerPageState {
  if (page.state !== 'open') return page;
  const answer = ANSWERS.find((a) => a === text(body.answer)) ?? null;
  const chosen = new Set(list(body.contactIds));
  const replaces = Number(text(body.replacesContactId));
  const view = {
    ...page.view,
    answer,
    answerNote: text(body.note) || null,
    guestName: text(body.guestName) || null,
    replacesContactId: Number.isInteger(replaces) && replaces > 0 ? replaces : null,
    contacts: page.view.contacts.map((c) => ({ ...c, selected: chosen.has(String(c.id)) })),
  };
  return { state: 'open', view };
}
