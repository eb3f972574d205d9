import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { parseEuroCents } from '../../common/money';
import { flattenValidationErrors } from '../../common/validation';
import { AppConfig } from '../../config/app-config';
import { MeetingsService } from '../../meetings/meetings.service';
import {
  type Form,
  invalidFields,
  isRefusal,
  optionalId,
  formText,
  validateForm,
} from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import type { SpeakerForMeeting } from '../speakers/speaker.mapper';
import { SpeakerBookingService } from '../schedule/speaker-booking.service';
import { SpeakersService } from '../speakers/speakers.service';
import { ScheduleThemeDto } from '../schedule/theme-schedule.dto';
import { ThemeScheduleService } from '../schedule/theme-schedule.service';
import { meetingSpeakersPage, searchParams, speakerSearchQuery } from './speaker-search.view-model';
import { ThemesPagesText } from './themes-pages.text';
import { seeOther, sendHtml } from '../../common/http-answers';

/**
 * Finding a speaker for one meeting (theme, largest fee, largest distance to the venue), sorted
 * as the speakers service sorts. Booking a speaker puts them on the agenda (SpeakerBookingService:
 * a new item they present), or on a chosen item through the theme schedule (a theme on one
 * agenda item); un-booking takes them off.
 */
@ApiExcludeController()
@Controller()
export class SpeakerSearchPagesController {
  constructor(
    private readonly speakers: SpeakersService,
    private readonly schedule: ThemeScheduleService,
    private readonly booking: SpeakerBookingService,
    private readonly meetings: MeetingsService,
    private readonly wording: ThemesPagesText,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** Finding a speaker for a meeting: constant queries whatever the number of speakers. */
  @Get('meetings/:id/speakers')
  async search(
    @Param('id', IdPipe) id: number,
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showSearch(request, response, id, raw);
  }

  /**
   * Books the chosen speaker: on a new agenda item they present (with the chosen theme, if any),
   * or on the chosen existing item, presenting the chosen theme.
   */
  @Post('meetings/:id/speakers/book')
  async book(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const agenda = await this.meetings.agendaOf((await this.meetings.findMeeting(id)).id);
    const themeId = optionalId(formText(body, 'themeId'));
    const itemId = optionalId(formText(body, 'agendaItemId'));
    const back = searchParams(body);
    const { value, errors } = await validateForm(ScheduleThemeDto, {
      agendaItemId: itemId ?? 1,
      speakerId: Number(formText(body, 'speakerId')),
    });
    let problem: string | null = null;
    if (errors.length || (themeId !== null && !(Number.isInteger(themeId) && themeId > 0)))
      problem = this.wording.message(errors[0]?.field ?? 'themeId');
    else if (itemId !== null && !agenda.some((item) => item.id === value.agendaItemId))
      problem = this.wording.message('agendaItemId');
    else if (itemId !== null && themeId === null) problem = this.wording.message('themeId');
    if (!problem) {
      try {
        const user = request.user as User;
        if (itemId === null) await this.booking.book(id, value.speakerId!, themeId, user);
        else await this.schedule.schedule(themeId!, value, user);
        return seeOther(
          response,
          `/meetings/${id}/speakers?${new URLSearchParams({ ...back, booked: String(value.speakerId) }).toString()}`,
        );
      } catch (error) {
        if (!isRefusal('rule', 'conflict')(error)) throw error;
        problem = error.text
          ? this.views.errorText(error)
          : this.wording.message(`book.${error.field ?? 'other'}`, this.views.errorText(error));
      }
    }
    await this.showSearch(request, response, id, back, [problem]);
  }

  /** Cancels a speaker's booking: their agenda item goes, or a French reason why it cannot. */
  @Post('meetings/:id/speakers/:speakerId/unbook')
  async unbook(
    @Param('id', IdPipe) id: number,
    @Param('speakerId', IdPipe) speakerId: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const back = searchParams(body);
    try {
      await this.booking.cancel(id, speakerId, request.user as User);
    } catch (error) {
      if (!isRefusal('rule', 'conflict')(error)) throw error;
      return this.showSearch(request, response, id, back, [this.views.errorText(error)]);
    }
    const query = new URLSearchParams({ ...back, unbooked: String(speakerId) }).toString();
    seeOther(response, `/meetings/${id}/speakers?${query}`);
  }

  private async showSearch(
    request: Request,
    response: Response,
    id: number,
    raw: Record<string, unknown>,
    problems: string[] = [],
  ): Promise<void> {
    const detail = await this.meetings.detail(id);
    const maxFeeText = typeof raw.maxFee === 'string' ? raw.maxFee : '';
    const maxFee = parseEuroCents(maxFeeText);
    const query = speakerSearchQuery(raw, id, maxFee);
    const fieldErrors = flattenValidationErrors(await validate(query, { whitelist: true }));
    const errors = [...problems, ...fieldErrors.map((e) => this.wording.message(e.field))];
    const invalid = invalidFields(fieldErrors);
    if (Number.isNaN(maxFee)) {
      errors.push(this.wording.message('maxFee'));
      invalid.maxFee = true;
    }
    let items: SpeakerForMeeting[] = [];
    let total = 0;
    if (!fieldErrors.length && !Number.isNaN(maxFee)) {
      try {
        const page = await this.speakers.list(query);
        items = page.items as SpeakerForMeeting[];
        total = page.total;
      } catch (error) {
        if (!isRefusal('rule')(error)) throw error;
        errors.push(
          this.wording.message(`search.${error.field ?? 'other'}`, this.views.errorText(error)),
        );
        if (error.field) invalid[error.field] = true;
      }
    }
    const themeId = fieldErrors.length ? undefined : query.themeId;
    const themes = await this.wording.themeChoices(themeId);
    sendHtml(
      response,
      this.views.renderPage(
        request,
        'pages/themes/meeting-speakers',
        meetingSpeakersPage({
          t: (key, params) => this.wording.t(key, params),
          locale: this.config.locale,
          detail,
          raw,
          errors,
          invalid,
          themes,
          maxFeeText,
          items,
          total,
        }),
      ),
      errors.length ? 422 : 200,
    );
  }
}
