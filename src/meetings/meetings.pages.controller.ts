import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { ViewService } from '../web/view.service';
import { AnswerInvitationDto } from './answer-invitation.dto';
import { AnswerPageState, InvitationsService } from './invitations.service';
import { ANSWERS } from './meeting-kinds';

/**
 * The partners' answer pages. Public: the unguessable token in the URL is the authorisation
 * (no account, no session, hence no CSRF token either: a forged post would need the token).
 */
@ApiExcludeController()
@Controller('r')
export class MeetingsPagesController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':token')
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    this.send(response, token, await this.invitations.answerPage(token), false);
  }

  @Public()
  @Post(':token')
  async answer(
    @Param('token') token: string,
    @Body() dto: AnswerInvitationDto,
    @Res() response: Response,
  ): Promise<void> {
    this.send(response, token, await this.invitations.answer(token, dto), true);
  }

  private send(response: Response, token: string, page: AnswerPageState, saved: boolean): void {
    const t = (key: string, params?: Record<string, string>) =>
      this.views.translator.translate(this.config.locale, key, params);
    const { view } = page;
    const model = {
      meeting: { ...view.meeting, startsAtIso: view.meeting.startsAt.toISOString() },
      partnerName: view.partnerName,
      currentAnswer: view.answer ? t(`meetings.answer.${view.answer}`) : null,
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
      .status(200)
      .type('html')
      .send(
        this.views.render('pages/meetings/answer', {
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
