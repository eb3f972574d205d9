import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { MAX_PAGE_SIZE } from '../common/pagination';
import { PARTNER_KINDS } from '../partners/partner-kind';
import { PartnersService } from '../partners/partners.service';
import { submitForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { CreateInvitationsDto } from './create-invitations.dto';
import { InvitationsService } from './invitations.service';
import { MeetingOverviewService } from './meeting-overview.service';
import { InvitePageQueryDto } from './meeting-pages.dto';
import { formNumber, list, problems, queryOf, text, type Form } from './meeting-pages.kit';
import { MeetingsService } from './meetings.service';

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
    const mode = text(body.mode);
    const input =
      mode === 'all'
        ? { all: true }
        : mode === 'kinds'
          ? { kinds: list(body.kinds) }
          : { partnerIds: list(body.partnerIds).map((v) => formNumber(v) ?? NaN) };
    const outcome = await submitForm(CreateInvitationsDto, input, (value) =>
      this.invitations.invite(id, value, user),
    );
    const again = { q: text(body.q) || undefined, page: 1 } as InvitePageQueryDto;
    if (!outcome.ok) {
      const messages = outcome.refused
        ? problems(this.views, outcome)
        : [
            this.views.text(
              mode === 'kinds' ? 'meetingsPages.error.kinds' : 'meetingsPages.error.partnerIds',
            ),
          ];
      return this.showInvite(request, response, id, again, messages, 422);
    }
    const result = outcome.result;
    this.views.sendPage(request, response, 'pages/meetings/invite-result', {
      title: this.views.text('meetingsPages.invite.resultTitle', { title: meeting.title }),
      meeting: { id, title: meeting.title },
      created: result.created,
      alreadyInvited: result.alreadyInvited,
      links: result.links,
    });
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
    const links = pageHref(`/meetings/${id}/invite`, { q: query.q, kind: query.kind });
    const kinds = PARTNER_KINDS.map((value) => ({
      value,
      label: this.views.text(`meetingsPages.partnerKind.${value}`),
      selected: value === query.kind,
    }));
    const started = this.clock.now().getTime() >= meeting.startsAt.getTime();
    this.views.sendPage(
      request,
      response,
      'pages/meetings/invite',
      {
        title: this.views.text('meetingsPages.invite.title', { title: meeting.title }),
        meeting: { id, title: meeting.title },
        closed: meeting.status !== 'planned' || started,
        // The notice says which: cancelled, or already begun (held and closed ones too).
        closedBecause: meeting.status === 'cancelled' ? 'cancelled' : 'started',
        errors,
        q: query.q ?? '',
        kinds,
        kindLabel: query.kind ? this.views.text(`meetingsPages.partnerKind.${query.kind}`) : '',
        kind: query.kind ?? '',
        invitedCount: invited.size,
        total: page.total,
        totalExact: page.totalExact ?? true,
        partners: page.items.map(({ partner }) => ({
          id: partner.id,
          name: partner.name,
          kind: this.views.text(`meetingsPages.partnerKind.${partner.kind}`),
          invited: invited.has(partner.id),
        })),
        selectable: page.items.some(({ partner }) => !invited.has(partner.id)),
        pager: pager(page.page, pageSize, page.total, links, page.totalExact ?? true),
      },
      status,
    );
  }
}
