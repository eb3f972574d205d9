import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../../audit/audit.service';
import { CurrentUser } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import { IdPipe } from '../../common/id.pipe';
import { type FieldError } from '../../common/validation';
import {
  fieldErrorMessages,
  isRefusal,
  submitForm,
  type FormOutcome,
} from '../../common/web/forms';
import { CreatePartnerDto } from '../create-partner.dto';
import type { Partner } from '../partner.entity';
import { type FormBody, partnerFormToDto, partnerFormValues } from './partner-forms';
import { PartnerHistoryRegistry } from '../partner-history.registry';
import { partnerEditValues, partnerFormModel } from './partner-form.view-model';
import { PartnersService } from '../partners.service';
import { UpdatePartnerDto } from '../update-partner.dto';
import { PartnerPageViews, isFormProblem } from './partner-page-views';
import { seeOther } from '../../common/http-answers';

/**
 * A partner's page (contacts, meetings, projects) and its create / edit / archive / restore /
 * delete forms. Thin: the rules are PartnersService's.
 */
@ApiExcludeController()
@Controller('partners')
export class PartnersPagesController {
  constructor(
    private readonly partners: PartnersService,
    private readonly history: PartnerHistoryRegistry,
    private readonly pages: PartnerPageViews,
    @InjectEntityManager() private readonly manager: EntityManager,
  ) {}

  @Get('new')
  newForm(@Req() request: Request, @Res() response: Response): void {
    this.showPartnerForm(request, response, null, { kind: 'association' }, []);
  }

  @Post()
  async create(
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const outcome = await submitForm(
      CreatePartnerDto,
      partnerFormToDto(body),
      (value) => this.partners.create(actorOf(user), value),
      isFormProblem,
    );
    if (!outcome.ok) return this.refused(request, response, null, body, outcome);
    seeOther(response, `/partners/${outcome.result.id}?saved=1`);
  }

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.pages.showPartner(request, response, id, { saved: saved ?? null });
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const partner = await this.partners.get(id);
    this.showPartnerForm(request, response, partner, partnerEditValues(partner), []);
  }

  @Post(':id/edit')
  async update(
    @Param('id', IdPipe) id: number,
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const partner = await this.partners.get(id);
    const outcome = await submitForm(
      UpdatePartnerDto,
      partnerFormToDto(body),
      (value) => this.partners.update(actorOf(user), id, value),
      isFormProblem,
    );
    if (!outcome.ok) return this.refused(request, response, partner, body, outcome);
    seeOther(response, `/partners/${id}?saved=1`);
  }

  @Post(':id/archive')
  async archive(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.partners.archive(actorOf(user), id);
    seeOther(response, `/partners/${id}?saved=archived`);
  }

  @Post(':id/restore')
  async restore(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.partners.restore(actorOf(user), id);
    seeOther(response, `/partners/${id}?saved=restored`);
  }

  /** Deleted only without history; otherwise the partner page says why (archive it instead). */
  @Post(':id/delete')
  async remove(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    try {
      await this.partners.remove(actorOf(user), id);
    } catch (error) {
      if (!isRefusal('conflict')(error)) throw error;
      const kinds = await this.history.historyOf(this.manager, id);
      const history = kinds.map((kind) => this.pages.text(`partnersPages.history.${kind}`) ?? kind);
      return this.pages.showPartner(
        request,
        response,
        id,
        { problem: this.pages.t('partnersPages.delete.refused', { history: history.join(', ') }) },
        HttpStatus.CONFLICT,
      );
    }
    seeOther(response, '/partners?deleted=1');
  }

  /** The form again, with the fields at fault (422) or the duplicate (409). */
  private refused(
    request: Request,
    response: Response,
    partner: Partner | null,
    body: FormBody,
    outcome: FormOutcome<unknown> & { ok: false },
  ): void {
    const errors = this.pages.problems(outcome);
    this.showPartnerForm(request, response, partner, body, errors, this.pages.statusOf(outcome));
  }

  private showPartnerForm(
    request: Request,
    response: Response,
    partner: Partner | null,
    body: FormBody,
    errors: FieldError[],
    status: number = HttpStatus.OK,
  ): void {
    const messages = fieldErrorMessages(errors, this.pages, 'partnersPages.error');
    const model = partnerFormModel(this.pages, partner, partnerFormValues(body), messages);
    this.pages.send(request, response, 'pages/partners/form', model, status);
  }
}
