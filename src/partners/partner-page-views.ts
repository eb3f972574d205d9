import { HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  ConflictError,
  DomainError,
  type MessageRef,
  RuleViolationError,
} from '../common/domain-errors';
import type { FieldError } from '../common/validation';
import { AppConfig } from '../config/app-config';
import {
  PartnerAttendanceService,
  type PartnerMeetingRow,
} from '../meetings/partner-attendance.service';
import type { Project } from '../projects/project';
import { ProjectsService } from '../projects/projects.service';
import type { FormOutcome } from '../web/forms';
import { pageHref, pager } from '../web/pager';
import { ViewService } from '../web/view.service';
import type { Partner } from './partner';
import { PartnersService } from './partners.service';

/** Lines per page of a partner's "see all" meetings and projects. */
export const ACTIVITY_PAGE_SIZE = 25;

/** The errors a partner or contact form shows beside its fields: a broken rule or a duplicate. */
export function isFormProblem(error: unknown): error is DomainError {
  return error instanceof RuleViolationError || error instanceof ConflictError;
}

/**
 * What the partner directory's page controllers share: the partner page (shown again by the
 * delete and contact forms when they are refused), the wording of form problems, sending a page.
 */
@Injectable()
export class PartnerPageViews {
  constructor(
    private readonly partners: PartnersService,
    private readonly attendance: PartnerAttendanceService,
    private readonly projects: ProjectsService,
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  /** The partner page: a constant number of queries (partner + contacts, meetings, projects). */
  async showPartner(
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
        meetings: meetings.items.map((m) => this.meetingRow(m)),
        meetingTotals: meetings.totals,
        allMeetings: meetings.totals.meetings > meetings.items.length,
        projects: projects.items.map((p) => this.projectRow(p, id)),
        allProjects: projects.total > projects.items.length,
        projectTotal: projects.total,
      },
      status,
    );
  }

  /** All the partner's meetings, page by page (the partner page shows the latest 10). */
  async showMeetings(request: Request, response: Response, id: number, page: number) {
    const partner = await this.partners.get(id);
    const meetings = await this.attendance.pageOf(id, page, ACTIVITY_PAGE_SIZE);
    this.send(request, response, 'pages/partners/meetings', {
      title: this.t('partnersPages.meetings.title', { name: partner.name }),
      partner: { id: partner.id, name: partner.name },
      meetings: meetings.items.map((m) => this.meetingRow(m)),
      meetingTotals: meetings.totals,
      pager: pager(
        page,
        ACTIVITY_PAGE_SIZE,
        meetings.totals.meetings,
        pageHref(`/partners/${id}/meetings`),
      ),
    });
  }

  /** All the projects the partner leads or joins, page by page (its page shows the first 20). */
  async showProjects(request: Request, response: Response, id: number, page: number) {
    const partner = await this.partners.get(id);
    const projects = await this.projects.list({
      partnerId: id,
      page,
      pageSize: ACTIVITY_PAGE_SIZE,
    });
    this.send(request, response, 'pages/partners/projects', {
      title: this.t('partnersPages.projects.title', { name: partner.name }),
      partner: { id: partner.id, name: partner.name },
      projects: projects.items.map((p) => this.projectRow(p, id)),
      total: projects.total,
      pager: pager(page, ACTIVITY_PAGE_SIZE, projects.total, pageHref(`/partners/${id}/projects`)),
    });
  }

  /** A line of the partner's meetings (its page and its "see all" page). */
  meetingRow(m: PartnerMeetingRow) {
    return {
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
    };
  }

  /** A line of the partner's projects: led or joined, and its status. */
  projectRow(p: Pick<Project, 'id' | 'title' | 'status' | 'leadPartnerId'>, partnerId: number) {
    return {
      id: p.id,
      title: p.title,
      statusLabel: this.t(`partnersPages.projectStatus.${p.status}`),
      role: this.t(
        p.leadPartnerId === partnerId
          ? 'partnersPages.projects.lead'
          : 'partnersPages.projects.member',
      ),
      leads: p.leadPartnerId === partnerId,
    };
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
