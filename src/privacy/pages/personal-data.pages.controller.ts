import { Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { ConflictError, NotFoundError, RuleViolationError } from '../../common/domain-errors';
import { IdPipe } from '../../common/id.pipe';
import { PdfDocuments } from '../../common/web/pdf/pdf-documents';
import { pdfFileName, sendPdf } from '../../common/web/pdf/pdf-response';
import { ViewService } from '../../common/web/view.service';
import { AppConfig } from '../../config/app-config';
import type { Contact } from '../../partners/contacts/contact.entity';
import { PartnersQueries } from '../../partners/partners.queries';
import { PersonalDataService } from '../personal-data.service';
import { personalDataPdfContent } from './personal-data-pdf';
import { personalDataView, type PersonalDataView } from './personal-data.view-model';
import { seeOther } from '../../common/http-answers';

/**
 * A contact's rights from their page: everything held about them (page and PDF, each view
 * audited as an export), and the erasure, confirmed on its own page.
 */
@ApiExcludeController()
@Controller('partners/:id/contacts/:contactId')
export class PersonalDataPagesController {
  constructor(
    private readonly personalData: PersonalDataService,
    private readonly partners: PartnersQueries,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    private readonly pdf: PdfDocuments,
  ) {}

  @Get('personal-data')
  async page(
    @Param('id', IdPipe) partnerId: number,
    @Param('contactId', IdPipe) id: number,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.exportView(partnerId, id, user);
    this.views.sendPage(request, response, 'pages/privacy/personal-data', {
      ...view,
      partnerId,
      contactId: id,
    });
  }

  @Get('personal-data.pdf')
  async pdfFile(
    @Param('id', IdPipe) partnerId: number,
    @Param('contactId', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.exportView(partnerId, id, user);
    const stream = await this.pdf.create({
      title: view.title,
      content: personalDataPdfContent(view),
    });
    await sendPdf(response, stream, pdfFileName(view.title));
  }

  @Get('erase')
  async confirm(
    @Param('id', IdPipe) partnerId: number,
    @Param('contactId', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const contact = await this.contactOf(partnerId, id);
    this.showConfirm(request, response, partnerId, contact);
  }

  @Post('erase')
  async erase(
    @Param('id', IdPipe) partnerId: number,
    @Param('contactId', IdPipe) id: number,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const contact = await this.contactOf(partnerId, id);
    try {
      await this.personalData.erase(actorOf(user), id);
    } catch (error) {
      if (!(error instanceof RuleViolationError || error instanceof ConflictError)) throw error;
      const status =
        error instanceof ConflictError ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
      return this.showConfirm(
        request,
        response,
        partnerId,
        contact,
        this.views.errorText(error),
        status,
      );
    }
    seeOther(response, `/partners/${partnerId}/contacts/${id}/edit?erased=1`);
  }

  private showConfirm(
    request: Request,
    response: Response,
    partnerId: number,
    contact: Contact,
    problem?: string,
    status: number = HttpStatus.OK,
  ): void {
    this.views.sendPage(
      request,
      response,
      'pages/privacy/erase',
      {
        title: this.views.text('privacy.erase.title', { name: contact.fullName }),
        partnerId,
        contact,
        problem,
        erased: contact.erasedAt !== null,
        proofYears: this.config.attendanceProofYears,
      },
      status,
    );
  }

  /** The export as people read it (recorded in the audit trail as an export). */
  private async exportView(partnerId: number, id: number, user: User): Promise<PersonalDataView> {
    await this.contactOf(partnerId, id);
    const data = await this.personalData.exportOf(actorOf(user), id);
    return personalDataView(this.views, this.config, data);
  }

  private async contactOf(partnerId: number, id: number): Promise<Contact> {
    const contact = await this.partners.contactById(id);
    if (!contact || contact.partnerId !== partnerId) throw new NotFoundError('contact', id);
    return contact;
  }
}
