import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { RuleViolationError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { centsAsFormText, parseEuroCents } from '../common/money';
import { flattenValidationErrors, type FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ListPartnersQueryDto } from '../partners/list-partners-query.dto';
import { PartnersService } from '../partners/partners.service';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from './speaker.dto';
import { SpeakersService } from './speakers.service';
import {
  type FormBody,
  invalidFields,
  list,
  optionalId,
  optionalNumber,
  pick,
  text,
  values,
} from './themes-pages.forms';
import { CHOICES, ThemesPagesText } from './themes-pages.text';

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
 * Speakers for staff: the directory with fees and places, and their forms. Finding and booking
 * one for a meeting is SpeakerSearchPagesController's.
 */
@ApiExcludeController()
@Controller()
export class SpeakersPagesController {
  constructor(
    private readonly speakers: SpeakersService,
    private readonly partners: PartnersService,
    private readonly wording: ThemesPagesText,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

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
    const themes = await this.wording.themeChoices(valid ? query.themeId : undefined);
    const links = pageHref('/speakers', valid ? { q: query.q, themeId: query.themeId } : {});
    response
      .status(valid ? 200 : 422)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/themes/speakers', {
          title: this.wording.t('themesPages.speakers.title'),
          errors: errors.map((e) => this.wording.message(e.field)),
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
    const named = (field: string) => this.wording.message(field === 'tags' ? 'speakerTags' : field);
    const messages = [...badFields.map(named), ...errors.map((e) => named(e.field.split('.')[0]))];
    if (rule) messages.push(this.wording.message(rule.field, this.views.errorText(rule)));
    const themes = await this.wording.themeChoices();
    const partners = await this.partners.list(
      plainToInstance(ListPartnersQueryDto, { pageSize: CHOICES }),
    );
    response
      .status(messages.length ? 422 : 200)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/themes/speaker-form', {
          title: this.wording.t(
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
