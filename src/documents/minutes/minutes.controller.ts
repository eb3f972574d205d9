import { Body, Controller, Get, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { formatWanted, sendDocument } from '../document-response';
import { MinutesPdf } from './minutes-pdf';
import { DocumentFormatQueryDto, PublishMinutesDto, UpdateMinutesDraftDto } from './minutes.dto';
import { MinutesDraftResponse, MinutesService, MinutesVersionSummary } from './minutes.service';

@ApiTags('minutes')
@Controller()
export class MinutesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly pdf: MinutesPdf,
  ) {}

  @Get('api/meetings/:id/minutes')
  @ApiOperation({
    summary: 'The draft minutes of a meeting: view model, rendered preview, published versions',
  })
  draft(@Param('id', IdPipe) id: number): Promise<MinutesDraftResponse> {
    return this.minutes.draft(id);
  }

  @Patch('api/meetings/:id/minutes')
  @ApiOperation({
    summary: 'Edit the free text of the draft: introduction, conclusion, item summaries/decisions',
  })
  update(
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateMinutesDraftDto,
    @CurrentUser() user: User,
  ): Promise<MinutesDraftResponse> {
    return this.minutes.updateDraft(id, dto, user);
  }

  @Post('api/meetings/:id/minutes/publish')
  @ApiOperation({
    summary:
      'Publish the next version (an immutable snapshot) and mail it to the contacts, ' +
      'with its PDF attached when attachPdf is true',
  })
  publish(
    @Param('id', IdPipe) id: number,
    @Body() dto: PublishMinutesDto,
    @CurrentUser() user: User,
  ): Promise<MinutesVersionSummary> {
    return this.minutes.publish(id, user, { attachPdf: dto.attachPdf ?? false });
  }

  @Get('api/meetings/:id/minutes/versions')
  @ApiOperation({ summary: 'Published versions of the minutes, oldest first' })
  versions(@Param('id', IdPipe) id: number): Promise<MinutesVersionSummary[]> {
    return this.minutes.versionsOf(id);
  }

  @Get('api/meetings/:id/minutes/versions/:version')
  @ApiOperation({ summary: 'A published version as HTML, or text with ?format=text' })
  @ApiProduces('text/html', 'text/plain')
  async version(
    @Param('id', IdPipe) id: number,
    @Param('version', IdPipe) version: number,
    @Query() query: DocumentFormatQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const found = await this.minutes.version(id, version);
    sendDocument(response, found, formatWanted(request, query.format));
  }

  @Get('api/meetings/:id/minutes/versions/:version/pdf')
  @ApiOperation({ summary: 'A published version as a PDF, as it was published' })
  @ApiFileResponse('The minutes as published, in PDF')
  async versionPdf(
    @Param('id', IdPipe) id: number,
    @Param('version', IdPipe) version: number,
    @Res() response: Response,
  ): Promise<void> {
    const pdf = await this.pdf.create(await this.minutes.version(id, version));
    await sendPdf(response, pdf.stream, pdf.fileName);
  }

  /**
   * The public archive's PDF twin of `/minutes/:meetingId/:version`: published versions are
   * public (the partner portal links here too), so no sign-in, like the HTML page.
   */
  @Public()
  @Get('minutes/:meetingId/:version/pdf')
  @ApiOperation({ summary: 'A published version as a PDF, public like its archive page' })
  @ApiFileResponse('The minutes as published, in PDF')
  publicVersionPdf(
    @Param('meetingId', IdPipe) id: number,
    @Param('version', IdPipe) version: number,
    @Res() response: Response,
  ): Promise<void> {
    return this.versionPdf(id, version, response);
  }

  @Get('api/minutes')
  @ApiOperation({ summary: 'Published minutes, newest first (latest version of each meeting)' })
  published(): Promise<MinutesVersionSummary[]> {
    return this.minutes.published();
  }
}
