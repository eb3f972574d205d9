import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/auth.decorators';
import { NotFoundError } from '../../common/domain-errors';
import { IdPipe } from '../../common/id.pipe';
import { sendPdf } from '../../common/web/pdf/pdf-response';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import { formatWanted, sendDocument } from '../document-response';
import { NetworkOnlyDocument } from '../document-visibility';
import { MinutesPdf } from '../minutes/minutes-pdf';
import { DocumentFormatQueryDto } from '../minutes/minutes.dto';
import { MinutesService } from '../minutes/minutes.service';
import { NewslettersService } from '../newsletters/newsletters.service';
import { archiveView, Reader } from './archive.view-model';
import { seeOther, sendHtml } from '../../common/http-answers';
import { type Form, queryOf } from '../../common/web/forms';

type SessionRequest = Request & { user?: unknown };

/**
 * The archive of published minutes and newsletters, and their network addresses
 * (`/minutes/:meetingId/:version`, `/newsletters/:number`). Staff read everything here; a
 * partner's portal session is sent to the same document in the portal; anyone else gets "not
 * found". Anonymous visitors see the archive only when the agency opts in (PUBLIC_ARCHIVE), and
 * then only the public documents, by their unguessable links.
 */
@ApiExcludeController()
@Public() // the reader is checked in each handler: staff, a portal session, or anyone
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly minutes: MinutesService,
    private readonly minutesPdf: MinutesPdf,
    private readonly newsletters: NewslettersService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  @Get('archive')
  archive(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    return this.archivePage(request, response, 'archive.title', '/portal/minutes', {
      minutes: true,
      newsletters: true,
    });
  }

  @Get('minutes')
  minutesIndex(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    return this.archivePage(request, response, 'minutes.archiveTitle', '/portal/minutes', {
      minutes: true,
    });
  }

  @Get('newsletters')
  newslettersIndex(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    return this.archivePage(request, response, 'newsletter.archiveTitle', '/portal/newsletters', {
      newsletters: true,
    });
  }

  @Get('minutes/:meetingId/:version')
  async minutesVersion(
    @Param('meetingId', IdPipe) meetingId: number,
    @Param('version', IdPipe) version: number,
    @Query() raw: Form,
    @Req() request: SessionRequest,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    if (!this.staffOrPortal(request, response, `/portal/minutes/${meetingId}/${version}`)) return;
    const found = await this.minutes.version(meetingId, version);
    sendDocument(response, found, formatWanted(request, query.format));
  }

  @Get('minutes/:meetingId/:version/pdf')
  async minutesVersionPdf(
    @Param('meetingId', IdPipe) meetingId: number,
    @Param('version', IdPipe) version: number,
    @Req() request: SessionRequest,
    @Res() response: Response,
  ): Promise<void> {
    const portalPath = `/portal/minutes/${meetingId}/${version}/pdf`;
    if (!this.staffOrPortal(request, response, portalPath)) return;
    const pdf = await this.minutesPdf.create(await this.minutes.version(meetingId, version));
    await sendPdf(response, pdf.stream, pdf.fileName);
  }

  @Get('newsletters/:number')
  async newsletter(
    @Param('number', IdPipe) number: number,
    @Query() raw: Form,
    @Req() request: SessionRequest,
    @Res() response: Response,
  ): Promise<void> {
    const query = await queryOf(DocumentFormatQueryDto, raw);
    if (!this.staffOrPortal(request, response, `/portal/newsletters/${number}`)) return;
    const issue = await this.newsletters.publishedIssue(number);
    sendDocument(
      response,
      { html: issue.webHtml ?? '', text: issue.text ?? '' },
      formatWanted(request, query.format),
    );
  }

  private async archivePage(
    request: SessionRequest,
    response: Response,
    title: string,
    portalPath: string,
    show: { minutes?: boolean; newsletters?: boolean },
  ): Promise<void> {
    const reader = this.readerOf(request);
    if (reader === 'portal') return seeOther(response, portalPath);
    if (reader === 'anyone' && !this.config.publicArchive) throw new NotFoundError('page');
    const publicOnly = reader === 'anyone';
    const [minutes, newsletters] = await Promise.all([
      show.minutes ? this.minutes.published(100, publicOnly) : [],
      show.newsletters ? this.newsletters.published(100, publicOnly) : [],
    ]);
    sendHtml(
      response,
      this.views.render('pages/documents/archive', {
        title: this.views.text(title),
        ...archiveView(reader, minutes, newsletters, show),
        user: request.user,
      }),
    );
  }

  /** Staff go on; a portal session goes to the portal's page; anyone else: not found. */
  private staffOrPortal(request: SessionRequest, response: Response, portalPath: string): boolean {
    const reader = this.readerOf(request);
    if (reader === 'staff') return true;
    if (reader === 'portal') {
      seeOther(response, portalPath);
      return false;
    }
    throw new NetworkOnlyDocument(`${this.config.publicUrl}/portal/sign-in`);
  }

  /** The portal's guard checks the portal session where it is used: here, only that it exists. */
  private readerOf(request: SessionRequest): Reader {
    if (request.user) return 'staff';
    return request.session?.portalContactId ? 'portal' : 'anyone';
  }
}
