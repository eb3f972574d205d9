import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { calendarDayInZone } from '../../../common/calendar-days';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { AppConfig } from '../../../config/app-config';
import { formText, submitForm, validateForm, queryOf } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { fieldMessage, optionalText, type Form } from '../../pages/document-forms';
import { formatWanted, PREVIEW_CSP, sendDocument } from '../../document-response';
import { visibilityOf } from '../../document-visibility';
import { DocumentFormatQueryDto } from '../../minutes/minutes.dto';
import type { NewsletterResponse } from '../newsletter-composer';
import { newsletterGroup, NewsletterSending } from '../newsletter-sending';
import {
  CreateNewsletterDto,
  ListNewslettersQueryDto,
  UpdateNewsletterDto,
} from '../newsletter.dto';
import { FormState, newsletterIssueView, newsletterListView } from './newsletter-desk.view-model';
import { NewslettersService } from '../newsletters.service';
import { seeOther } from '../../../common/http-answers';

/** Failed recipients listed on a newsletter's page (the outbox page has them all). */
const FAILED_SHOWN = 100;

/**
 * The newsletter desk (/desk/newsletters: staff pages; /newsletters is the public archive):
 * compose a draft, choose its sections, preview it as it will be mailed, publish it, then follow
 * the sending. The news items the issues are made of have their own pages (NewsPagesController).
 */
@ApiExcludeController()
@Controller('desk')
export class NewslettersPagesController {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly sending: NewsletterSending,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('newsletters')
  async list(
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(ListNewslettersQueryDto, raw);
    await this.showList(request, response, query, {});
  }

  @Post('newsletters')
  async create(
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const typed = {
      from: formText(body, 'from'),
      to: formText(body, 'to'),
      editorial: optionalText(body, 'editorial'),
    };
    const outcome = await submitForm(CreateNewsletterDto, typed, (value) =>
      this.newsletters.create(value, user),
    );
    if (outcome.ok) return seeOther(response, `/desk/newsletters/${outcome.result.newsletter.id}`);
    // A broken rule here is the period (from after to).
    const errors = outcome.refused
      ? [this.views.text('newsletterPages.error.period')]
      : outcome.errors.map((e) => fieldMessage(this.views, 'newsletterPages.error', e.field));
    await this.showList(request, response, new ListNewslettersQueryDto(), {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors,
      typed: body,
    });
  }

  @Get('newsletters/:id')
  async show(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: unknown,
    @Query('published') published: unknown,
    @Query('retried') retried: unknown,
    @Query('shared') shared: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const notice =
      saved === '1'
        ? 'newsletterPages.saved'
        : published === '1'
          ? 'newsletterPages.publishedNotice'
          : retried === '1'
            ? 'newsletterPages.retried'
            : shared === '1'
              ? 'visibility.changed'
              : null;
    await this.showIssue(request, response, await this.newsletters.read(id), {
      notice: notice ? this.views.text(notice) : null,
    });
  }

  /** The issue as it will be mailed (a draft) or as it was (published): HTML, or ?format=text. */
  @Get('newsletters/:id/preview')
  async preview(
    @Param('id', IdPipe) id: number,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const { preview } = await this.newsletters.read(id);
    response.setHeader('Cache-Control', 'no-store');
    sendDocument(response, preview, formatWanted(request, query.format), PREVIEW_CSP);
  }

  @Post('newsletters/:id')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const current = await this.newsletters.read(id);
    const { value, errors } = await validateForm(UpdateNewsletterDto, {
      editorial: optionalText(body, 'editorial') ?? null,
      sections: current.newsletter.sections.map((s) => ({
        key: s.key,
        included: body[`section-${s.key}`] === 'yes',
      })),
    });
    if (errors.length > 0) {
      return this.showIssue(request, response, current, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: errors.map((e) => fieldMessage(this.views, 'newsletterPages.error', e.field)),
        typed: body,
      });
    }
    await this.newsletters.update(id, value, user);
    seeOther(response, `/desk/newsletters/${id}?saved=1`);
  }

  @Post('newsletters/:id/publish')
  async publish(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (body.confirm !== 'yes') {
      return this.showIssue(request, response, await this.newsletters.read(id), {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: [this.views.text('newsletterPages.error.confirm')],
      });
    }
    await this.sending.publish(id, user);
    seeOther(response, `/desk/newsletters/${id}?published=1`);
  }

  /** Makes the issue public, or network-only again (a draft too: it is mailed with its link). */
  @Post('newsletters/:id/visibility')
  async setVisibility(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const visibility = visibilityOf(formText(body, 'visibility'));
    if (!visibility)
      return this.showIssue(request, response, await this.newsletters.read(id), {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: [this.views.text('visibility.error')],
      });
    await this.newsletters.setVisibility(id, visibility, user);
    seeOther(response, `/desk/newsletters/${id}?shared=1`);
  }

  /** A failed message of this issue back to the queue (the outbox's own retry). */
  @Post('newsletters/:id/messages/:messageId/retry')
  async retry(
    @Param('id', IdPipe) id: number,
    @Param('messageId', IdPipe) messageId: number,
    @Res() response: Response,
  ): Promise<void> {
    await this.sending.retryMessage(id, messageId);
    seeOther(response, `/desk/newsletters/${id}?retried=1`);
  }

  private async showList(
    request: Request,
    response: Response,
    query: ListNewslettersQueryDto,
    state: FormState,
  ): Promise<void> {
    const page = await this.newsletters.list(query);
    const progress = await this.sending.progressOfIssues(
      page.items.filter((n) => n.status === 'published').map((n) => n.id),
    );
    // The form proposes the current month.
    const today = calendarDayInZone(this.clock.now(), this.config.timeZone);
    const text = (key: string) => this.views.text(key);
    const model = newsletterListView(text, page, progress, newsletterGroup, today, state);
    this.views.sendPage(
      request,
      response,
      'pages/documents/newsletter-desk',
      model,
      state.status ?? HttpStatus.OK,
    );
  }

  private async showIssue(
    request: Request,
    response: Response,
    current: NewsletterResponse,
    state: FormState,
  ): Promise<void> {
    const sending =
      current.newsletter.status === 'published'
        ? await this.sending.sendingOf(current.newsletter.id, FAILED_SHOWN)
        : null;
    this.views.sendPage(
      request,
      response,
      'pages/documents/newsletter-issue',
      newsletterIssueView(current, sending, state),
      state.status ?? HttpStatus.OK,
    );
  }
}
