import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { IdPipe } from '../../common/id.pipe';
import { ViewService } from '../../common/web/view.service';
import { formatWanted, sendDocument } from '../document-response';
import { DocumentFormatQueryDto } from '../minutes/minutes.dto';
import { MinutesService } from '../minutes/minutes.service';
import { NewslettersService } from '../newsletters/newsletters.service';

/**
 * The public archive: published minutes and newsletters only. Drafts have no public address.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly newsletters: NewslettersService,
    private readonly views: ViewService,
  ) {}

  @Get('archive')
  async archive(@Req() request: Request): Promise<string> {
    const [minutes, newsletters] = await Promise.all([
      this.minutes.published(),
      this.newsletters.published(),
    ]);
    return this.page('pages/documents/archive', request, {
      title: this.views.text('archive.title'),
      minutes,
      newsletters,
      showMinutes: true,
      showNewsletters: true,
    });
  }

  @Get('minutes')
  async minutesIndex(@Req() request: Request): Promise<string> {
    return this.page('pages/documents/archive', request, {
      title: this.views.text('minutes.archiveTitle'),
      minutes: await this.minutes.published(),
      showMinutes: true,
    });
  }

  @Get('minutes/:meetingId/:version')
  async minutesVersion(
    @Param('meetingId', IdPipe) meetingId: number,
    @Param('version', IdPipe) version: number,
    @Query() query: DocumentFormatQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.minutes.version(meetingId, version);
    sendDocument(response, found, formatWanted(request, query.format));
  }

  @Get('newsletters')
  async newslettersIndex(@Req() request: Request): Promise<string> {
    return this.page('pages/documents/archive', request, {
      title: this.views.text('newsletter.archiveTitle'),
      newsletters: await this.newsletters.published(),
      showNewsletters: true,
    });
  }

  @Get('newsletters/:number')
  async newsletter(
    @Param('number', IdPipe) number: number,
    @Query() query: DocumentFormatQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const issue = await this.newsletters.publishedIssue(number);
    sendDocument(
      response,
      { html: issue.webHtml ?? '', text: issue.text ?? '' },
      formatWanted(request, query.format),
    );
  }

  private page(name: string, request: Request, model: Record<string, unknown>): string {
    return this.views.render(name, {
      ...model,
      user: (request as Request & { user?: unknown }).user,
    });
  }
}
