import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { IdPipe } from '../../common/id.pipe';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { formatWanted, sendDocument } from '../../documents/document-response';
import { MinutesPdf } from '../../documents/minutes/minutes-pdf';
import { DocumentFormatQueryDto } from '../../documents/minutes/minutes.dto';
import { PortalGuard, PortalSignInFilter } from '../session/portal-session';
import { PortalService } from '../portal.service';
import { type Form, queryOf } from '../../common/web/forms';

/**
 * The published documents as partners read them, whatever their visibility: the addresses that
 * mails give for network documents. Without a portal session, a browser is asked to sign in.
 */
@ApiExcludeController()
@Public() // not a staff page: PortalGuard below is the check
@UseGuards(PortalGuard)
@UseFilters(PortalSignInFilter)
@Controller('portal')
export class PortalDocumentsPagesController {
  constructor(
    private readonly portal: PortalService,
    private readonly minutesPdf: MinutesPdf,
  ) {}

  @Get('minutes/:meetingId/:version')
  async minutesVersion(
    @Param('meetingId', IdPipe) meetingId: number,
    @Param('version', IdPipe) version: number,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const found = await this.portal.minutesVersion(meetingId, version);
    response.setHeader('Cache-Control', 'private, no-store');
    sendDocument(response, found, formatWanted(request, query.format));
  }

  @Get('minutes/:meetingId/:version/pdf')
  async minutesVersionPdf(
    @Param('meetingId', IdPipe) meetingId: number,
    @Param('version', IdPipe) version: number,
    @Res() response: Response,
  ): Promise<void> {
    const pdf = await this.minutesPdf.create(await this.portal.minutesVersion(meetingId, version));
    await sendPdf(response, pdf.stream, pdf.fileName);
  }

  @Get('newsletters/:number')
  async newsletter(
    @Param('number', IdPipe) number: number,
    @Query() raw: Form,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    const issue = await this.portal.newsletterIssue(number);
    response.setHeader('Cache-Control', 'private, no-store');
    sendDocument(response, issue, formatWanted(request, query.format));
  }
}
