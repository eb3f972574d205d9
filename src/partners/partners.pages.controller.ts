import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectEntityManager } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../audit/audit.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { User } from '../auth/user';
import { ConflictError, NotFoundError, RuleViolationError } from '../common/domain-errors';
import { IdPipe } from '../common/id.pipe';
import { InvalidInputException, type FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { PartnerAttendanceService } from '../meetings/partner-attendance.service';
import { ProjectsService } from '../projects/projects.service';
import { validateForm } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import type { Contact } from './contact';
import { CreateContactDto } from './create-contact.dto';
import { CreatePartnerDto } from './create-partner.dto';
import { ACTIVE_FILTERS, ListPartnersQueryDto } from './list-partners-query.dto';
import type { Partner } from './partner';
import {
  contactFormToDto,
  contactFormValues,
  fieldMessages,
  type FormBody,
  partnerFormToDto,
  partnerFormValues,
} from './partner-forms';
import { PartnerHistoryRegistry } from './partner-history.registry';
import { PARTNER_KINDS } from './partner-kind';
import { PartnersImportService, type ImportReport } from './partners-import.service';
import { PARTNER_FIELDS, PartnersService } from './partners.service';
import { UpdateContactDto } from './update-contact.dto';
import { UpdatePartnerDto } from './update-partner.dto';

/** A request whose multipart body was read by the import middleware (see PartnersPagesModule). */
type UploadRequest = Request & { file?: { buffer: Buffer } };

const PAGE_SIZES = [20, 50, 100];

/**
 * The staff pages of the partner directory: list and search, a partner's page (contacts,
 * meetings, projects), create / edit / archive / restore / delete, contacts, and the CSV import
 * with its preview. Thin: the rules are PartnersService's and PartnersImportService's.
 */
@ApiExcludeController()
@Controller('partners')
export class PartnersPagesController {
  constructor(
    private readonly partners: PartnersService,
    private readonly imports: PartnersImportService,
    private readonly attendance: PartnerAttendanceService,
    private readonly projects: ProjectsService,
    private readonly history: PartnerHistoryRegistry,
    private readonly views: ViewService,
    private readonly config: AppConfig,
    @InjectEntityManager() private readonly manager: EntityManager,
  ) {}

  // ---- list -----------------------------------------------------------------------------------

  @Get()
  async list(
    @Query() raw: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Validated here rather than by the global pipe, so that page notices (?deleted=1) pass.
    const { value: query, errors } = await validateForm(ListPartnersQueryDto, raw);
    if (errors.length) throw new InvalidInputException(errors);
    const page = await this.partners.list(query);
    const filters: Record<string, string> = {};
    if (query.q) filters.q = query.q;
    if (query.kind?.length) filters.kind = query.kind.join(',');
    if (query.territory) filters.territory = query.territory;
    if (query.active && query.active !== 'true') filters.active = query.active;
    const search = (extra: Record<string, string>) =>
      new URLSearchParams({ ...filters, ...extra }).toString();
    const links = pageHref('/partners', {
      ...filters,
      pageSize: page.pageSize === 20 ? undefined : page.pageSize,
    });
    const selectedKind = query.kind?.length === 1 ? query.kind[0] : '';
    this.send(request, response, 'pages/partners/list', {
      title: this.t('partnersPages.list.title'),
      deleted: raw.deleted === '1',
      q: query.q ?? '',
      territory: query.territory ?? '',
      filtered: Object.keys(filters).length > 0,
      kinds: PARTNER_KINDS.map((kind) => ({
        value: kind,
        label: this.kindLabel(kind),
        selected: kind === selectedKind,
      })),
      actives: ACTIVE_FILTERS.map((value) => ({
        value,
        label: this.t(`partnersPages.active.${value}`),
        selected: (query.active ?? 'true') === value,
      })),
      pageSizes: PAGE_SIZES.map((size) => ({ value: size, selected: size === page.pageSize })),
      total: page.total,
      items: page.items.map(({ partner, contactCount }) => ({
        id: partner.id,
        name: partner.name,
        shortName: partner.shortName,
        kind: this.kindLabel(partner.kind),
        territory: partner.territory,
        contactCount,
        archived: !partner.active,
      })),
      pager: pager(page.page, page.pageSize, page.total, links),
      exportHref: `/api/partners/export.csv${Object.keys(filters).length ? `?${search({})}` : ''}`,
    });
  }

  // ---- create -----------------------------------------------------------------------------------

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
    const { value, errors } = await validateForm(CreatePartnerDto, partnerFormToDto(body));
    if (errors.length) return this.showPartnerForm(request, response, null, body, errors, 422);
    try {
      const partner = await this.partners.create(actorOf(user), value);
      response.redirect(HttpStatus.SEE_OTHER, `/partners/${partner.id}?saved=1`);
    } catch (error) {
      const field = this.formError(error);
      if (!field) throw error;
      this.showPartnerForm(request, response, null, body, [field], this.statusOf(error));
    }
  }

  // ---- import (before :id so that "import" is not taken for an id) -----------------------------

  @Get('import')
  importForm(@Req() request: Request, @Res() response: Response): void {
    this.send(request, response, 'pages/partners/import', {
      title: this.t('partnersPages.import.title'),
    });
  }

  /**
   * Step 1 (`step=preview`): the file (or pasted text) is read in a dry run and the report shown,
   * with the file kept in a hidden field (base64, so its bytes and encoding survive). Step 2
   * (`step=apply`): the same bytes are imported for good, all rows or none.
   */
  @Post('import')
  async importFile(
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: UploadRequest,
    @Res() response: Response,
  ): Promise<void> {
    const apply = body.step === 'apply';
    const buffer = this.uploadedCsv(request, body, apply);
    if (!buffer || buffer.length === 0) {
      return this.send(
        request,
        response,
        'pages/partners/import',
        {
          title: this.t('partnersPages.import.title'),
          errors: [this.t('partnersPages.import.noFile')],
          pasted: typeof body.pasted === 'string' ? body.pasted : '',
        },
        422,
      );
    }
    const report = await this.imports.import(buffer, {
      apply,
      actor: { user, via: 'CSV import (page)' },
    });
    if (report.applied) {
      const { partners } = report.summary;
      response.redirect(
        HttpStatus.SEE_OTHER,
        `/partners/import/done?created=${partners.create}&updated=${partners.update}`,
      );
      return;
    }
    this.send(
      request,
      response,
      'pages/partners/import-preview',
      this.previewModel(report, buffer, apply),
      apply || report.errors.length ? 422 : 200,
    );
  }

  @Get('import/done')
  importDone(
    @Query('created') created: string,
    @Query('updated') updated: string,
    @Req() request: Request,
    @Res() response: Response,
  ): void {
    this.send(request, response, 'pages/partners/import-done', {
      title: this.t('partnersPages.import.doneTitle'),
      created: Number(created) || 0,
      updated: Number(updated) || 0,
    });
  }

  // ---- one partner ------------------------------------------------------------------------------

  @Get(':id')
  async show(
    @Param('id', IdPipe) id: number,
    @Query('saved') saved: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.showPartner(request, response, id, { saved: saved ?? null });
  }

  @Get(':id/edit')
  async editForm(
    @Param('id', IdPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const partner = await this.partners.get(id);
    const values = Object.fromEntries(
      PARTNER_FIELDS.map((field) => {
        const value = partner[field];
        return [field, value === null ? '' : typeof value === 'number' ? String(value) : value];
      }),
    );
    this.showPartnerForm(request, response, partner, values, []);
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
    const { value, errors } = await validateForm(UpdatePartnerDto, partnerFormToDto(body));
    if (errors.length) return this.showPartnerForm(request, response, partner, body, errors, 422);
    try {
      await this.partners.update(actorOf(user), id, value);
      response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=1`);
    } catch (error) {
      const field = this.formError(error);
      if (!field) throw error;
      this.showPartnerForm(request, response, partner, body, [field], this.statusOf(error));
    }
  }

  @Post(':id/archive')
  async archive(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.partners.archive(actorOf(user), id);
    response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=archived`);
  }

  @Post(':id/restore')
  async restore(
    @Param('id', IdPipe) id: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.partners.restore(actorOf(user), id);
    response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=restored`);
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
      if (!(error instanceof ConflictError)) throw error;
      const kinds = await this.history.historyOf(this.manager, id);
      const history = kinds.map((kind) => this.text(`partnersPages.history.${kind}`) ?? kind);
      return this.showPartner(
        request,
        response,
        id,
        { problem: this.t('partnersPages.delete.refused', { history: history.join(', ') }) },
        HttpStatus.CONFLICT,
      );
    }
    response.redirect(HttpStatus.SEE_OTHER, '/partners?deleted=1');
  }

  // ---- contacts ---------------------------------------------------------------------------------

  @Post(':id/contacts')
  async addContact(
    @Param('id', IdPipe) id: number,
    @Body() body: FormBody,
    @CurrentUser() user: User,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { value, errors } = await validateForm(CreateContactDto, contactFormToDto(body));
    const values = contactFormValues(body);
    if (errors.length) {
      return this.showPartner(
        request,
        response,
        id,
        { contactForm: this.contactErrors(values, errors) },
        422,
      );
    }
    try {
      await this.partners.createContact(actorOf(user), id, value);
    } catch (error) {
      const field = this.formError(error, 'contact');
      if (!field) throw error;
      return this.showPartner(
        request,
        response,
        id,
        { contactForm: this.contactErrors(values, [field]) },
        this.statusOf(error),
      );
    }
    response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=contact#contacts`);
  }

  @Get(':id/contacts/:contactId/edit')
  async editContactForm(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { partner, contact } = await this.contactOf(id, contactId);
    this.showContactForm(request, response, partner, contact, {
      fullName: contact.fullName,
      jobTitle: contact.jobTitle ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      notes: contact.notes ?? '',
      receivesMinutes: contact.receivesMinutes,
      newsletterConsent: contact.newsletterConsent,
    });
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
    const { value, errors } = await validateForm(UpdateContactDto, contactFormToDto(body));
    const values = contactFormValues(body);
    if (errors.length) {
      return this.showContactForm(request, response, partner, contact, values, errors, 422);
    }
    try {
      await this.partners.updateContact(actorOf(user), contactId, value);
    } catch (error) {
      const field = this.formError(error, 'contact');
      if (!field) throw error;
      return this.showContactForm(
        request,
        response,
        partner,
        contact,
        values,
        [field],
        this.statusOf(error),
      );
    }
    response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=contact#contacts`);
  }

  @Post(':id/contacts/:contactId/delete')
  async removeContact(
    @Param('id', IdPipe) id: number,
    @Param('contactId', IdPipe) contactId: number,
    @CurrentUser() user: User,
    @Res() response: Response,
  ): Promise<void> {
    await this.contactOf(id, contactId);
    await this.partners.removeContact(actorOf(user), contactId);
    response.redirect(HttpStatus.SEE_OTHER, `/partners/${id}?saved=contactRemoved#contacts`);
  }

  // ---- views ------------------------------------------------------------------------------------

  /** The partner page: a constant number of queries (partner + contacts, meetings, projects). */
  private async showPartner(
    request: Request,
    response: Response,
    id: number,
    extra: { saved?: string | null; problem?: string; contactForm?: Record<string, unknown> },
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const partner = await this.partners.get(id);
    const [meetings, projects] = await Promise.all([
      this.attendance.recentOf(id, 10),
      this.projects.list({ partnerId: id, page: 1, pageSize: 20 }),
    ]);
    const savedKey =
      extra.saved && this.text(`partnersPages.saved.${extra.saved}`) !== undefined
        ? `partnersPages.saved.${extra.saved}`
        : null;
    this.send(
      request,
      response,
      'pages/partners/show',
      {
        title: partner.name,
        partner: {
          ...partner,
          kindLabel: this.kindLabel(partner.kind),
          archived: !partner.active,
          hasCoordinates: partner.latitude !== null && partner.longitude !== null,
        },
        hasDetails: ['services', 'description', 'address', 'website', 'email', 'phone'].some(
          (field) => partner[field as keyof Partner],
        ),
        savedMessage: savedKey ? this.t(savedKey) : null,
        problem: extra.problem ?? null,
        contacts: (partner.contacts ?? []).map((c) => ({
          id: c.id,
          fullName: c.fullName,
          jobTitle: c.jobTitle,
          email: c.email,
          phone: c.phone,
          receivesMinutes: c.receivesMinutes,
          newsletterConsent: c.newsletterConsent,
        })),
        contactForm: extra.contactForm ?? { values: { receivesMinutes: true }, errors: {} },
        meetings: meetings.items.map((m) => ({
          ...m,
          statusLabel: this.t(`meetings.status.${m.status}`),
          attendanceLabel: m.attendance
            ? this.t(`meetings.attendance.${m.attendance}`)
            : m.status === 'held' || m.status === 'closed'
              ? this.t('partnersPages.meetings.unrecorded')
              : this.t('partnersPages.meetings.notYet'),
          attendanceClass: m.attendance ?? 'none',
          answerLabel: m.answer ? this.t(`meetings.answer.${m.answer}`) : '',
          uninvited: !m.invited,
        })),
        meetingTotals: meetings.totals,
        projects: projects.items.map((p) => ({
          id: p.id,
          title: p.title,
          statusLabel: this.t(`partnersPages.projectStatus.${p.status}`),
          role: this.t(
            p.leadPartnerId === id
              ? 'partnersPages.projects.lead'
              : 'partnersPages.projects.member',
          ),
          leads: p.leadPartnerId === id,
        })),
        projectTotal: projects.total,
      },
      status,
    );
  }

  private showPartnerForm(
    request: Request,
    response: Response,
    partner: Partner | null,
    body: FormBody,
    errors: FieldError[],
    status: number = HttpStatus.OK,
  ): void {
    const values = partnerFormValues(body);
    const messages = fieldMessages(errors, (key) => this.text(key), 'partnersPages.error');
    this.send(
      request,
      response,
      'pages/partners/form',
      {
        title: partner
          ? this.t('partnersPages.form.editTitle', { name: partner.name })
          : this.t('partnersPages.form.newTitle'),
        partner: partner ? { id: partner.id, name: partner.name } : null,
        action: partner ? `/partners/${partner.id}/edit` : '/partners',
        cancel: partner ? `/partners/${partner.id}` : '/partners',
        values,
        fieldErrors: messages.byField,
        errors: messages.list,
        kinds: PARTNER_KINDS.map((kind) => ({
          value: kind,
          label: this.kindLabel(kind),
          selected: kind === values.kind,
        })),
      },
      status,
    );
  }

  private showContactForm(
    request: Request,
    response: Response,
    partner: Partner,
    contact: Contact,
    values: Record<string, string | boolean>,
    errors: FieldError[] = [],
    status: number = HttpStatus.OK,
  ): void {
    const messages = fieldMessages(errors, (key) => this.text(key), 'partnersPages.contactError');
    this.send(
      request,
      response,
      'pages/partners/contact-form',
      {
        title: this.t('partnersPages.contact.editTitle', { name: contact.fullName }),
        partner: { id: partner.id, name: partner.name },
        contact: { id: contact.id, fullName: contact.fullName },
        contactForm: { values, errors: messages.byField, list: messages.list },
      },
      status,
    );
  }

  private contactErrors(
    values: Record<string, string | boolean>,
    errors: FieldError[],
  ): Record<string, unknown> {
    const messages = fieldMessages(errors, (key) => this.text(key), 'partnersPages.contactError');
    return { values, errors: messages.byField, list: messages.list };
  }

  private previewModel(
    report: ImportReport,
    buffer: Buffer,
    apply: boolean,
  ): Record<string, unknown> {
    const action = (a: string) => this.t(`partnersPages.import.action.${a}`);
    return {
      title: this.t('partnersPages.import.previewTitle'),
      refused: apply,
      summary: report.summary,
      canApply: report.errors.length === 0 && report.rows.length > 0,
      content: buffer.toString('base64'),
      rows: report.rows.map((row) => ({
        row: row.row,
        partnerName: row.partner.name,
        partnerAction: action(row.partner.action),
        partnerActionClass: row.partner.action,
        partnerChanges: row.partner.changes.join(', '),
        contact: row.contact
          ? {
              fullName: row.contact.fullName,
              email: row.contact.email,
              action: action(row.contact.action),
              actionClass: row.contact.action,
              changes: row.contact.changes.join(', '),
            }
          : null,
      })),
      problems: report.errors,
    };
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The CSV of an import step: the uploaded file or pasted text, or the preview's hidden copy. */
  private uploadedCsv(request: UploadRequest, body: FormBody, apply: boolean): Buffer | null {
    if (apply) {
      return typeof body.content === 'string' ? Buffer.from(body.content, 'base64') : null;
    }
    if (request.file?.buffer?.length) return request.file.buffer;
    if (typeof body.pasted === 'string' && body.pasted.trim()) {
      return Buffer.from(body.pasted, 'utf8');
    }
    return null;
  }

  private async contactOf(
    partnerId: number,
    contactId: number,
  ): Promise<{ partner: Partner; contact: Contact }> {
    const partner = await this.partners.get(partnerId);
    const contact = partner.contacts?.find((c) => c.id === contactId);
    if (!contact) throw new NotFoundError('Contact', contactId);
    return { partner, contact };
  }

  /** A broken rule or a duplicate shown beside the form (null: let the error page show it). */
  private formError(
    error: unknown,
    scope: 'partner' | 'contact' = 'partner',
  ): (FieldError & { translated: true }) | null {
    if (!(error instanceof RuleViolationError || error instanceof ConflictError)) return null;
    const field = error.field ?? 'form';
    const key =
      error instanceof ConflictError
        ? `partnersPages.conflict.${scope}.${field}`
        : `partnersPages.${scope === 'partner' ? 'error' : 'contactError'}.${field}`;
    return { field, messages: [this.text(key) ?? error.message], translated: true };
  }

  private statusOf(error: unknown): number {
    return error instanceof ConflictError ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
  }

  private kindLabel(kind: string): string {
    return this.t(`partnersPages.kind.${kind}`);
  }

  private t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.translator.translate(this.config.locale, key, params);
  }

  /** The message, or undefined when the catalogue has no such key. */
  private text(key: string): string | undefined {
    return this.views.translator.has(this.config.locale, key) ||
      this.views.translator.has('fr', key)
      ? this.t(key)
      : undefined;
  }

  private send(
    request: Request,
    response: Response,
    page: string,
    model: Record<string, unknown>,
    status: number = HttpStatus.OK,
  ): void {
    response
      .status(status)
      .type('html')
      .send(this.views.renderPage(request, page, model));
  }
}
