import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { AppConfig } from '../../config/app-config';
import { submitForm, type Form } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { CreateMeetingDto } from '../create-meeting.dto';
import {
  meetingFields,
  meetingFormOf,
  meetingFormView,
  newMeetingForm,
  postedMeetingForm,
  type MeetingFormState,
} from './meeting-form.view-model';
import { MeetingsService } from '../meetings.service';
import { UpdateMeetingDto } from '../update-meeting.dto';
import { CreateSeriesDto } from '../series/create-series.dto';
import { MeetingSeriesService } from '../series/meeting-series.service';
import {
  blankRepeat,
  postedRepeat,
  repeatField,
  seriesFields,
  seriesFormRefusal,
} from '../series/pages/series-form';
import { seeOther } from '../../common/http-answers';

/** Scheduling a meeting and editing it: local dates and times in the form, instants in the API. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingFormPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly series: MeetingSeriesService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('new')
  newForm(@Req() request: Request, @Res() response: Response): void {
    this.showMeetingForm(request, response, { form: newMeetingForm(), repeat: blankRepeat() });
  }

  @Post()
  async create(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const form = postedMeetingForm(body);
    const repeat = postedRepeat(body);
    if (repeat.repeat !== 'none') {
      // A repeating meeting: the series and its occurrences (docs/meeting-series.md).
      const refused = seriesFormRefusal(form);
      const outcome = refused
        ? { ok: false as const, errors: [{ field: 'endsAt', problems: [refused.text] }], refused }
        : await submitForm(CreateSeriesDto, seriesFields(form, repeat), (value) =>
            this.series.create(value, user),
          );
      if (!outcome.ok) {
        const errors = outcome.errors.map((e) => ({ ...e, field: repeatField(e.field) }));
        const state = { form, repeat, errors, refused: outcome.refused };
        return this.showMeetingForm(request, response, state, 422);
      }
      return seeOther(response, `/meetings/series/${outcome.result.id}?created=1`);
    }
    const fields = meetingFields(form, this.config.timeZone);
    const outcome = await submitForm(CreateMeetingDto, fields, (value) =>
      this.meetings.create(value, user),
    );
    if (!outcome.ok) {
      return this.showMeetingForm(request, response, { form, repeat, ...outcome }, 422);
    }
    seeOther(response, `/meetings/${outcome.result.id}?created=1`);
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    this.showMeetingForm(request, response, {
      form: meetingFormOf(meeting, this.config.timeZone),
      meetingId: id,
      cancelled: meeting.status === 'cancelled',
    });
  }

  @Post(':id/edit')
  async edit(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.meetings.findMeeting(id);
    const form = postedMeetingForm(body);
    const fields = meetingFields(form, this.config.timeZone);
    const outcome = await submitForm(UpdateMeetingDto, fields, (value) =>
      this.meetings.update(id, value, user),
    );
    if (!outcome.ok) {
      return this.showMeetingForm(request, response, { form, ...outcome, meetingId: id }, 422);
    }
    seeOther(response, `/meetings/${id}?saved=1`);
  }

  private showMeetingForm(
    request: Request,
    response: Response,
    state: MeetingFormState,
    status = 200,
  ): void {
    const model = meetingFormView(this.views, state, this.config.timeZone);
    this.views.sendPage(request, response, 'pages/meetings/form', model, status);
  }
}
