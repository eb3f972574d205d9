import { Body, Controller, Get, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Public, SkipCsrf } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { AppConfig } from '../config/app-config';
import { ViewService } from '../web/view.service';
import { AnswerInvitationDto } from './answer-invitation.dto';
import { AnswerPageState, InvitationsService } from './invitations.service';
import { ANSWERS } from './meeting-kinds';
import { MeetingsService } from './meetings.service';

/**
 * The staff page of a meeting (/meetings/:id, the URL of its calendar entry), and the partners'
 * answer pages. Public: the unguessable token in the URL is the authorisation
 * (no account, no session, hence no CSRF token either: a forged post would need the token).
 */
@ApiExcludeController()
@Controller()
export class MeetingsPagesController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly meetings: MeetingsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('meetings/:id')
  async meeting(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    const t = (key: string) => this.views.translator.translate(this.config.locale, key);
    const { meeting, counts, invitations, agenda } = await this.meetings.detail(id);
    response.type('html').send(
      this.views.render('pages/meetings/show', {
        title: meeting.title,
        user: { displayName: user.displayName },
        meeting: { ...meeting, startsAtIso: meeting.startsAt },
        kind: t(`meetings.kind.${meeting.kind}`),
        status: t(`meetings.status.${meeting.status}`),
        cancelled: meeting.status === 'cancelled',
        counts,
        agenda,
        invitations: invitations.map((i) => ({
          partnerName: i.partnerName,
          answer: i.answer ? t(`meetings.answer.${i.answer}`) : '',
          attendance: i.attendance ? t(`meetings.attendance.${i.attendance}`) : '',
          expected: i.expected.map((a) => a.fullName).join(', '),
        })),
      }),
    );
  }

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
