import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { calendarDayInZone } from '../common/calendar-days';
import { CurrentUser } from '../auth/auth.decorators';
import { User } from '../auth/user';
import { Clock } from '../common/clock';
import { IdPipe } from '../common/id.pipe';
import { NotFoundError, RuleViolationError } from '../common/domain-errors';
import { PageQueryDto } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { MailOutbox, OutboxProgress } from '../mail/mail-outbox.service';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { formatWanted, PREVIEW_CSP, sendDocument } from './document-response';
import { DocumentFormatQueryDto } from './minutes.dto';
import { NEWS_KINDS } from './news-item';
import { NewsService } from './news.service';
import { CreateNewsItemDto, ListNewsQueryDto, UpdateNewsItemDto } from './news.dto';
import {
  CreateNewsletterDto,
  ListNewslettersQueryDto,
  UpdateNewsletterDto,
} from './newsletter.dto';
import { newsletterGroup, NewsletterResponse, NewslettersService } from './newsletters.service';

type Form = Record<string, unknown>;

/** The news list's query, and the notice after a change. */
class NewsPageQueryDto extends ListNewsQueryDto {
  @IsOptional()
  @IsIn(['1', 'deleted'])
  saved?: string;
}

/** Failed recipients listed on a newsletter's page (the outbox page has them all). */
const FAILED_SHOWN = 100;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : undefined;
const optionalText = (value: unknown): string | null | undefined => {
  const text = textOf(value);
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : text;
};

/** Counts and state of a sending: pending includes the messages being handed over now. */
function deliveryView(progress: OutboxProgress) {
  const waiting = progress.pending + progress.sending;
  const done = progress.sent + progress.failed + progress.cancelled;
  // The status line says what actually happened: still sending, sent to all, some failed, nobody.
  const state =
    progress.total === 0
      ? 'none'
      : waiting > 0
        ? 'running'
        : progress.failed > 0
          ? 'failures'
          : 'sent';
  return {
    ...progress,
    waiting,
    done,
    state,
    running: waiting > 0,
    percent: progress.total > 0 ? Math.floor((done * 100) / progress.total) : 100,
  };
}

/**
 * The newsletter desk (/desk/newsletters: staff pages; /newsletters is the public archive):
 * compose a draft, choose its sections, preview it as it will be mailed, publish it, then follow
 * the sending. And the news items (/desk/news) the issues are made of.
 */
