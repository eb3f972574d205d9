import { Body, Controller, Get, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { NotFoundError } from '../../common/domain-errors';
import { IdPipe } from '../../common/id.pipe';
import { type FieldError } from '../../common/validation';
import { fieldErrorMessages, submitForm } from '../../common/web/forms';
import type { Contact } from '../contacts/contact.entity';
import { CreateContactDto } from '../contacts/create-contact.dto';
import type { Partner } from '../partner.entity';
import { contactFormToDto, contactFormValues, type FormBody } from './partner-forms';
import { ConsentQueries } from '../contacts/consent.queries';
import { ContactsService } from '../contacts/contacts.service';
import { PartnersService } from '../partners.service';
import { UpdateContactDto } from '../contacts/update-contact.dto';
import {
  consentHistoryView,
  contactEditValues,
  contactFormModel,
  contactFormState,
} from './partner-form.view-model';
import { PartnerPageViews, isFormProblem } from './partner-page-views';
import { seeOther } from '../../common/http-answers';

/** A partner's contacts: added on the partner's page, edited and deleted on their own. */
@ApiExcludeController()
@Controller('partners')
export class PartnerContactsPagesController {
  constructor(
    private readonly partners: PartnersService,
    private readonly contacts: ContactsService,
    private readonly consents: ConsentQueries,
    private readonly pages: PartnerPageViews,
  ) {}

  @Post(':id/contacts')
  async addContact(
    @Param('id', IdPipe) id: number,
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const outcome = await submitForm(
      CreateContactDto,
      contactFormToDto(body),
      (value) => this.contacts.createContact(actorOf(user), id, value),
      isFormProblem,
    );
    if (!outcome.ok) {
      const errors = this.pages.problems(outcome, 'contact');
      const contactForm = this.contactErrors(contactFormValues(body), errors);
      const status = this.pages.statusOf(outcome);
      return this.pages.showPartner(request, response, id, { contactForm }, status);
    }
    seeOther(response, `/partners/${id}?saved=contact#contacts`);
  }

  @Get(':id/contacts/:contactId/edit')
  async editContactForm(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { partner, contact } = await this.contactOf(id, contactId);
    await this.showContactForm(request, response, partner, contact, contactEditValues(contact));
  }

  @Post(':id/contacts/:contactId/edit')
  async updateContact(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { partner, contact } = await this.contactOf(id, contactId);
    const outcome = await submitForm(
      UpdateContactDto,
      contactFormToDto(body),
      (value) => this.contacts.updateContact(actorOf(user), contactId, value),
      isFormProblem,
    );
    if (!outcome.ok) {
      const errors = this.pages.problems(outcome, 'contact');
      const values = contactFormValues(body);
      const status = this.pages.statusOf(outcome);
      return this.showContactForm(request, response, partner, contact, values, errors, status);
    }
    seeOther(response, `/partners/${id}?saved=contact#contacts`);
  }

  @Post(':id/contacts/:contactId/delete')
  async removeContact(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.contactOf(id, contactId);
    await this.contacts.removeContact(actorOf(user), contactId);
    seeOther(response, `/partners/${id}?saved=contactRemoved#contacts`);
  }

  private async showContactForm(
    request: Request,
    response: Response,
    partner: Partner,
    contact: Contact,
    values: Record<string, string | boolean>,
    errors: FieldError[] = [],
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const messages = fieldErrorMessages(errors, this.pages, 'partnersPages.contactError');
    const model = contactFormModel(this.pages, partner, contact, values, messages);
    model.consents = consentHistoryView(this.pages, await this.consents.historyOf(contact.id));
    this.pages.send(request, response, 'pages/partners/contact-form', model, status);
  }

  private contactErrors(
    values: Record<string, string | boolean>,
    errors: FieldError[],
  ): Record<string, unknown> {
    return contactFormState(
      values,
      fieldErrorMessages(errors, this.pages, 'partnersPages.contactError'),
    );
  }

  private async contactOf(
    partnerId: number,
    contactId: number,
  ): Promise<{ partner: Partner; contact: Contact }> {
    const partner = await this.partners.get(partnerId);
    const contact = partner.contacts?.find((c) => c.id === contactId);
    if (!contact) throw new NotFoundError('contact', contactId);
    return { partner, contact };
  }
}
