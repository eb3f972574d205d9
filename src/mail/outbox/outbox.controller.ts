import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdPipe } from '../../common/id.pipe';
import { Page } from '../../common/pagination';
import { ListOutboxQueryDto, OutboxProgressQueryDto } from './list-outbox-query.dto';
import { MailOutbox, OutboxProgress } from './mail-outbox.service';
import { OutboxMessageResponse, toOutboxMessageResponse } from './outbox-message.mapper';

/** The outbox for staff: what left, what waits, what failed (and retrying it). */
@ApiTags('outbox')
@Controller('api/outbox')
export class OutboxController {
  constructor(private readonly outbox: MailOutbox) {}

  @Get()
  async list(@Query() query: ListOutboxQueryDto): Promise<Page<OutboxMessageResponse>> {
    const page = await this.outbox.list(query);
    return { ...page, items: page.items.map(toOutboxMessageResponse) };
  }

  /** Counts by status of one sending (the newsletter's delivery uses the same query). */
  @Get('progress')
  progress(@Query() query: OutboxProgressQueryDto): Promise<OutboxProgress> {
    return this.outbox.progress(query.group);
  }

  @Get(':id')
  async get(@Param('id', IdPipe) id: number): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.outbox.get(id));
  }

  @Post(':id/retry')
  async retry(@Param('id', IdPipe) id: number): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.outbox.retry(id));
  }
}
