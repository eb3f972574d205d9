import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { ConflictError, RuleViolationError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { centsAsFormText, parseEuroCents } from '../common/money';
import { flattenValidationErrors, type FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { MeetingsService } from '../meetings/meetings.service';
import { ListPartnersQueryDto } from '../partners/list-partners-query.dto';
import { PartnersService } from '../partners/partners.service';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from './speaker.dto';
import type { SpeakerForMeeting } from './speaker.mapper';
import { SpeakerBookingService } from './speaker-booking.service';
import { SpeakersService } from './speakers.service';
import { ScheduleThemeDto } from './theme-schedule.dto';
import { ThemeScheduleService } from './theme-schedule.service';
import { ListThemesQueryDto } from './theme.dto';
import {
  type FormBody,
  invalidFields,
  list,
  optionalId,
  optionalNumber,
  text,
  values,
} from './themes-pages.forms';
import { ThemesService } from './themes.service';

/** Themes and partners offered in the selects of the forms and filters. */
const CHOICES = 100;

const SPEAKER_FIELDS = [
  'name',
  'organisationPartnerId',
  'organisationName',
  'tags',
  'email',
  'phone',
  'website',
  'fee',
  'address',
  'latitude',
  'longitude',
  'travelCentsPerKm',
  'notes',
] as const;
type SpeakerForm = Record<(typeof SPEAKER_FIELDS)[number], string> & { themeIds: string[] };

/**
 * Speakers for staff: the directory with fees and places, their forms, and the search for one
 * meeting (theme, largest fee, largest distance to the venue), sorted as the speakers service
 * sorts. Booking a speaker puts them on the agenda (SpeakerBookingService: a new item they
 * present), or on a chosen item through the theme schedule (a theme on one agenda item).
 */
@ApiExcludeController()
@Controller()
export class SpeakersPagesController {
  constructor(
    private readonly speakers: SpeakersService,
    private readonly themes: ThemesService,
    private readonly schedule: ThemeScheduleService,
    private readonly booking: SpeakerBookingService,
    private readonly partners: PartnersService,
    private readonly meetings: MeetingsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  private t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.translator.translate(this.config.locale, key, params);
  }

  private message(field: string | undefined, fallback?: string): string {
    const key = `themesPages.error.${field ?? 'other'}`;
    if (this.views.translator.has(this.config.locale, key)) return this.t(key);
    return fallback ?? this.t('themesPages.error.other');
  }

  private km(distance: number | null): string {
    if (distance === null) return this.t('themesPages.search.unknownDistance');
    const km = new Intl.NumberFormat(this.config.locale === 'fr' ? 'fr-BE' : 'en-GB', {
      maximumFractionDigits: 1,
    }).format(distance);
    return this.t('themesPages.search.km', { km });
  }

  /** The directory: four queries (a page of speakers, their themes, the theme filter). */
  @Get('speakers')
  async list(
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = plainToInstance(ListSpeakersQueryDto, pick(raw, ['q', 'themeId', 'page']));
    const errors = flattenValidationErrors(await validate(query, { whitelist: true }));
    const valid = errors.length === 0;
    const page = await this.speakers.list(
      valid ? query : plainToInstance(ListSpeakersQueryDto, {}),
    );
    const themes = await this.themeChoices(valid ? query.themeId : undefined);
    const links = pageHref('/speakers', valid ? { q: query.q, themeId: query.themeId } : {});
    response
      .status(valid ? 200 : 422)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/themes/speakers', {
          title: this.t('themesPages.speakers.title'),
          errors: errors.map((e) => this.message(e.field)),
          q: valid ? (query.q ?? '') : '',
          themes,
          items: page.items,
          total: page.total,
          pager: pager(page.page, page.pageSize, page.total, links),
          saved: raw.saved === '1',
        }),
      );
  }

  @Get('speakers/new')
  async newForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.showForm(request, response, null, emptyForm());
  }

  @Post('speakers/new')
  async create(
    @Body() body: FormBody,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const form = speakerForm(body);
    const { dto, badFields } = speakerDto(form);
    const { value, errors } = await validateForm(CreateSpeakerDto, dto);
    if (errors.length || badFields.length)
      return this.showForm(request, response, null, form, errors, badFields);
    try {
      await this.speakers.create(value, request.user as User);
      response.redirect(303, '/speakers?saved=1');
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      await this.showForm(request, response, null, form, [], [], error);
    }
  }

  @Get('speakers/:id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const speaker = await this.speakers.read(id);
    await this.showForm(request, response, id, {
      name: speaker.name,
      organisationPartnerId: speaker.organisation?.partnerId
        ? String(speaker.organisation.partnerId)
        : '',
      organisationName:
        speaker.organisation && !speaker.organisation.partnerId ? speaker.organisation.name : '',
      // Tags are themes, ticked above; this field only types new ones.
      tags: '',
      email: speaker.email ?? '',
      phone: speaker.phone ?? '',
      website: speaker.website ?? '',
      fee: centsAsFormText(speaker.feeCents, this.config.locale),
      address: speaker.address ?? '',
      latitude: speaker.latitude === null ? '' : String(speaker.latitude),
      longitude: speaker.longitude === null ? '' : String(speaker.longitude),
      // Typed in euros per km ("0,42"), stored in cents.
      travelCentsPerKm:
        speaker.travelCentsPerKm === null
          ? ''
          : centsAsFormText(speaker.travelCentsPerKm, this.config.locale),
      notes: speaker.notes ?? '',
      themeIds: speaker.themes.map((theme) => String(theme.id)),
    });
  }

  @Post('speakers/:id/edit')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() body: FormBody,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.speakers.get(id);
    const form = speakerForm(body);
    const { dto, badFields } = speakerDto(form);
    const { value, errors } = await validateForm(UpdateSpeakerDto, dto);
    if (errors.length || badFields.length)
      return this.showForm(request, response, id, form, errors, badFields);
    try {
      await this.speakers.update(id, value, request.user as User);
      response.redirect(303, '/speakers?saved=1');
    } catch (error) {
      if (!(error instanceof RuleViolationError)) throw error;
      await this.showForm(request, response, id, form, [], [], error);
    }
  }

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
    @Body() body: FormBody,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const agenda = await this.meetings.agendaOf((await this.meetings.findMeeting(id)).id);
    const themeId = optionalId(text(body, 'themeId'));
    const itemId = optionalId(text(body, 'agendaItemId'));
    const back = searchParams(body);
    const { value, errors } = await validateForm(ScheduleThemeDto, {
      agendaItemId: itemId ?? 1,
      speakerId: Number(text(body, 'speakerId')),
    });
    let problem: string | null = null;
    if (errors.length || (themeId !== null && !(Number.isInteger(themeId) && themeId > 0)))
      problem = this.message(errors[0]?.field ?? 'themeId');
    else if (itemId !== null && !agenda.some((item) => item.id === value.agendaItemId))
      problem = this.message('agendaItemId');
    else if (itemId !== null && themeId === null) problem = this.message('themeId');
    if (!problem) {
      try {
        const user = request.user as User;
        if (itemId === null) await this.booking.book(id, value.speakerId!, themeId, user);
        else await this.schedule.schedule(themeId!, value, user);
        return response.redirect(
          303,
          `/meetings/${id}/speakers?${new URLSearchParams({ ...back, booked: String(value.speakerId) }).toString()}`,
        );
      } catch (error) {
        if (!(error instanceof RuleViolationError || error instanceof ConflictError)) throw error;
        problem = error.text
          ? this.views.errorText(error)
          : this.message(`book.${error.field ?? 'other'}`, this.views.errorText(error));
      }
    }
    await this.showSearch(request, response, id, back, [problem]);
  }

  /** Cancels a speaker's booking: their agenda item goes, or a French reason why it cannot. */
  @Post('meetings/:id/speakers/:speakerId/unbook')
  async unbook(
    @Param('id', IdPipe) id: number,
    @Param('speakerId', IdPipe) speakerId: number,
    @Body() body: FormBody,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const back = searchParams(body);
    try {
      await this.booking.cancel(id, speakerId, request.user as User);
    } catch (error) {
      if (!(error instanceof RuleViolationError || error instanceof ConflictError)) throw error;
      return this.showSearch(request, response, id, back, [this.views.errorText(error)]);
    }
    const query = new URLSearchParams({ ...back, unbooked: String(speakerId) }).toString();
    response.redirect(303, `/meetings/${id}/speakers?${query}`);
  }

  private async showSearch(
    request: Request,
    response: Response,
    id: number,
    raw: Record<string, unknown>,
    problems: string[] = [],
  ): Promise<void> {
    const detail = await this.meetings.detail(id);
    const { meeting, agenda } = detail;
    const maxFeeText = typeof raw.maxFee === 'string' ? raw.maxFee : '';
    const maxFee = parseEuroCents(maxFeeText);
    const filters = pick(raw, ['themeId', 'maxDistanceKm', 'sort', 'page']);
    const query = plainToInstance(ListSpeakersQueryDto, {
      ...filters,
      maxDistanceKm:
        typeof filters.maxDistanceKm === 'string'
          ? optionalNumber(filters.maxDistanceKm)
          : undefined,
      ...(maxFee === null ? {} : { maxFee }),
      meetingId: id,
    });
    if (query.maxDistanceKm === null) delete query.maxDistanceKm;
    const fieldErrors = flattenValidationErrors(await validate(query, { whitelist: true }));
    const errors = [...problems, ...fieldErrors.map((e) => this.message(e.field))];
    const invalid = invalidFields(fieldErrors);
    if (Number.isNaN(maxFee)) {
      errors.push(this.message('maxFee'));
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
        if (!(error instanceof RuleViolationError)) throw error;
        errors.push(this.message(`search.${error.field ?? 'other'}`, this.views.errorText(error)));
        if (error.field) invalid[error.field] = true;
      }
    }
    const themeId = fieldErrors.length ? undefined : query.themeId;
    const themes = await this.themeChoices(themeId);
    const chosenTheme = themes.find((theme) => theme.selected) ?? null;
    const booked = typeof raw.booked === 'string' ? Number(raw.booked) : null;
    const sort = typeof raw.sort === 'string' ? raw.sort : 'cost';
    response
      .status(errors.length ? 422 : 200)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/themes/meeting-speakers', {
          title: this.t('themesPages.search.title', { meeting: meeting.title }),
          meeting: {
            ...meeting,
            located: meeting.latitude !== null && meeting.longitude !== null,
          },
          errors,
          invalid,
          themes,
          chosenTheme,
          maxFee: maxFeeText,
          maxDistanceKm: typeof raw.maxDistanceKm === 'string' ? raw.maxDistanceKm : '',
          sorts: ['cost', 'distance', 'name'].map((value) => ({
            value,
            label: this.t(`themesPages.search.sort.${value}`),
            selected: value === sort,
          })),
          agenda: agenda.map((item) => ({ id: item.id, title: item.title })),
          canBook: meeting.status !== 'cancelled',
          total,
          items: items.map((speaker) => ({
            ...speaker,
            distanceLabel: this.km(speaker.distanceKm),
            distanceUnknown: speaker.distanceKm === null,
            justBooked: booked === speaker.id,
            bookedOn: agenda.find((item) => item.speakerId === speaker.id)?.title ?? null,
          })),
          unbooked: typeof raw.unbooked === 'string',
          bookedName: items.find((speaker) => speaker.id === booked)?.name ?? null,
          booked: booked !== null && Number.isInteger(booked),
          hidden: { themeId: chosenTheme?.id ?? '', sort },
        }),
      );
  }

  private async themeChoices(selected?: number) {
    const page = await this.themes.list(plainToInstance(ListThemesQueryDto, { pageSize: CHOICES }));
    return page.items.map((theme) => ({
      id: theme.id,
      title: theme.title,
      selected: theme.id === selected,
    }));
  }

  private async showForm(
    request: Request,
    response: Response,
    id: number | null,
    form: SpeakerForm,
    errors: FieldError[] = [],
    badFields: string[] = [],
    rule?: RuleViolationError,
  ): Promise<void> {
    // A speaker's tags are typed themes: their own wording, not the theme form's tags.
    const named = (field: string) => this.message(field === 'tags' ? 'speakerTags' : field);
    const messages = [...badFields.map(named), ...errors.map((e) => named(e.field.split('.')[0]))];
    if (rule) messages.push(this.message(rule.field, this.views.errorText(rule)));
    const themes = await this.themeChoices();
    const partners = await this.partners.list(
      plainToInstance(ListPartnersQueryDto, { pageSize: CHOICES }),
    );
    response
      .status(messages.length ? 422 : 200)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/themes/speaker-form', {
          title: this.t(
            id ? 'themesPages.speakerForm.editTitle' : 'themesPages.speakerForm.newTitle',
          ),
          action: id ? `/speakers/${id}/edit` : '/speakers/new',
          form,
          errors: messages,
          invalid: invalidFields(errors, [...badFields, ...(rule?.field ? [rule.field] : [])]),
          themes: themes.map((theme) => ({
            ...theme,
            checked: form.themeIds.includes(String(theme.id)),
          })),
          partners: partners.items.map(({ partner }) => ({
            id: partner.id,
            name: partner.name,
            selected: String(partner.id) === form.organisationPartnerId,
          })),
        }),
      );
  }
}

