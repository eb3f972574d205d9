import type { FieldError } from '../common/validation';

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
