import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IdPipe } from '../common/id.pipe';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import { ListOutboxQueryDto } from './list-outbox-query.dto';
import { MailOutbox } from './mail-outbox.service';
import { OUTBOX_STATUSES, type OutboxTransport } from './outbox-message';
import { toOutboxMessageResponse } from './outbox-message.mapper';

/** How a sent message is named: sent (SMTP), kept as .eml, or recorded by the demo data. */
const SENT_LABELS: Record<OutboxTransport, string> = { smtp: 'sent', file: 'kept', demo: 'demo' };

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
    @Query() query: ListOutboxQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.outbox.list(query);
    const t = (key: string) => this.views.translator.translate(this.config.locale, key);
    response.type('html').send(
      this.views.renderPage(request, 'pages/mail/outbox', {
        title: t('outbox.title'),
        filters: [
          { label: t('outbox.all'), href: '/outbox', current: !query.status },
          ...OUTBOX_STATUSES.map((status) => ({
            label: t(`outbox.status.${status}`),
            href: `/outbox?status=${status}`,
            current: query.status === status,
          })),
        ],
        items: page.items.map((message) => {
          const item = toOutboxMessageResponse(message);
          const label =
            message.status === 'sent' && message.transport
              ? SENT_LABELS[message.transport]
              : message.status;
          return {
            ...item,
            statusLabel: t(`outbox.status.${label}`),
            // Each kind of mail by its name on the page; a kind the catalogue lacks, as stored.
            purpose: this.views.translator.has(
              this.config.locale,
              `outbox.purposeOf.${message.purpose}`,
            )
              ? t(`outbox.purposeOf.${message.purpose}`)
              : message.purpose,
            when: message.sentAt ?? message.nextAttemptAt,
            canRetry: message.status === 'failed',
          };
        }),
        pager: pager(
          page.page,
          page.pageSize,
          page.total,
          pageHref('/outbox', { status: query.status }),
        ),
      }),
    );
  }

  @Post(':id/retry')
  async retry(@Param('id', IdPipe) id: number, @Res() response: Response): Promise<void> {
    await this.outbox.retry(id);
    response.redirect(303, '/outbox?status=pending');
  }
}
