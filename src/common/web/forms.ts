import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, RuleViolationError } from '../domain-errors';
import { flattenValidationErrors, InvalidInputException, type FieldError } from '../validation';
import type { ViewService } from './view.service';
import type { MessageRef } from '../domain-errors';

/**
 * Validates an HTML form body against a DTO, for pages that show errors beside the form instead
 * of answering 400: unknown fields (the `_csrf` token, buttons) are dropped, not refused.
 */
export async function validateForm<T extends object>(
  type: ClassConstructor<T>,
  body: unknown,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(type, typeof body === 'object' && body !== null ? body : {});
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: false });
  return { value, errors: flattenValidationErrors(errors) };
}

/** What became of a posted form: the action's result, or what to show beside the form again. */
export type FormOutcome<R> =
  { ok: true; result: R } | { ok: false; errors: FieldError[]; refused?: DomainError };

/**
 * The skeleton every form post shares: check the fields against the API's DTO, run the service's
 * action, and turn an error that `refusable` accepts (a broken rule, by default) into a problem
 * shown with the form instead of an error page. Any other error propagates (404 page, 500).
 */
export async function submitForm<T extends object, R>(
  type: ClassConstructor<T>,
  fields: unknown,
  action: (value: T) => Promise<R>,
  refusable: (error: unknown) => error is DomainError = isRuleViolation,
): Promise<FormOutcome<R>> {
  const { value, errors } = await validateForm(type, fields);
  if (errors.length) return { ok: false, errors };
  try {
    return { ok: true, result: await action(value) };
  } catch (error) {
    if (!refusable(error)) throw error;
    const field = error.field ?? 'other';
    return { ok: false, errors: [{ field, problems: [error.text] }], refused: error };
  }
}

/** How a page words its form's problems: its own message for a field, if any, and a catalogue ref. */
export interface FieldWording {
  /** The page's own message of this key, or undefined when the catalogue has none. */
  text(key: string): string | undefined;
  message(text: MessageRef): string;
}

/** A field at fault; `translated` when its problems already are the page's own words. */
export type ShownFieldError = FieldError & { translated?: boolean };

/**
 * The one way forms word their errors: one message per field, the page's own (`<prefix>.<field>`)
 * when the catalogue has one, else `otherwise` of the field (by default the validator's messages,
 * in the site's language, joined); and the list of them for the summary at the top of the form.
 */
export function fieldErrorMessages(
  errors: ShownFieldError[],
  wording: FieldWording,
  prefix: string,
  otherwise: (error: ShownFieldError) => string = (error) =>
    error.problems.map((problem) => wording.message(problem)).join(' ; '),
): { byField: Record<string, string>; list: string[] } {
  const byField: Record<string, string> = {};
  for (const error of errors) {
    byField[error.field] =
      (error.translated ? undefined : wording.text(`${prefix}.${error.field}`)) ?? otherwise(error);
  }
  return { byField, list: Object.values(byField) };
}

/**
 * What a public form (no staff page kit) says of its fields at fault, in the site's language:
 * the catalogue's `<prefix>.<field>` message, which names the field, else a generic one naming it;
 * never class-validator's English. One message per field.
 */
export function fieldMessages(views: ViewService, prefix: string, errors: FieldError[]): string[] {
  const wording = { text: (key: string) => views.textIfPresent(key), message: () => '' };
  const { list } = fieldErrorMessages(errors, wording, prefix, (error) =>
    views.text('form.error.field', { field: error.field }),
  );
  return [...new Set(list)];
}

export function isRuleViolation(error: unknown): error is RuleViolationError {
  return error instanceof RuleViolationError;
}

/** Where to go after signing in: a path on this site only (never `//host` or a full URL). */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!/^\/(?![/\\])/.test(value) || value.includes('\\')) return fallback;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  return value;
}

// --- Reading a posted form or a query string, field by field (one reader for every page) ---

/** A posted form or a query string as Express parses it: strings, arrays of strings. */
export type Form = Record<string, unknown>;

/** A field's value, trimmed; the first one when the name is repeated; '' when absent. */
export function formText(form: Form, name: string): string {
  const value = form[name];
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim();
  return '';
}

/** Every value of a repeated field (checkboxes, multiple selects), untrimmed; [] when absent. */
export function formValues(form: Form, name: string): string[] {
  const value = form[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * A number typed in a form: '' → null; a whole number (or, with `decimal`, a decimal with a point
 * or a comma); anything else NaN, for the DTO's validators to refuse naming the field.
 */
export function formNumber(value: string, decimal = false): number | null {
  if (value === '') return null;
  const normalised = decimal ? value.replace(',', '.') : value;
  return (decimal ? /^-?\d+(\.\d+)?$/ : /^\d+$/).test(normalised) ? Number(normalised) : NaN;
}

/**
 * Query-string filters read into their DTO (the API's 400 when one is invalid): unknown
 * parameters (a flash such as saved=1) are ignored.
 */
export async function queryOf<T extends object>(type: ClassConstructor<T>, raw: Form): Promise<T> {
  const { value, errors } = await validateForm(type, raw);
  if (errors.length) throw new InvalidInputException(errors);
  return value;
}

/** A comma-separated list typed in one field ("insertion, emploi") as trimmed, non-empty items. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * An optional id from a select: empty is "none" (null); anything else a number (NaN when not
 * one, so that the DTO's validation names the field).
 */
export function optionalId(value: string): number | null {
  return value.trim() === '' ? null : Number(value.trim());
}

/** The fields at fault, for aria-invalid on each input. */
export function invalidFields(errors: FieldError[], extra: string[] = []): Record<string, boolean> {
  const fields: Record<string, boolean> = {};
  for (const error of errors) fields[error.field.split('.')[0]] = true;
  for (const field of extra) fields[field] = true;
  return fields;
}

/** The query parameters among `keys` that were given (not empty): repeated ones stay arrays. */
export function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A repeated parameter (an array) is kept, for the DTO to refuse it rather than ignore it.
  for (const key of keys) if (raw[key] !== undefined && raw[key] !== '') out[key] = raw[key];
  return out;
}

/**
 * Which domain errors a form shows beside its fields instead of an error page, by kind
 * (`submitForm(..., isRefusal('rule', 'conflict'))`, or in a catch).
 */
export function isRefusal(...kinds: DomainError['kind'][]) {
  return (error: unknown): error is DomainError =>
    error instanceof DomainError && kinds.includes(error.kind);
}
