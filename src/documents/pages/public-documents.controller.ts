import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { ApiFileResponse } from '../../common/web/pdf/api-pdf.decorator';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { formatWanted, sendDocument } from '../document-response';
import { MinutesPdf } from '../minutes/minutes-pdf';
import { DOCUMENT_FORMATS, DocumentFormatQueryDto } from '../minutes/minutes.dto';
import { MinutesService } from '../minutes/minutes.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { type Form, queryOf } from '../../common/web/forms';

/** Read by queryOf, which ignores other parameters (a shared link gains utm_source, fbclid…). */
const FORMAT_QUERY = {
  name: 'format',
  enum: DOCUMENT_FORMATS,
  required: false,
  description: 'html by default; text also with Accept: text/plain',
};

/**
 * Public documents, for anyone holding their link: an unguessable token, never a sequential id.
 * A document made network-only again answers "not found" at once; no cache keeps it.
 */
@ApiTags('documents')
@Public()
@Controller('public')
export class PublicDocumentsController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly minutesPdf: MinutesPdf,
    private readonly newsletters: NewslettersService,
  ) {}

  @Get('minutes/:token')
  @ApiOperation({ summary: 'A public version of the minutes, by its link (HTML, or ?format=text)' })
  @ApiProduces('text/html', 'text/plain')
  @ApiQuery(FORMAT_QUERY)
  async minutesVersion(
    @Param('token') token: string,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const found = await this.minutes.publicVersion(token);
    response.setHeader('Cache-Control', 'no-cache');
    sendDocument(response, found, formatWanted(request, query.format));
  }

  @Get('minutes/:token/pdf')
  @ApiOperation({ summary: 'A public version of the minutes as a PDF, by its link' })
  @ApiFileResponse('The minutes as published, in PDF')
  async minutesVersionPdf(@Param('token') token: string, @Res() response: Response) {
    const pdf = await this.minutesPdf.create(await this.minutes.publicVersion(token));
    await sendPdf(response, pdf.stream, pdf.fileName);
  }

  @Get('newsletters/:token')
  @ApiOperation({ summary: 'A public newsletter issue, by its link (HTML, or ?format=text)' })
  @ApiProduces('text/html', 'text/plain')
  @ApiQuery(FORMAT_QUERY)
  async newsletter(
    @Param('token') token: string,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const issue = await this.newsletters.publicIssue(token);
    response.setHeader('Cache-Control', 'no-cache');
    sendDocument(
      response,
      { html: issue.webHtml ?? '', text: issue.text ?? '' },
      formatWanted(request, query.format),
    );
  }
}
