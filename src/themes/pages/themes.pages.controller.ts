import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { type DomainError, RuleViolationError } from '../../common/domain-errors';
import { flattenValidationErrors, type FieldError } from '../../common/validation';
import { ListMeetingsQueryDto } from '../../meetings/list-meetings-query.dto';
import { MeetingsService } from '../../meetings/meetings.service';
import { ListPartnersQueryDto } from '../../partners/list/list-partners-query.dto';
import { PartnersService } from '../../partners/partners.service';
import {
  type Form,
  isRefusal,
  pick,
  submitForm,
  formText,
  validateForm,
} from '../../common/web/forms';
import { pageHref, pager } from '../../common/web/pager';
import { ViewService } from '../../common/web/view.service';
import { ThemeDetailsService } from '../catalogue/theme-details.service';
import { AgendaItemRefDto } from '../schedule/theme-schedule.dto';
import { ThemeScheduleService } from '../schedule/theme-schedule.service';
import {
  CreateThemeDto,
  ListThemesQueryDto,
  ThemeInterestDto,
  UpdateThemeDto,
} from '../catalogue/theme.dto';
import { CHOICES, ThemesPagesText } from './themes-pages.text';
import { ThemesService } from '../catalogue/themes.service';
import {
  backlogPage,
  EMPTY_THEME_FORM,
  type ThemeForm,
  themeDetailPage,
  themeDto,
  themeForm,
  themeFormOf,
  themeFormPage,
} from './themes.view-model';
import { seeOther, sendHtml } from '../../common/http-answers';

/** How many themes the "most requested" and "stale" boxes of the backlog show. */
const SIDE_LIST_SIZE = 5;

/**
 * The themes backlog for staff: what partners asked to hear about, how many asked, what is
 * scheduled or presented, what was not presented for a year. Rules stay in the themes services.
 */
@ApiExcludeController()
@Controller('themes')
export class ThemesPagesController {
  constructor(
    private readonly themes: ThemesService,
    private readonly details: ThemeDetailsService,
    private readonly schedule: ThemeScheduleService,
    private readonly partners: PartnersService,
    private readonly meetings: MeetingsService,
    private readonly wording: ThemesPagesText,
    private readonly views: ViewService,
  ) {}

  private readonly t = (key: string, params?: Record<string, string | number>) =>
    this.wording.t(key, params);

  /** The backlog: six queries (three pages of themes) whatever the number of themes. */
  @Get()
  async backlog(
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = plainToInstance(ListThemesQueryDto, {
      ...pick(raw, ['status', 'q', 'tag', 'page']),
    });
    const errors = flattenValidationErrors(await validate(query, { whitelist: true }));
    const valid = errors.length === 0;
    const page = valid
      ? await this.themes.list(query)
      : await this.themes.list(plainToInstance(ListThemesQueryDto, {}));
    const side = (view: 'most-requested' | 'stale') =>
      this.themes.list(plainToInstance(ListThemesQueryDto, { view, pageSize: SIDE_LIST_SIZE }));
    const mostRequested = await side('most-requested');
    const stale = await side('stale');
    const links = pageHref(
      '/themes',
      valid ? { status: query.status, q: query.q, tag: query.tag } : {},
    );
    sendHtml(
      response,
      this.views.renderPage(
        request,
        'pages/themes/index',
        backlogPage({
          t: this.t,
          errors: errors.map((e) => this.wording.message(e.field)),
          valid,
          query,
          page,
          mostRequested: mostRequested.items,
          stale: stale.items,
          pager: pager(page.page, page.pageSize, page.total, links),
          created: raw.created === '1',
        }),
      ),
      valid ? 200 : 422,
    );
  }

  @Get('new')
  async newForm(@Req() request: Request, @Res() response: Response): Promise<void> {
    await this.showForm(request, response, null, { ...EMPTY_THEME_FORM });
  }

