import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { instantToLocal, localToInstant } from '../common/calendar-days';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { type DomainError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { type FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { submitForm } from '../web/forms';
import { ViewService } from '../web/view.service';
import { CreateMeetingDto } from './create-meeting.dto';
import { MEETING_KINDS } from './meeting-kinds';
import { fieldMessage, formNumber, text, type Form } from './meeting-pages.kit';
import { MeetingsService } from './meetings.service';
import { UpdateMeetingDto } from './update-meeting.dto';

/** The text fields of the meeting form, as typed. */
const MEETING_FIELDS = [
  'title',
  'kind',
  'description',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'venueName',
  'venueAddress',
  'latitude',
  'longitude',
  'onlineUrl',
] as const;
type MeetingForm = Record<(typeof MEETING_FIELDS)[number], string>;

/** Scheduling a meeting and editing it: local dates and times in the form, instants in the API. */
@ApiExcludeController()
@Controller('meetings')
export class MeetingFormPagesController {
  constructor(
    private readonly meetings: MeetingsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('new')
  newForm(@Req() request: Request, @Res() response: Response): void {
    const form = Object.fromEntries(MEETING_FIELDS.map((f) => [f, ''])) as MeetingForm;
    form.kind = 'network-meeting';
    this.showMeetingForm(request, response, { form });
  }

  @Post()
  async create(
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const form = this.meetingForm(body);
    const outcome = await submitForm(CreateMeetingDto, this.meetingFields(form), (value) =>
      this.meetings.create(value, user),
    );
    if (!outcome.ok) return this.showMeetingForm(request, response, { form, ...outcome }, 422);
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${outcome.result.id}?created=1`);
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const meeting = await this.meetings.findMeeting(id);
    const tz = this.config.timeZone;
    const start = instantToLocal(meeting.startsAt, tz);
    const end = instantToLocal(meeting.endsAt, tz);
    const form: MeetingForm = {
      title: meeting.title,
      kind: meeting.kind,
      description: meeting.description ?? '',
      startDate: start.day,
      startTime: start.time,
      endDate: end.day === start.day ? '' : end.day,
      endTime: end.time,
      venueName: meeting.venueName ?? '',
      venueAddress: meeting.venueAddress ?? '',
      latitude: meeting.latitude === null ? '' : String(meeting.latitude),
      longitude: meeting.longitude === null ? '' : String(meeting.longitude),
      onlineUrl: meeting.onlineUrl ?? '',
    };
    this.showMeetingForm(request, response, {
      form,
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
    const form = this.meetingForm(body);
    const outcome = await submitForm(UpdateMeetingDto, this.meetingFields(form), (value) =>
      this.meetings.update(id, value, user),
    );
    if (!outcome.ok) {
      return this.showMeetingForm(request, response, { form, ...outcome, meetingId: id }, 422);
    }
    response.redirect(HttpStatus.SEE_OTHER, `/meetings/${id}?saved=1`);
  }

  private showMeetingForm(
    request: Request,
    response: Response,
    state: {
      form: MeetingForm;
      errors?: FieldError[];
      refused?: DomainError;
      meetingId?: number;
      cancelled?: boolean;
    },
    status = 200,
  ): void {
    const errors = state.errors ?? [];
    const fieldErrors: Record<string, string> = {};
    for (const error of errors) {
      const field =
        error.field === 'startsAt'
          ? 'startDate'
          : error.field === 'endsAt'
            ? 'endTime'
            : error.field;
      fieldErrors[field] ??= state.refused
        ? this.views.errorText(state.refused)
        : fieldMessage(this.views, error.field);
    }
    const editing = state.meetingId !== undefined;
    this.views.sendPage(
      request,
      response,
      'pages/meetings/form',
      {
        title: editing
          ? this.views.text('meetingsPages.form.editTitle', { title: state.form.title })
          : this.views.text('meetingsPages.form.newTitle'),
        heading: editing
          ? this.views.text('meetingsPages.form.editHeading')
          : this.views.text('meetingsPages.form.newTitle'),
        action: editing ? `/meetings/${state.meetingId}/edit` : '/meetings',
        back: editing ? `/meetings/${state.meetingId}` : '/meetings',
        cancelled: state.cancelled,
        form: state.form,
        kinds: MEETING_KINDS.map((value) => ({
          value,
          label: this.views.text(`meetings.kind.${value}`),
          selected: value === state.form.kind,
        })),
        errors: [...new Set(Object.values(fieldErrors))],
        fieldErrors,
        timeZone: this.config.timeZone,
      },
      status,
    );
  }

  // ---- forms ------------------------------------------------------------------------------

  private meetingForm(body: Form): MeetingForm {
    return Object.fromEntries(MEETING_FIELDS.map((f) => [f, text(body[f])])) as MeetingForm;
  }

  /** The form's local dates and times → the instants and types of the API's DTO. */
  private meetingFields(form: MeetingForm): Form {
    const tz = this.config.timeZone;
    const startsAt = localToInstant(form.startDate, form.startTime, tz);
    const endsAt = localToInstant(form.endDate || form.startDate, form.endTime, tz);
    return {
      title: form.title,
      kind: form.kind,
      description: form.description || null,
      startsAt: startsAt ? startsAt.toISOString() : 'invalid',
      endsAt: endsAt ? endsAt.toISOString() : 'invalid',
      venueName: form.venueName || null,
      venueAddress: form.venueAddress || null,
      latitude: formNumber(form.latitude, true),
      longitude: formNumber(form.longitude, true),
      onlineUrl: form.onlineUrl || null,
    };
  }
}
