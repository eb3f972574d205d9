import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { Clock } from '../../common/clock';
import { IdPipe } from '../../common/id.pipe';
import { formText, isRefusal, submitForm, type Form } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { CancelMeetingDto } from '../cancel-meeting.dto';
import { MeetingClosingService } from '../closing/meeting-closing.service';
import { hubView } from './meeting-hub.view-model';
import { problems } from './meeting-pages.kit';
import { MeetingsService } from '../meetings.service';
import { scanView } from '../sign-in/pages/sign-in.view-model';
import { SignInScansService } from '../sign-in/sign-in-scans.service';
import { MeetingSeriesService } from '../series/meeting-series.service';
import { seeOther } from '../../common/http-answers';

/** A meeting's hub (answers, agenda, links) and cancelling it, whose reason is asked there. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingHubPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly closing: MeetingClosingService,
    private readonly scans: SignInScansService,
    private readonly series: MeetingSeriesService,
    private readonly views: ViewService,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async hub(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const flash = ['created', 'saved', 'cancelled', 'closed'].find((key) => raw[key] === '1');
    await this.showHub(request, response, id, {
      flash: flash ? this.views.text(`meetingsPages.flash.${flash}`) : undefined,
    });
  }

  @Post(':id/cancel')
  async cancel(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const reason = formText(body, 'reason');
    const outcome = await submitForm(CancelMeetingDto, { reason }, (value) =>
      this.meetings.cancel(id, value.reason, user),
    );
    if (!outcome.ok) {
      const messages = problems(this.views, outcome);
      return this.showHub(request, response, id, { cancelErrors: messages, reason }, 422);
    }
    seeOther(response, `/meetings/${id}?cancelled=1`);
  }

  /** The last step of "Clôturer la réunion"; a refusal is shown in French on the hub. */
  @Post(':id/close')
  async close(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    try {
      await this.closing.close(id, user);
    } catch (error) {
      if (!isRefusal('rule', 'conflict')(error)) throw error;
      const closeErrors = [this.views.errorText(error)];
      const status = error.kind === 'conflict' ? 409 : 422;
      return this.showHub(request, response, id, { closeErrors }, status);
    }
    seeOther(response, `/meetings/${id}?closed=1#closing`);
  }

  private async showHub(
    request: Request,
    response: Response,
    id: number,
    extra: Form,
    status = 200,
  ): Promise<void> {
    const { detail, seriesId } = await this.meetings.detailAndSeries(id);
    const closing = await this.closing.progress(id);
    const scans = (await this.scans.listOfKnownMeeting(id)).map((scan) =>
      scanView(this.views, scan, id),
    );
    // An occurrence of a series: "Réunion 2 sur 5 de la série « … »" (one more statement).
    const series = seriesId === null ? null : await this.series.placeOfMeeting(id);
    const model = {
      ...hubView(this.views, detail, closing, this.clock.now()),
      scans,
      series,
      ...extra,
    };
    this.views.sendPage(request, response, 'pages/meetings/show', model, status);
  }
}
