import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { formText, isRefusal, submitForm, type Form } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { AppConfig } from '../../../config/app-config';
import { fieldMessage, problems } from '../../pages/meeting-pages.kit';
import { RuleViolationError } from '../../../common/domain-errors';
import { AnswerInvitationDto } from '../../invitations/answer-invitation.dto';
import { ANSWERS } from '../../meeting-kinds';
import { MeetingSeriesService, timePlusMinutes } from '../meeting-series.service';
import { UpdateSeriesDto } from '../update-series.dto';
import { seriesPageView } from './series.view-model';
import { seeOther } from '../../../common/http-answers';

const EDIT_FIELDS = [
  'title',
  'startTime',
  'endTime',
  'venueName',
  'venueAddress',
  'onlineUrl',
  'description',
] as const;
type EditForm = Record<(typeof EDIT_FIELDS)[number], string>;

/** A series' page (its occurrences), editing the whole series, inviting to it. */
@ApiExcludeController()
@Controller('meetings/series')
export class MeetingSeriesPagesController {
  constructor(
    private readonly series: MeetingSeriesService,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get(':id')
  async page(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query() raw: Form,
  ): Promise<void> {
    const flash = ['created', 'saved', 'invited', 'answered'].find((key) => raw[key] === '1');
    await this.showPage(request, response, id, {
      flash: flash ? this.views.text(`meetingSeries.flash.${flash}`) : undefined,
    });
  }

  @Post(':id/invite')
  async invite(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentUser() user: User,
  ): Promise<void> {
    try {
      await this.series.invite(id, { all: true }, user);
    } catch (error) {
      if (!isRefusal('rule')(error)) throw error;
      const inviteErrors = [this.views.errorText(error)];
      return this.showPage(request, response, id, { inviteErrors }, 422);
    }
    seeOther(response, `/meetings/series/${id}?invited=1`);
  }

  /** A partner's answer for every coming occurrence it is invited to (staff, e.g. by phone). */
  @Post(':id/answer')
  async answer(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Body() body: Form,
  ): Promise<void> {
    const partnerId = Number(formText(body, 'partnerId'));
    const answer = formText(body, 'answer');
    const outcome = await submitForm(AnswerInvitationDto, { answer }, (value) =>
      Number.isInteger(partnerId) && partnerId > 0
        ? this.series.answerForPartner(id, partnerId, { answer: value.answer })
        : Promise.reject(new RuleViolationError('errors.series.partnerNotInvited', 'partnerId')),
    );
    if (!outcome.ok) {
      const answerErrors = problems(this.views, outcome);
      return this.showPage(request, response, id, { answerErrors }, 422);
    }
    seeOther(response, `/meetings/series/${id}?answered=1`);
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { series, occurrences } = await this.series.load(id);
    const template = occurrences.find((m) => !m.occurrenceMoved) ?? occurrences[0];
    const end = timePlusMinutes(series.startTime, series.durationMinutes);
    this.showEdit(request, response, id, {
      title: series.title,
      startTime: series.startTime,
      endTime: end,
      venueName: template?.venueName ?? '',
      venueAddress: template?.venueAddress ?? '',
      onlineUrl: template?.onlineUrl ?? '',
      description: template?.description ?? '',
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
    await this.series.load(id);
    const form = Object.fromEntries(EDIT_FIELDS.map((f) => [f, formText(body, f)])) as EditForm;
    const fields = {
      title: form.title,
      startTime: form.startTime,
      endTime: form.endTime,
      venueName: form.venueName || null,
      venueAddress: form.venueAddress || null,
      onlineUrl: form.onlineUrl || null,
      description: form.description || null,
    };
    const outcome = await submitForm(UpdateSeriesDto, fields, (value) =>
      this.series.update(id, value, user),
    );
    if (!outcome.ok) {
      const fieldErrors: Record<string, string> = {};
      for (const error of outcome.errors) {
        fieldErrors[error.field] ??= outcome.refused
          ? this.views.errorText(outcome.refused)
          : (this.views.textIfPresent(`meetingSeries.error.${error.field}`) ??
            fieldMessage(this.views, error.field));
      }
      return this.showEdit(request, response, id, form, fieldErrors, 422);
    }
    seeOther(response, `/meetings/series/${id}?saved=1`);
  }

  private async showPage(
    request: Request,
    response: Response,
    id: number,
    extra: Form | Record<string, unknown>,
    status = 200,
  ): Promise<void> {
    const { series, occurrences } = await this.series.load(id);
    const model = seriesPageView(
      this.views,
      series,
      occurrences,
      this.config.locale,
      this.clock.now(),
    );
    const partners = await this.series.invitedPartners(occurrences);
    const answers = ANSWERS.map((value) => ({
      value,
      label: this.views.text(`meetings.answer.${value}`),
    }));
    this.views.sendPage(
      request,
      response,
      'pages/meetings/series',
      { ...model, partners, answers, ...extra },
      status,
    );
  }

  private showEdit(
    request: Request,
    response: Response,
    id: number,
    form: EditForm,
    fieldErrors: Record<string, string> = {},
    status = 200,
  ): void {
    const model = {
      title: this.views.text('meetingSeries.edit.title', { title: form.title }),
      seriesId: id,
      form,
      fieldErrors,
      errors: [...new Set(Object.values(fieldErrors))],
      timeZone: this.config.timeZone,
    };
    this.views.sendPage(request, response, 'pages/meetings/series-edit', model, status);
  }
}
