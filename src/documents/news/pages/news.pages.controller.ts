import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';
import { calendarDayInZone } from '../../../common/calendar-days';
import { CurrentUser } from '../../../auth/auth.decorators';
import type { User } from '../../../auth/users/user.entity';
import { Clock } from '../../../common/clock';
import { IdPipe } from '../../../common/id.pipe';
import { AppConfig } from '../../../config/app-config';
import { formText, submitForm, queryOf } from '../../../common/web/forms';
import { ViewService } from '../../../common/web/view.service';
import { fieldMessage, optionalText, textOf, type Form } from '../../pages/document-forms';
import { newsEditView, newsListView } from './news-pages.view-model';
import { NewsService } from '../news.service';
import { CreateNewsItemDto, ListNewsQueryDto, UpdateNewsItemDto } from '../news.dto';
import { seeOther } from '../../../common/http-answers';

/** The news list's query, and the notice after a change. */
class NewsPageQueryDto extends ListNewsQueryDto {
  @IsOptional()
  @IsIn(['1', 'deleted'])
  saved?: string;
}

/** The news item form's fields as the DTOs read them. */
function newsFields(body: Form): Form {
  return {
    title: formText(body, 'title'),
    body: textOf(body, 'body'),
    kind: formText(body, 'kind'),
    date: formText(body, 'date'),
    link: optionalText(body, 'link') ?? null,
  };
}

/** The news items (/desk/news) the newsletter issues are made of: list, write, edit, delete. */
@ApiExcludeController()
@Controller('desk')
export class NewsPagesController {
  constructor(
    private readonly news: NewsService,
    private readonly views: ViewService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('news')
  async newsList(
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(NewsPageQueryDto, raw);
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
    const outcome = await submitForm(CreateNewsItemDto, newsFields(body), (value) =>
      this.news.create(value, user),
    );
    if (outcome.ok) return seeOther(response, '/desk/news?saved=1');
    await this.showNews(request, response, new ListNewsQueryDto(), {
      status: HttpStatus.UNPROCESSABLE_ENTITY,
      errors: outcome.errors.map((e) => fieldMessage(this.views, 'newsPages.error', e.field)),
      typed: body,
    });
  }

  @Get('news/:id')
  async editNews(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const item = await this.news.read(id);
    const model = newsEditView(this.text, id, { ...item, link: item.link ?? '' });
    this.views.sendPage(request, response, 'pages/documents/news-edit', model);
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
    const outcome = await submitForm(UpdateNewsItemDto, newsFields(body), (value) =>
      this.news.update(id, value, user),
    );
    if (outcome.ok) return seeOther(response, '/desk/news?saved=1');
    const errors = outcome.errors.map((e) => fieldMessage(this.views, 'newsPages.error', e.field));
    this.views.sendPage(
      request,
      response,
      'pages/documents/news-edit',
      newsEditView(this.text, id, body, errors),
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }

  @Post('news/:id/delete')
  async deleteNews(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.news.remove(id, user);
    seeOther(response, '/desk/news?saved=deleted');
  }

  private readonly text = (key: string): string => this.views.text(key);

  private async showNews(
    request: Request,
    response: Response,
    query: ListNewsQueryDto,
    state: { status?: number; errors?: string[]; typed?: Form; notice?: string | null },
  ): Promise<void> {
    const page = await this.news.list(query);
    const today = calendarDayInZone(this.clock.now(), this.config.timeZone);
    this.views.sendPage(
      request,
      response,
      'pages/documents/news-list',
      newsListView(this.text, page, query, today, state),
      state.status ?? HttpStatus.OK,
    );
  }
}
