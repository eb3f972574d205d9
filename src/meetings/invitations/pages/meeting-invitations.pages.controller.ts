import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { MAX_PAGE_SIZE } from '../../../common/pagination';
import { PartnersService } from '../../../partners/partners.service';
import { formText, queryOf, submitForm, type Form } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { CreateInvitationsDto } from '../create-invitations.dto';
import { InvitationsService } from '../invitations.service';
import { inviteInput, inviteResultView, inviteView } from './meeting-invitations.view-model';
import { MeetingOverviewService } from '../../pages/meeting-overview.service';
import { InvitePageQueryDto } from '../../pages/meeting-pages.dto';
import { problems } from '../../pages/meeting-pages.kit';
import { MeetingsService } from '../../meetings.service';

/** Inviting partners (all, by kind, or chosen in the directory) and re-issuing an answer link. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingInvitationsPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly invitations: InvitationsService,
    private readonly overview: MeetingOverviewService,
    private readonly partners: PartnersService,
    private readonly views: ViewService,
    private readonly clock: Clock,
  ) {}

  @Get(':id/invite')
  async inviteForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const query = await queryOf(InvitePageQueryDto, raw);
    await this.showInvite(request, response, id, query);
  }

  @Post(':id/invite')
  async invite(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const outcome = await submitForm(CreateInvitationsDto, inviteInput(body), (value) =>
      this.invitations.invite(id, value, user),
    );
    if (!outcome.ok) {
      const messages = outcome.refused
        ? problems(this.views, outcome)
        : [
            this.views.text(
              formText(body, 'mode') === 'kinds'
                ? 'meetingsPages.error.kinds'
                : 'meetingsPages.error.partnerIds',
            ),
          ];
      const again = { q: formText(body, 'q') || undefined, page: 1 } as InvitePageQueryDto;
      return this.showInvite(request, response, id, again, messages, 422);
    }
    const model = inviteResultView(this.views, meeting, outcome.result);
    this.views.sendPage(request, response, 'pages/meetings/invite-result', model);
  }

  /** A new answer link for one partner (the previous one stops working), shown once. */
  @Post(':id/invitations/:invitationId/answer-link')
  async reissueLink(
    @Param('id', IdPipe) id: number,
    @Param('invitationId', IdPipe) invitationId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const { url } = await this.invitations.reissueAnswerLink(id, invitationId);
    const invitation = (await this.meetings.invitationsOf(id)).find((i) => i.id === invitationId);
    this.views.sendPage(request, response, 'pages/meetings/answer-link', {
      title: this.views.text('meetingsPages.link.title', { title: meeting.title }),
      meeting: { id, title: meeting.title },
      partnerName: invitation?.partnerName ?? '',
      url,
    });
  }

  private async showInvite(
    request: Request,
    response: Response,
    id: number,
    query: InvitePageQueryDto,
    errors: string[] = [],
    status = 200,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const invited = await this.overview.invitedPartnerIds(id);
    const pageSize = MAX_PAGE_SIZE;
    const page = await this.partners.list({
      page: query.page ?? 1,
      pageSize,
      q: query.q,
      kind: query.kind ? [query.kind] : undefined,
      active: 'true',
    });
    const now = this.clock.now();
    const model = inviteView(this.views, meeting, invited, page, pageSize, query, errors, now);
    this.views.sendPage(request, response, 'pages/meetings/invite', model, status);
  }
}
