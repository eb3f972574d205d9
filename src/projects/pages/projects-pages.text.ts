import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthenticatedRequest } from '../../auth/auth.decorators';
import type { User } from '../../auth/users/user.entity';
import type { RuleViolationError } from '../../common/domain-errors';
import type { FieldError } from '../../common/validation';
import { AppConfig } from '../../config/app-config';
import { type Form, formNumber, formText } from '../../common/web/forms';
import { ViewService } from '../../common/web/view.service';

/** What a form posted, as typed (shown again beside the errors). */
export type Values = Record<string, string>;
/** One message per field at fault. */
export type Messages = Record<string, string>;

/** The projects forms' fields that the API's DTOs take as numbers (ids, the cadence). */
const NUMBER_FIELDS = new Set(['leadPartnerId', 'originMeetingId', 'cadenceDays', 'contactId']);

/**
 * The fields of a projects form, read by the shared form reader: the strings it posted (trimmed;
 * empty fields left out), and the same typed for the API's DTO (ids and the cadence as numbers,
 * NaN when not one, for the DTO to refuse naming the field), which web/forms validates.
 */
export function readProjectForm(
  body: Form,
  fields: readonly string[],
): { values: Values; typed: Form } {
  const values: Values = {};
  const typed: Form = {};
  for (const field of fields) {
    const value = formText(body, field);
    if (!value) continue;
    values[field] = value;
    typed[field] = NUMBER_FIELDS.has(field) ? formNumber(value) : value;
  }
  return { values, typed };
}

export function userOf(request: Request): User {
  return (request as AuthenticatedRequest).user as User;
}

/** What the projects pages share: their wording and the messages beside a form's fields. */
@Injectable()
export class ProjectsPagesText {
  constructor(
    private readonly views: ViewService,
    private readonly config: AppConfig,
  ) {}

  t(key: string, params: Record<string, string | number> = {}): string {
    return this.views.text(key, params);
  }

  /** A field's message: projectsPages.error.<field>, or the service's own message. */
  messageFor(field: string | undefined, fallback: string): string {
    const key = `projectsPages.error.${field ?? 'other'}`;
    return this.views.translator.has(this.config.locale, key) ? this.t(key) : fallback;
  }

  /** A broken rule: its field's message when the page has one, else the rule's own. */
  ruleMessage(error: RuleViolationError, field = error.field): string {
    return this.messageFor(field, this.views.errorText(error));
  }

  /** The rule's own explanation (e.g. "reopen it first"). */
  ruleText(error: RuleViolationError): string {
    return this.views.errorText(error);
  }

  fieldMessages(errors: FieldError[]): Messages {
    const out: Messages = {};
    for (const e of errors) {
      const field = e.field.split('.')[0];
      out[field] ??= this.messageFor(
        field,
        e.problems.map((problem) => this.views.messageText(problem)).join(' '),
      );
    }
    return out;
  }
}
