import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { Page } from '../../common/pagination';
import { IdPipe } from '../../common/id.pipe';
import { sendDocument } from '../document-response';
import { DocumentVisibilityDto } from '../minutes/minutes.dto';
import {
  CreateNewsletterDto,
  ListNewslettersQueryDto,
  UpdateNewsletterDto,
} from './newsletter.dto';
import type { NewsletterResponse, NewsletterSummary } from './newsletter-composer';
import type { NewsletterDelivery } from './newsletter-sending';
import { NewslettersService } from './newsletters.service';

@ApiTags('newsletters')
@Controller('api/newsletters')
export class NewslettersController {
  constructor(private readonly newsletters: NewslettersService) {}

  @Get()
  @ApiOperation({ summary: 'Newsletters, drafts and published, newest first' })
  list(@Query() query: ListNewslettersQueryDto): Promise<Page<NewsletterSummary>> {
    return this.newsletters.list(query);
  }

  @Get('published')
  @ApiOperation({ summary: 'Published issues, newest first' })
  published(): Promise<NewsletterSummary[]> {
    return this.newsletters.published();
  }

  @Post()
  @ApiOperation({ summary: 'Start a draft for a period: assembled from the records of the period' })
  create(@Body() dto: CreateNewsletterDto, @CurrentUser() user: User): Promise<NewsletterResponse> {
    return this.newsletters.create(dto, user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The issue as a view model with its preview (HTML and text)' })
  read(@Param('id', IdPipe) id: number): Promise<NewsletterResponse> {
    return this.newsletters.read(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Write the editorial, reorder or leave out sections (drafts only)' })
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateNewsletterDto,
    @CurrentUser() user: User,
  ): Promise<NewsletterResponse> {
    return this.newsletters.update(id, dto, user);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Number the issue, store its email HTML, text and web page, and send it to the consenting contacts',
  })
  publish(@Param('id', IdPipe) id: number, @CurrentUser() user: User): Promise<NewsletterSummary> {
    return this.newsletters.publish(id, user);
  }

  @Put(':id/visibility')
  @ApiOperation({
    summary:
      'Make an issue (draft or published) public (an unguessable link, made once) or ' +
      'network-only again; audited. A draft made public is mailed with its public link',
  })
  setVisibility(
    @Param('id', IdPipe) id: number,
    @Body() dto: DocumentVisibilityDto,
    @CurrentUser() user: User,
  ): Promise<NewsletterSummary> {
    return this.newsletters.setVisibility(id, dto.visibility, user);
  }

  @Get(':id/delivery')
  @ApiOperation({ summary: 'Progress of the sending: counts of pending, sending, sent, failed...' })
  delivery(@Param('id', IdPipe) id: number): Promise<NewsletterDelivery> {
    return this.newsletters.delivery(id);
  }

  @Get(':id/html')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The email-safe HTML of a published issue' })
  async html(@Param('id', IdPipe) id: number, @Res() response: Response): Promise<void> {
    sendDocument(response, await this.newsletters.documents(id), 'html');
  }

  @Get(':id/text')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'The plain-text alternative of a published issue' })
  async text(@Param('id', IdPipe) id: number, @Res() response: Response): Promise<void> {
    sendDocument(response, await this.newsletters.documents(id), 'text');
  }
}
