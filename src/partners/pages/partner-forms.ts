import type { MessageRef } from '../../common/domain-errors';
import type { FieldError } from '../../common/validation';
import { PARTNER_FIELDS } from '../partner-rules';

export type FormBody = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * An HTML partner form as the DTOs expect it: every field a string as typed, except the
 * coordinates (numbers; blank is null, anything else stays text for the validator to refuse).
 */
export function partnerFormToDto(body: FormBody): Record<string, unknown> {
  const dto: Record<string, unknown> = {};
  for (const field of PARTNER_FIELDS) {
    const value = text(body[field]);
    if (field === 'latitude' || field === 'longitude') {
      const trimmed = value.trim().replace(',', '.');
      dto[field] =
        trimmed === '' ? null : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    } else {
      dto[field] = value;
    }
  }
  return dto;
}

/** The values to show again in a partner form (as typed). */
export function partnerFormValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(PARTNER_FIELDS.map((field) => [field, text(body[field])]));
}

export const CONTACT_FORM_FIELDS = ['fullName', 'jobTitle', 'email', 'phone', 'notes'] as const;

/** An HTML contact form: texts as typed, checkboxes present (checked) or absent. */
export function contactFormToDto(body: FormBody): Record<string, unknown> {
  const dto: Record<string, unknown> = {};
  for (const field of CONTACT_FORM_FIELDS) dto[field] = text(body[field]);
  dto.receivesMinutes = body.receivesMinutes !== undefined;
  dto.newsletterConsent = body.newsletterConsent !== undefined;
  return dto;
}

export function contactFormValues(body: FormBody): Record<string, string | boolean> {
  return {
    ...Object.fromEntries(CONTACT_FORM_FIELDS.map((field) => [field, text(body[field])])),
    receivesMinutes: body.receivesMinutes !== undefined,
    newsletterConsent: body.newsletterConsent !== undefined,
  };
}

/**
 * Validation errors as the templates show them: one message per field (the page's own wording
 * when the catalogue has one for that field, the validator's otherwise), and the list for the
 * summary at the top of the form.
 */
export function fieldMessages(
  errors: (FieldError & { translated?: boolean })[],
  pages: { text(key: string): string | undefined; message(text: MessageRef): string },
  prefix: string,
): { byField: Record<string, string>; list: string[] } {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    byField[error.field] =
      ('translated' in error && error.translated
        ? undefined
        : pages.text(`${prefix}.${error.field}`)) ??
      error.problems.map((problem) => pages.message(problem)).join(' ; ');
  }
  return { byField, list: Object.values(byField) };
}
