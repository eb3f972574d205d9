import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, type FieldError } from '../common/validation';

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

/** Where to go after signing in: a path on this site only (never `//host` or a full URL). */
export function localPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!/^\/(?![/\\])/.test(value) || value.includes('\\')) return fallback;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  return value;
}