function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (typeof raw[key] === 'string' && raw[key] !== '') out[key] = raw[key];
  return out;
}

/**
 * The search filters a booking form carries, to come back to the same results. They go back
 * into the redirect's address: a value no filter could hold (longer than 40) is dropped.
 */
function searchParams(body: FormBody): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['themeId', 'maxFee', 'maxDistanceKm', 'sort']) {
    const value = text(body, key);
    if (value && value.length <= 40) out[key] = value;
  }
  return out;
}

function emptyForm(): SpeakerForm {
  const form = { themeIds: [] } as unknown as SpeakerForm;
  for (const field of SPEAKER_FIELDS) form[field] = '';
  return form;
}

function speakerForm(body: FormBody): SpeakerForm {
  const form = emptyForm();
  for (const field of SPEAKER_FIELDS) form[field] = text(body, field);
  form.themeIds = values(body, 'themeIds');
  return form;
}

/** The typed form as the API's DTO, and the fields that could not even be read (fee, numbers). */
function speakerDto(form: SpeakerForm): { dto: Record<string, unknown>; badFields: string[] } {
  const badFields: string[] = [];
  const fee = parseEuroCents(form.fee);
  if (Number.isNaN(fee)) badFields.push('fee');
  const travel = parseEuroCents(form.travelCentsPerKm);
  if (Number.isNaN(travel)) badFields.push('travelCentsPerKm');
  const number = (field: 'latitude' | 'longitude') => {
    const value = optionalNumber(form[field]);
    if (Number.isNaN(value)) badFields.push(field);
    return Number.isNaN(value) ? null : value;
  };
  const orNull = (value: string) => value.trim() || null;
  return {
    dto: {
      name: form.name.trim(),
      organisationPartnerId: optionalId(form.organisationPartnerId),
      organisationName: orNull(form.organisationName),
      themeIds: form.themeIds.map(Number),
      tags: list(form.tags),
      email: orNull(form.email),
      phone: orNull(form.phone),
      website: orNull(form.website),
      feeCents: Number.isNaN(fee) ? undefined : (fee ?? 0),
      address: orNull(form.address),
      latitude: number('latitude'),
      longitude: number('longitude'),
      travelCentsPerKm: Number.isNaN(travel) ? null : travel,
      notes: orNull(form.notes),
    },
    badFields,
  };
}
