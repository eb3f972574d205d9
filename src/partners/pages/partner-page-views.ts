import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConflictError, DomainError, type MessageRef } from '../../common/domain-errors';
import type { FieldError } from '../../common/validation';
import { AppConfig } from '../../config/app-config';
import { type FormOutcome, isRefusal } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';
import { PartnerPageSections } from '../partner-page-sections';
import {
  partnerMeetingsPageModel,
  type PartnerPageExtra,
  partnerPageModel,
  type PartnerPageText,
  partnerProjectsPageModel,
} from './partner-page.view-model';
import { PartnersService } from '../partners.service';

/** Lines per page of a partner's "see all" meetings and projects. */
export const ACTIVITY_PAGE_SIZE = 25;

/** The errors a partner or contact form shows beside its fields: a broken rule or a duplicate. */
export const isFormProblem = isRefusal('rule', 'conflict');

/** Meetings and projects the partner page shows before its "see all" links. */
const RECENT_MEETINGS = 10;
const FIRST_PROJECTS = 20;

/**
 * What the partner directory's page controllers share: the partner page (shown again by the
 * delete and contact forms when they are refused), the wording of form problems, sending a page.
 * The meetings and projects sections come from the features that registered them
 * (PartnerPageSections); the models are built in partner-page.view-model.ts.
 */
@Injectable()
export class PartnerPageViews implements PartnerPageText {
  constructor(
    private readonly partners: PartnersService,
    private readonly sections: PartnerPageSections,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** The partner page: a constant number of queries (partner + contacts, meetings, projects). */
  async showPartner(
    request: Request,
    response: Response,
    id: number,
    extra: PartnerPageExtra,
    status: number = HttpStatus.OK,
  ): Promise<void> {
    const partner = await this.partners.get(id);
    const [meetings, projects] = await Promise.all([
      this.sections.section('meetings').pageOf(id, 1, RECENT_MEETINGS),
      this.sections.section('projects').pageOf(id, 1, FIRST_PROJECTS),
    ]);
    const model = partnerPageModel(this, partner, meetings, projects, extra);
    this.send(request, response, 'pages/partners/show', model, status);
  }

  /** All the partner's meetings, page by page (the partner page shows the latest 10). */
  async showMeetings(request: Request, response: Response, id: number, page: number) {
    const partner = await this.partners.get(id);
    const meetings = await this.sections.section('meetings').pageOf(id, page, ACTIVITY_PAGE_SIZE);
    const model = partnerMeetingsPageModel(this, partner, meetings, page, ACTIVITY_PAGE_SIZE);
    this.send(request, response, 'pages/partners/meetings', model);
  }

  /** All the projects the partner leads or joins, page by page (its page shows the first 20). */
  async showProjects(request: Request, response: Response, id: number, page: number) {
    const partner = await this.partners.get(id);
    const projects = await this.sections.section('projects').pageOf(id, page, ACTIVITY_PAGE_SIZE);
    const model = partnerProjectsPageModel(this, partner, projects, page, ACTIVITY_PAGE_SIZE);
    this.send(request, response, 'pages/partners/projects', model);
  }

  /** The fields at fault of a form posted in vain, with the broken rule's or duplicate's wording. */
  problems(
    outcome: FormOutcome<unknown> & { ok: false },
    scope: 'partner' | 'contact' = 'partner',
  ): FieldError[] {
    return outcome.refused ? [this.formError(outcome.refused, scope)] : outcome.errors;
  }

  /** 409 for a duplicate, 422 for the rest. */
  statusOf(outcome: FormOutcome<unknown> & { ok: false }): number {
    return outcome.refused instanceof ConflictError
      ? HttpStatus.CONFLICT
      : HttpStatus.UNPROCESSABLE_ENTITY;
  }

  /** A broken rule or a duplicate beside the form: the page's wording of its field, else its own. */
  private formError(
    error: DomainError,
    scope: 'partner' | 'contact',
  ): FieldError & { translated: true } {
    const field = error.field ?? 'form';
    const key =
      error instanceof ConflictError
        ? `partnersPages.conflict.${scope}.${field}`
        : `partnersPages.${scope === 'partner' ? 'error' : 'contactError'}.${field}`;
    return {
      field,
      problems: [this.text(key) === undefined ? error.text : { key }],
      translated: true,
    };
  }

  kindLabel(kind: string): string {
    return this.t(`partnersPages.kind.${kind}`);
  }

  t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.translator.translate(this.config.locale, key, params);
  }

  /** A catalogue message by reference (an error's), in the site's language. */
  message(text: MessageRef): string {
    return this.views.messageText(text);
  }

  /** The message, or undefined when the catalogue has no such key. */
  text(key: string): string | undefined {
    return this.views.translator.has(this.config.locale, key) ||
      this.views.translator.has('fr', key)
      ? this.t(key)
      : undefined;
  }

  send(
    request: Request,
    response: Response,
    page: string,
    model: Record<string, unknown>,
    status: number = HttpStatus.OK,
  ): void {
    this.views.sendPage(request, response, page, model, status);
  }
}