  @Post('new')
  async create(
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const form = themeForm(body);
    const outcome = await submitForm(CreateThemeDto, themeDto(form), (value) =>
      this.themes.create(value, request.user as User),
    );
    if (outcome.ok) return seeOther(response, `/themes/${outcome.result.id}?saved=1`);
    await this.showForm(request, response, null, form, outcome);
  }

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showDetail(request, response, id, { saved: saved === '1' });
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showForm(request, response, id, themeFormOf(await this.themes.get(id)));
  }

  @Post(':id/edit')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.themes.get(id);
    const form = themeForm(body);
    const outcome = await submitForm(UpdateThemeDto, themeDto(form), (value) =>
      this.themes.update(id, value, request.user as User),
    );
    if (outcome.ok) return seeOther(response, `/themes/${id}?saved=1`);
    await this.showForm(request, response, id, form, outcome);
  }

  @Post(':id/interest')
  async addInterest(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(ThemeInterestDto, {
      partnerId: formText(body, 'partnerId'),
    });
    if (errors.length) {
      await this.themes.get(id);
      return this.showDetail(
        request,
        response,
        id,
        { errors: [this.wording.message('partnerId')] },
        422,
      );
    }
    try {
      await this.themes.addInterest(id, value, request.user as User);
    } catch (error) {
      if (!isRefusal('rule')(error)) throw error;
      const message = this.wording.message(error.field, this.views.errorText(error));
      return this.showDetail(request, response, id, { errors: [message] }, 422);
    }
    seeOther(response, `/themes/${id}?saved=1#interest`);
  }

  @Post(':id/interest/remove')
  async removeInterest(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(ThemeInterestDto, {
      partnerId: formText(body, 'partnerId'),
    });
    if (errors.length) throw new RuleViolationError('errors.theme.notAPartner', 'partnerId');
    await this.themes.removeInterest(id, value, request.user as User);
    seeOther(response, `/themes/${id}?saved=1#interest`);
  }

  @Post(':id/archive')
  async archive(
    @Param('id', IdPipe) id: number,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.themes.archive(id, request.user as User);
    seeOther(response, `/themes/${id}?saved=1`);
  }

  @Post(':id/restore')
  async restore(
    @Param('id', IdPipe) id: number,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.themes.restore(id, request.user as User);
    seeOther(response, `/themes/${id}?saved=1`);
  }

  /** "Schedule on a meeting": the meeting's speaker search, with this theme chosen. */
  @Get(':id/plan')
  async plan(
    @Param('id', IdPipe) id: number,
    @Query('meetingId') meetingId: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.themes.get(id);
    const meeting = typeof meetingId === 'string' && /^\d{1,9}$/.test(meetingId) ? meetingId : '';
    if (!meeting || Number(meeting) < 1)
      return this.showDetail(
        request,
        response,
        id,
        { errors: [this.wording.message('meetingId')] },
        422,
      );
    seeOther(response, `/meetings/${meeting}/speakers?themeId=${id}`);
  }

  /** Takes the theme off an agenda item not yet presented, or records it as presented there. */
  @Post(':id/agenda/:action')
  async agenda(
    @Param('id', IdPipe) id: number,
    @Param('action') action: string,
    @Body() body: Form,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(AgendaItemRefDto, {
      agendaItemId: Number(formText(body, 'agendaItemId')),
    });
    if (!['unschedule', 'presented'].includes(action) || errors.length)
      throw new RuleViolationError('errors.theme.agendaAction', 'agendaItemId');
    try {
      if (action === 'unschedule') await this.schedule.unschedule(id, value, request.user as User);
      else await this.schedule.presented(id, value, request.user as User);
    } catch (error) {
      if (!isRefusal('rule', 'conflict')(error)) throw error;
      const message = this.wording.message(`agenda.${action}`, this.views.errorText(error));
      return this.showDetail(request, response, id, { errors: [message] }, 422);
    }
    seeOther(response, `/themes/${id}?saved=1#agenda`);
  }

  private async showDetail(
    request: Request,
    response: Response,
    id: number,
    extra: { saved?: boolean; errors?: string[] },
    status = 200,
  ): Promise<void> {
    const theme = await this.details.detail(id);
    const partners = await this.partnerChoices();
    const meetings = await this.meetings.list(
      plainToInstance(ListMeetingsQueryDto, { upcoming: true, pageSize: CHOICES }),
    );
    sendHtml(
      response,
      this.views.renderPage(
        request,
        'pages/themes/show',
        themeDetailPage({ t: this.t, theme, partners, meetings: meetings.items, ...extra }),
      ),
      status,
    );
  }

  private async partnerChoices(): Promise<{ id: number; name: string }[]> {
    const page = await this.partners.list(
      plainToInstance(ListPartnersQueryDto, { pageSize: CHOICES }),
    );
    return page.items.map(({ partner }) => ({ id: partner.id, name: partner.name }));
  }

  /**
   * The theme form again: empty or to edit, or after a refused post (its fields at fault, or the
   * rule the service refused with).
   */
  private async showForm(
    request: Request,
    response: Response,
    id: number | null,
    form: ThemeForm,
    outcome: { errors: FieldError[]; refused?: DomainError } = { errors: [] },
  ): Promise<void> {
    const rule = outcome.refused;
    const errors = rule ? [] : outcome.errors;
    const messages = errors.map((e) => this.wording.message(e.field));
    if (rule) messages.push(this.wording.message(rule.field, this.views.errorText(rule)));
    sendHtml(
      response,
      this.views.renderPage(
        request,
        'pages/themes/form',
        themeFormPage({
          t: this.t,
          id,
          form,
          messages,
          errors,
          refusedField: rule?.field,
          partners: await this.partnerChoices(),
        }),
      ),
      messages.length ? 422 : 200,
    );
  }
}
