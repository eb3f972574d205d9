import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { DomainError } from '../../common/domain-errors';
import { IdPipe } from '../../common/id.pipe';
import { flattenValidationErrors, type FieldError } from '../../common/validation';
import { AppConfig } from '../../config/app-config';
import { ListPartnersQueryDto } from '../../partners/list/list-partners-query.dto';
import { PartnersService } from '../../partners/partners.service';
import {
  type Form,
  type FormOutcome,
  pick,
  submitForm,
  validateForm,
} from '../../common/web/forms';
import { pageHref, pager } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { CreateSpeakerDto, ListSpeakersQueryDto, UpdateSpeakerDto } from '../speakers/speaker.dto';
import { SpeakersService } from '../speakers/speakers.service';
import {
  emptySpeakerForm,
  type SpeakerForm,
  speakerDto,
  speakerForm,
  speakerFormOf,
  speakerFormPage,
} from './speakers.view-model';
import { CHOICES, ThemesPagesText } from './themes-pages.text';
import { seeOther, sendHtml } from '../../common/http-answers';

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
    sendHtml(
      response,
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
      valid ? 200 : 422,
    );
  }

  @Get('speakers/new')
  async newForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.showForm(request, response, null, emptySpeakerForm());
  }

  @Post('speakers/new')
  async create(
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const form = speakerForm(body);
    const outcome = await this.submit(form, CreateSpeakerDto, (value) =>
      this.speakers.create(value, request.user as User),
    );
    if (outcome.ok) return seeOther(response, '/speakers?saved=1');
    await this.showForm(request, response, null, form, outcome);
  }

  @Get('speakers/:id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const speaker = await this.speakers.read(id);
    await this.showForm(request, response, id, speakerFormOf(speaker, this.config.locale));
  }

  @Post('speakers/:id/edit')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.speakers.get(id);
    const form = speakerForm(body);
    const outcome = await this.submit(form, UpdateSpeakerDto, (value) =>
      this.speakers.update(id, value, request.user as User),
    );
    if (outcome.ok) return seeOther(response, '/speakers?saved=1');
    await this.showForm(request, response, id, form, outcome);
  }

  /**
   * The shared form skeleton (DTO, action, a broken rule shown beside the form), once the form's
   * amounts and coordinates read as numbers: else the DTO's refusals and the unreadable fields.
   */
  private async submit<T extends object, R>(
    form: SpeakerForm,
    type: new () => T,
    action: (value: T) => Promise<R>,
  ): Promise<FormOutcome<R> & { badFields?: string[] }> {
    const { dto, badFields } = speakerDto(form);
    if (badFields.length) {
      // The DTO's own refusals are shown too, beside the unreadable fields.
      const { errors } = await validateForm(type, dto);
      return { ok: false, errors, badFields };
    }
    return submitForm(type, dto, action);
  }

  private async showForm(
    request: Request,
    response: Response,
    id: number | null,
    form: SpeakerForm,
    outcome: { errors: FieldError[]; refused?: DomainError; badFields?: string[] } = {
      errors: [],
    },
  ): Promise<void> {
    const rule = outcome.refused;
    const errors = rule ? [] : outcome.errors;
    const badFields = outcome.badFields ?? [];
    // A speaker's tags are typed themes: their own wording, not the theme form's tags.
    const named = (field: string) => this.wording.message(field === 'tags' ? 'speakerTags' : field);
    const messages = [...badFields.map(named), ...errors.map((e) => named(e.field.split('.')[0]))];
    if (rule) messages.push(this.wording.message(rule.field, this.views.errorText(rule)));
    const themes = await this.wording.themeChoices();
    const partners = await this.partners.list(
      plainToInstance(ListPartnersQueryDto, { pageSize: CHOICES }),
    );
    sendHtml(
      response,
      this.views.renderPage(
        request,
        'pages/themes/speaker-form',
        speakerFormPage({
          t: (key, params) => this.wording.t(key, params),
          id,
          form,
          messages,
          errors,
          alsoInvalid: [...badFields, ...(rule?.field ? [rule.field] : [])],
          themes,
          partners: partners.items.map(({ partner }) => partner),
        }),
      ),
      messages.length ? 422 : 200,
    );
  }
}
