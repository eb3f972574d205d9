import { type Form, formNumber, formText } from '../../common/web/forms';
import { PARTNER_FIELDS } from '../partner-rules';

/**
 * Which fields the partner and contact forms have, read with the shared form reader (formText:
 * trimmed, as the DTOs trim them anyway).
 */
export type FormBody = Form;

/**
 * An HTML partner form as the DTOs expect it: every field a string (trimmed), except the
 * coordinates (numbers; blank is null, anything else stays text for the validator to refuse).
 */
export function partnerFormToDto(body: FormBody): Record<string, unknown> {
  const dto: Record<string, unknown> = {};
  for (const field of PARTNER_FIELDS) {
    const value = formText(body, field);
    if (field === 'latitude' || field === 'longitude') {
      // Digits and a decimal point or comma only: Number() would read "1e1" and "0x10".
      const number = formNumber(value, true);
      dto[field] = number === null || !Number.isNaN(number) ? number : value;
    } else {
      dto[field] = value;
    }
  }
  return dto;
}

/** The values to show again in a partner form (as typed, trimmed). */
export function partnerFormValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(PARTNER_FIELDS.map((field) => [field, formText(body, field)]));
}

export const CONTACT_FORM_FIELDS = ['fullName', 'jobTitle', 'email', 'phone', 'notes'] as const;

/** An HTML contact form: texts (trimmed), checkboxes present (checked) or absent. */
export function contactFormToDto(body: FormBody): Record<string, unknown> {
  const dto: Record<string, unknown> = {};
  for (const field of CONTACT_FORM_FIELDS) dto[field] = formText(body, field);
  dto.receivesMinutes = body.receivesMinutes !== undefined;
  dto.newsletterConsent = body.newsletterConsent !== undefined;
  return dto;
}

export function contactFormValues(body: FormBody): Record<string, string | boolean> {
  return {
    ...Object.fromEntries(CONTACT_FORM_FIELDS.map((field) => [field, formText(body, field)])),
    receivesMinutes: body.receivesMinutes !== undefined,
    newsletterConsent: body.newsletterConsent !== undefined,
  };
}