@ApiExcludeController()
@Controller('desk')
export class NewslettersPagesController {
  constructor(
    private readonly newsletters: NewslettersService,
    private readonly news: NewsService,
    private readonly outbox: MailOutbox,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // ---- Newsletters ------------------------------------------------------------------------

  @Get('newsletters')
  async list(
    @Query() query: ListNewslettersQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showList(request, response, query, {});
  }

  @Post('newsletters')
  async create(
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const typed = { from: body.from, to: body.to, editorial: optionalText(body.editorial) };
    const { value, errors } = await validateForm(CreateNewsletterDto, typed);
    let messages = errors.map((e) => this.message('newsletterPages.error', e.field));
    if (messages.length === 0) {
      try {
        const created = await this.newsletters.create(value, user);
        return response.redirect(
          HttpStatus.SEE_OTHER,
          `/desk/newsletters/${created.newsletter.id}`,
        );
      } catch (error) {
        if (!(error instanceof RuleViolationError)) throw error;
        messages = [this.views.text('newsletterPages.error.period')];
      }
    }
    await this.showList(request, response, new ListNewslettersQueryDto(), {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: messages,
      typed: body,
    });
  }

  @Get('newsletters/:id')
  async show(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: unknown,
    @Query('published') published: unknown,
    @Query('retried') retried: unknown,
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
            : null;
    await this.showIssue(request, response, await this.newsletters.read(id), {
      notice: notice ? this.views.text(notice) : null,
    });
  }

  /** The issue as it will be mailed (a draft) or as it was (published): HTML, or ?format=text. */
  @Get('newsletters/:id/preview')
  async preview(
    @Param('id', IdPipe) id: number,
    @Query() query: DocumentFormatQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
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
      editorial: optionalText(body.editorial) ?? null,
      sections: current.newsletter.sections.map((s) => ({
        key: s.key,
        included: body[`section-${s.key}`] === 'yes',
      })),
    });
    if (errors.length > 0) {
      return this.showIssue(request, response, current, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: errors.map((e) => this.message('newsletterPages.error', e.field)),
        typed: body,
      });
    }
    await this.newsletters.update(id, value, user);
    response.redirect(HttpStatus.SEE_OTHER, `/desk/newsletters/${id}?saved=1`);
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
    await this.newsletters.publish(id, user);
    response.redirect(HttpStatus.SEE_OTHER, `/desk/newsletters/${id}?published=1`);
  }

  /** A failed message of this issue back to the queue (the outbox's own retry). */
  @Post('newsletters/:id/messages/:messageId/retry')
  async retry(
    @Param('id', IdPipe) id: number,
    @Param('messageId', IdPipe) messageId: number,
    @Res() response: Response,
  ): Promise<void> {
    const message = await this.outbox.get(messageId);
    if (message.groupRef !== newsletterGroup(id))
      throw new NotFoundError('newsletterMessage', messageId);
    await this.outbox.retry(messageId);
    response.redirect(HttpStatus.SEE_OTHER, `/desk/newsletters/${id}?retried=1`);
  }

  // ---- News items -------------------------------------------------------------------------

  @Get('news')
  async newsList(
    @Query() query: NewsPageQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const saved = query.saved;
    await this.showNews(request, response, query, {
      notice:
        saved === 'deleted'
          ? this.views.text('newsPages.deleted')
          : saved === '1'
            ? this.views.text('newsPages.saved')
            : null,
    });
  }

  @Post('news')
  async createNews(
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(CreateNewsItemDto, this.newsForm(body));
    if (errors.length > 0) {
      return this.showNews(request, response, new ListNewsQueryDto(), {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: errors.map((e) => this.message('newsPages.error', e.field)),
        typed: body,
      });
    }
    await this.news.create(value, user);
    response.redirect(HttpStatus.SEE_OTHER, '/desk/news?saved=1');
  }

  @Get('news/:id')
  async editNews(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const item = await this.news.read(id);
    this.showNewsItem(request, response, id, { ...item, link: item.link ?? '' }, {});
  }

  @Post('news/:id')
  async updateNews(
    @Param('id', IdPipe) id: number,
    @Body() body: Form,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.news.read(id);
    const { value, errors } = await validateForm(UpdateNewsItemDto, this.newsForm(body));
    if (errors.length > 0) {
      return this.showNewsItem(request, response, id, body, {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        errors: errors.map((e) => this.message('newsPages.error', e.field)),
      });
    }
    await this.news.update(id, value, user);
    response.redirect(HttpStatus.SEE_OTHER, '/desk/news?saved=1');
  }

  @Post('news/:id/delete')
  async deleteNews(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.news.remove(id, user);
    response.redirect(HttpStatus.SEE_OTHER, '/desk/news?saved=deleted');
  }

  // ---- Rendering --------------------------------------------------------------------------

  private newsForm(body: Form): Form {
    const title = typeof body.title === 'string' ? body.title.trim() : body.title;
    return {
      title,
      body: textOf(body.body),
      kind: body.kind,
      date: body.date,
      link: optionalText(body.link) ?? null,
    };
  }

  /** The message of a field's error, or a general one when the catalogue has none. */
  private message(prefix: string, field: string): string {
    const message = this.views.textIfPresent(`${prefix}.${field.split('.')[0]}`);
    return message ?? this.views.text(`${prefix}.other`);
  }

  private async showList(
    request: Request,
    response: Response,
    query: PageQueryDto,
    state: { status?: number; errors?: string[]; typed?: Form },
  ): Promise<void> {
    const page = await this.newsletters.list(query);
    const progress = await this.outbox.progressByGroup(
      page.items.filter((n) => n.status === 'published').map((n) => newsletterGroup(n.id)),
    );
    // The form proposes the current month.
    const today = calendarDayInZone(this.clock.now(), this.config.timeZone);
    const monthStart = `${today.slice(0, 7)}-01`;
    const last = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0));
    const monthEnd = last.toISOString().slice(0, 10);
    const typed = state.typed ?? {};
    const errors = state.errors ?? [];
    response
      .status(state.status ?? HttpStatus.OK)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/documents/newsletter-desk', {
          title: this.views.text('newsletterPages.listTitle'),
          items: page.items.map((n) => {
            const delivery = progress.get(newsletterGroup(n.id));
            return {
              ...n,
              published: n.status === 'published',
              statusLabel: this.views.text(`newsletterPages.status.${n.status}`),
              delivery: delivery ? deliveryView(delivery) : null,
            };
          }),
          form: {
            from: typeof typed.from === 'string' ? typed.from : monthStart,
            to: typeof typed.to === 'string' ? typed.to : monthEnd,
            editorial: typeof typed.editorial === 'string' ? typed.editorial : '',
          },
          errors,
          invalid: errors.length > 0,
          pager: pager(page.page, page.pageSize, page.total, pageHref('/desk/newsletters')),
        }),
      );
  }

  private async showIssue(
    request: Request,
    response: Response,
    current: NewsletterResponse,
    state: { status?: number; errors?: string[]; typed?: Form; notice?: string | null },
  ): Promise<void> {
    const { newsletter, preview } = current;
    const published = newsletter.status === 'published';
    let delivery = null;
    let failed: unknown[] = [];
    if (published) {
      const group = newsletterGroup(newsletter.id);
      const [progress, failures] = await Promise.all([
        this.outbox.progress(group),
        this.outbox.list({ status: 'failed', group, page: 1, pageSize: FAILED_SHOWN }),
      ]);
      delivery = deliveryView(progress);
      failed = failures.items.map((m) => ({
        id: m.id,
        email: m.recipientEmail,
        name: m.recipientName,
        reason: m.lastError,
        attempts: m.attempts,
      }));
    }
    const typed = state.typed;
    const errors = state.errors ?? [];
    response
      .status(state.status ?? HttpStatus.OK)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/documents/newsletter-issue', {
          title: newsletter.title,
          newsletter,
          published,
          publicPath: published ? `/newsletters/${newsletter.number}` : null,
          editorial:
            typed && typeof typed.editorial === 'string'
              ? typed.editorial
              : (newsletter.editorial ?? ''),
          sections: newsletter.sections.map((s) => ({
            key: s.key,
            title: s.title,
            count: s.items.length,
            included: typed ? typed[`section-${s.key}`] === 'yes' : s.included,
          })),
          previewUrl: `/desk/newsletters/${newsletter.id}/preview`,
          previewText: preview.text,
          delivery,
          deliveryUrl: `/api/newsletters/${newsletter.id}/delivery`,
          failed,
          errors,
          invalid: errors.length > 0,
          notice: state.notice ?? null,
        }),
      );
  }

  private async showNews(
    request: Request,
    response: Response,
    query: ListNewsQueryDto,
    state: { status?: number; errors?: string[]; typed?: Form; notice?: string | null },
  ): Promise<void> {
    const page = await this.news.list(query);
    const typed = state.typed ?? {};
    const errors = state.errors ?? [];
    const today = calendarDayInZone(this.clock.now(), this.config.timeZone);
    response
      .status(state.status ?? HttpStatus.OK)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/documents/news-list', {
          title: this.views.text('newsPages.title'),
          items: page.items.map((item) => ({
            ...item,
            kindLabel: this.views.text(`news.kind.${item.kind}`),
          })),
          form: this.newsFormModel({ date: today, ...typed }),
          errors,
          invalid: errors.length > 0,
          notice: state.notice ?? null,
          pager: pager(
            page.page,
            page.pageSize,
            page.total,
            pageHref('/desk/news', { kind: query.kind }),
          ),
        }),
      );
  }

  private showNewsItem(
    request: Request,
    response: Response,
    id: number,
    values: Form,
    state: { status?: number; errors?: string[] },
  ): void {
    const errors = state.errors ?? [];
    response
      .status(state.status ?? HttpStatus.OK)
      .type('html')
      .send(
        this.views.renderPage(request, 'pages/documents/news-edit', {
          title: this.views.text('newsPages.editTitle'),
          id,
          form: this.newsFormModel(values),
          errors,
          invalid: errors.length > 0,
        }),
      );
  }

  private newsFormModel(values: Form) {
    const str = (value: unknown) => (typeof value === 'string' ? value : '');
    const kind = str(values.kind);
    return {
      title: str(values.title),
      body: str(values.body),
      date: str(values.date),
      link: str(values.link),
      kinds: NEWS_KINDS.map((k) => ({
        value: k,
        label: this.views.text(`news.kind.${k}`),
        selected: k === kind,
      })),
    };
  }
}
