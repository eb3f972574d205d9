import type { FieldError } from '../common/validation';
import { InvalidInputException } from '../common/validation';
import { validateForm, type FormOutcome } from '../web/forms';
import type { ViewService } from '../web/view.service';
import type { AttendeeResponse, InvitationResponse } from './meeting.mappers';

/**
 * What the staff pages of meetings share (list, form, hub, invitations, check-in, agenda): reading
 * form fields and query strings, and the wording of the problems shown beside a form.
 */
export type Form = Record<string, unknown>;

export function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  return '';
}

export function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A whole number typed in a form, or NaN for the validators to refuse; '' → null. */
export function formNumber(value: string, decimal = false): number | null {
  if (value === '') return null;
  const normalised = decimal ? value.replace(',', '.') : value;
  return (decimal ? /^-?\d+(\.\d+)?$/ : /^\d+$/).test(normalised) ? Number(normalised) : NaN;
}

/** Query-string filters: unknown parameters (a flash such as saved=1) are ignored. */
export async function queryOf<T extends object>(type: new () => T, raw: Form): Promise<T> {
  const { value, errors } = await validateForm(type, raw);
  if (errors.length) throw new InvalidInputException(errors);
  return value;
}

export function fieldMessage(views: ViewService, field: string): string {
  const message = views.textIfPresent(`meetingsPages.error.${field}`);
  return message ?? views.text('meetingsPages.error.other', { field });
}

/** The messages of a form posted in vain: the broken rule's own, or one per field at fault. */
export function problems(views: ViewService, outcome: FormOutcome<unknown> & { ok: false }) {
  if (outcome.refused) return [views.errorText(outcome.refused)];
  return [...new Set(outcome.errors.map((e: FieldError) => fieldMessage(views, e.field)))];
}

/** A person on the check-in screen: a contact by id, someone else by name (stable between posts). */
export function personKey(person: AttendeeResponse): string {
  return person.contactId !== null ? `c${person.contactId}` : `g${person.fullName}`;
}

/** The people a partner announced, then those recorded as present who were not announced. */
export function peopleOf(invitation: InvitationResponse): AttendeeResponse[] {
  const same = (a: AttendeeResponse, b: AttendeeResponse) =>
    a.contactId !== null
      ? a.contactId === b.contactId
      : b.contactId === null && a.fullName === b.fullName;
  return [
    ...invitation.expected,
    ...invitation.present.filter((p) => !invitation.expected.some((e) => same(e, p))),
  ];
}

export function personName(views: ViewService, a: AttendeeResponse): string {
  return a.replacesName
    ? views.text('meetingsPages.replaces', { name: a.fullName, replaced: a.replacesName })
    : a.fullName;
}
