import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../../auth/auth.decorators';
import type { User } from '../../../../auth/users/user.entity';
import { IdPipe } from '../../../../common/id.pipe';
import {
  type Form,
  fieldMessages,
  formText,
  isRuleViolation,
  submitForm,
} from '../../../../common/web/forms';
import { ViewService } from '../../../../common/web/view.service';
import { MeetingsQueries } from '../../../../meetings/meetings.queries';
import { NotFoundError } from '../../../../common/domain-errors';
import { DecideProposalDto, OpenReviewDto } from '../minutes-review.dto';
import { MinutesReviewService } from '../minutes-review.service';
import { reviewStaffView } from './minutes-review.view-model';
import { seeOther } from '../../../../common/http-answers';

const NOTICES = ['opened', 'closed', 'accepted', 'rejected'] as const;

/**
 * The staff's page of the minutes' review round: open it with a deadline, the frozen paragraphs
 * with the attendees' proposals beside them, accept or reject each (a reason for the author),
 * close the round early. Publishing stays on the minutes page.
 */
@ApiExcludeController()
@Controller('meetings/:id/minutes/review')
export class MinutesReviewPagesController {
  constructor(
    private readonly reviews: MinutesReviewService,
    private readonly meetings: MeetingsQueries,
    private readonly views: ViewService,
  ) {}

  @Get()
  async page(
    @Param('id', IdPipe) id: number,
    @Query('done') done: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const notice = NOTICES.find((n) => n === done);
    await this.show(request, response, id, {
      notice: notice ? this.views.text(`minutesReviewPages.notice.${notice}`) : null,
    });
  }

  @Post()
  async open(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const outcome = await submitForm(OpenReviewDto, { deadline: formText(body, 'deadline') }, (v) =>
      this.reviews.open(id, v, user),
    );
    if (outcome.ok) return seeOther(response, `${this.path(id)}?done=opened`);
    await this.show(request, response, id, {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: outcome.refused
        ? [this.views.errorText(outcome.refused)]
        : fieldMessages(this.views, 'minutesReviewPages.error', outcome.errors),
      deadline: formText(body, 'deadline').slice(0, 20),
    });
  }

  @Post('close')
  async close(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.reviews.close(id, user);
    } catch (error) {
      if (!isRuleViolation(error)) throw error;
      return this.show(request, response, id, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: [this.views.errorText(error)],
      });
    }
    seeOther(response, `${this.path(id)}?done=closed`);
  }

  @Post('proposals/:proposalId/decision')
  async decide(
    @Param('id', IdPipe) id: number,
    @Param('proposalId', IdPipe) proposalId: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const fields = { decision: formText(body, 'decision'), reason: formText(body, 'reason') };
    const outcome = await submitForm(DecideProposalDto, fields, (v) =>
      this.reviews.decide(id, proposalId, v, user),
    );
    if (outcome.ok) return seeOther(response, `${this.path(id)}?done=${fields.decision}`);
    await this.show(request, response, id, {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: outcome.refused
        ? [this.views.errorText(outcome.refused)]
        : fieldMessages(this.views, 'minutesReviewPages.error', outcome.errors),
    });
  }

  private path(id: number): string {
    return `/meetings/${id}/minutes/review`;
  }

  private async show(
    request: Request,
    response: Response,
    id: number,
    state: { status?: number; errors?: string[]; notice?: string | null; deadline?: string },
  ): Promise<void> {
    const meeting = await this.meetings.meetingById(id);
    if (!meeting) throw new NotFoundError('meeting', id);
    const round = await this.reviews.round(id);
    const title = this.views.text('minutesReviewPages.title', { title: meeting.title });
    this.views.sendPage(
      request,
      response,
      'pages/documents/minutes-review',
      reviewStaffView(title, meeting, round, state),
      state.status ?? HttpStatus.OK,
    );
  }
}
