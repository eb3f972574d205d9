import { Body, Controller, Get, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { formatWanted, sendDocument } from '../document-response';
import { MinutesPdf } from './minutes-pdf';
import {
  DocumentFormatQueryDto,
  DocumentVisibilityDto,
  PublishMinutesDto,
  UpdateMinutesDraftDto,
} from './minutes.dto';
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
    return this.minutes.publish(id, user, {
      attachPdf: dto.attachPdf ?? false,
      visibility: dto.visibility,
    });
  }

  @Put('api/meetings/:id/minutes/versions/:version/visibility')
  @ApiOperation({
    summary:
      'Make a published version public (an unguessable link, made once) or network-only again; audited',
  })
  setVisibility(
    @Param('id', IdPipe) id: number,
    @Param('version', IdPipe) version: number,
    @Body() dto: DocumentVisibilityDto,
    @CurrentUser() user: User,
  ): Promise<MinutesVersionSummary> {
    return this.minutes.setVisibility(id, version, dto.visibility, user);
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

  @Get('api/minutes')
  @ApiOperation({
    summary: 'Published minutes, newest first (latest version of each meeting), any visibility',
  })
  published(): Promise<MinutesVersionSummary[]> {
    return this.minutes.published();
  }
}
