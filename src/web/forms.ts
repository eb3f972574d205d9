import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, RuleViolationError } from '../common/domain-errors';
import { flattenValidationErrors, type FieldError } from '../common/validation';
import type { ViewService } from './view.service';

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

/**
 * What a public form (no staff page kit) says of its fields at fault, in the site's language:
 * the catalogue's `<prefix>.<field>` message, which names the field, else a generic one naming it;
 * never class-validator's English. One message per field.
 */
export function fieldMessages(views: ViewService, prefix: string, errors: FieldError[]): string[] {
  const messages = errors.map((error) => {
    const message = views.textIfPresent(`${prefix}.${error.field}`);
    return message ?? views.text('form.error.field', { field: error.field });
  });
  return [...new Set(messages)];
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

// --- Reading the fields of a posted form (one reader for every page) ---

/** Form fields arrive as strings (or arrays of strings for repeated names); helpers to read them. */
export type FormBody = Record<string, unknown>;

export function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** A comma-separated list typed in one field ("insertion, emploi") as trimmed, non-empty items. */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Every value of a repeated field (checkboxes): one string or an array of strings. */
export function values(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/**
 * An optional id from a select: empty is "none" (null); anything else a number (NaN when not
 * one, so that the DTO's validation names the field).
 */
export function optionalId(value: string): number | null {
  return value.trim() === '' ? null : Number(value.trim());
}

/** An optional decimal ("50,633"): empty is null; a comma is a decimal point. */
export function optionalNumber(value: string): number | null {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** The fields at fault, for aria-invalid on each input. */
export function invalidFields(errors: FieldError[], extra: string[] = []): Record<string, boolean> {
  const fields: Record<string, boolean> = {};
  for (const error of errors) fields[error.field.split('.')[0]] = true;
  for (const field of extra) fields[field] = true;
  return fields;
}

/** The query parameters among `keys` that were given as non-empty strings. */
export function pick(raw: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (typeof raw[key] === 'string' && raw[key] !== '') out[key] = raw[key];
  return out;
}
