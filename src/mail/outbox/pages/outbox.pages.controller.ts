import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdPipe } from '../../../common/id.pipe';
import type { Request, Response } from 'express';
import { AppConfig } from '../../../config/app-config';
import { ViewService } from '../../../common/web/view.service';
import { ListOutboxQueryDto } from '../list-outbox-query.dto';
import { MailOutbox } from '../mail-outbox.service';
import { outboxPageModel } from './outbox.view-model';
import { seeOther, sendHtml } from '../../../common/http-answers';
import { type Form, queryOf } from '../../../common/web/forms';

/** The staff page of the outbox: what left (or was kept as .eml), what waits, what failed. */
@ApiExcludeController()
@Controller('outbox')
export class OutboxPagesController {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(ListOutboxQueryDto, raw);
    const page = await this.outbox.list(query);
    const locale = this.config.locale;
    const text = {
      t: (key: string) => this.views.translator.translate(locale, key),
      has: (key: string) => this.views.translator.has(locale, key),
    };
    sendHtml(
      response,
      this.views.renderPage(request, 'pages/mail/outbox', outboxPageModel(text, query, page)),
    );
  }

  @Post(':id/retry')
  async retry(@Param('id', IdPipe) id: number, @Res() response: Response): Promise<void> {
    await this.outbox.retry(id);
    seeOther(response, '/outbox?status=pending');
  }
}
