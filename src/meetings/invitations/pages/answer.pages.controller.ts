import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SkipCsrf } from '../../../auth/auth.decorators';
import { wantsHtml } from '../../../common/domain-error.filter';
import { InvalidInputException } from '../../../common/validation';
import { AppConfig } from '../../../config/app-config';
import { fieldMessages, isRefusal, validateForm } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { AnswerInvitationDto } from '../answer-invitation.dto';
import { answerView, closedAnswerView, typedAnswer } from './answer-page.view-model';
import { AnswerPageState, InvitationsService } from '../invitations.service';
import { sendHtml } from '../../../common/http-answers';

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
      if (!isRefusal('rule')(error)) throw error;
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
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (page.state !== 'open') {
      const model = closedAnswerView(page, errors, t);
      sendHtml(response, this.views.render('pages/meetings/answer-closed', model), 410);
      return;
    }
    const model = answerView(page, token, saved, errors, t);
    sendHtml(
      response,
      this.views.render('pages/meetings/answer', model),
      errors.length ? 422 : 200,
    );
  }
}
