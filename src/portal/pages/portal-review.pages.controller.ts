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
import { Public } from '../../auth/auth.decorators';
import { IdPipe } from '../../common/id.pipe';
import { formText, submitForm } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { ProposeDto } from '../../documents/minutes/review/minutes-review.dto';
import { MinutesReviewService } from '../../documents/minutes/review/minutes-review.service';
import type { PortalIdentity } from '../links/portal-links.service';
import { CurrentPortal, PortalGuard, PortalSignInFilter } from '../session/portal-session';
import { renderPortalPage } from './portal-page';
import { portalReviewView, ReviewForm } from './portal-review.view-model';
import { seeOther, sendHtml } from '../../common/http-answers';

/**
 * The attendee's side of the minutes' review round: the draft's frozen paragraphs, a form under
 * each to propose a comment or a replacement text until the deadline, and the state of their own
 * proposals (pending, accepted, rejected with staff's reason). Only contacts recorded present at
 * the meeting when the round opened may see it (404 for anyone else).
 */
@ApiExcludeController()
@Public() // not a staff page: PortalGuard below is the check (CSRF stays on)
@UseGuards(PortalGuard)
@UseFilters(PortalSignInFilter)
@Controller('portal/reviews')
export class PortalReviewPagesController {
  constructor(
    private readonly reviews: MinutesReviewService,
    private readonly views: ViewService,
  ) {}

  @Get(':meetingId')
  @Header('Cache-Control', 'no-store')
  async page(
    @CurrentPortal() me: PortalIdentity,
    @Param('meetingId', IdPipe) meetingId: number,
    @Query('sent') sent: unknown,
    @Req() request: Request,
  ): Promise<string> {
    return this.render(request, me, meetingId, { sent: sent === '1' });
  }

  @Post(':meetingId/proposals')
  async propose(
    @CurrentPortal() me: PortalIdentity,
    @Param('meetingId', IdPipe) meetingId: number,
    @Body() body: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const form: ReviewForm = {
      paragraph: formText(body, 'paragraph').slice(0, 10),
      kind: formText(body, 'kind').slice(0, 20),
      text: formText(body, 'text'),
    };
    // The round must be theirs before anything else (404, even for an invalid form).
    await this.reviews.forContact(meetingId, me.contact.id);
    const outcome = await submitForm(ProposeDto, form, (value) =>
      this.reviews.propose(meetingId, me.contact.id, value),
    );
    if (outcome.ok) return seeOther(response, `/portal/reviews/${meetingId}?sent=1`);
    const messages = outcome.refused
      ? [this.views.errorText(outcome.refused)]
      : [
          ...new Set(
            outcome.errors.map((e) => this.views.text(`minutesReviewPortal.error.${e.field}`)),
          ),
        ];
    sendHtml(
      response,
      await this.render(request, me, meetingId, { form, messages }),
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }

  private async render(
    request: Request,
    me: PortalIdentity,
    meetingId: number,
    state: { sent?: boolean; form?: ReviewForm; messages?: string[] },
  ): Promise<string> {
    const round = await this.reviews.forContact(meetingId, me.contact.id);
    return renderPortalPage(
      this.views,
      request,
      me,
      'pages/portal/review',
      { ...portalReviewView(round, state), title: this.views.text('minutesReviewPortal.title') },
      'minutes', // the draft under review belongs with the minutes in the menu
    );
  }
}
