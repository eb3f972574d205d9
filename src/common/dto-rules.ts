import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { MAX_ID } from './id.pipe';

/**
 * Rules shared by the DTOs. PATCH semantics: a field left out is unchanged; `null` clears an
 * optional field (IsOptionalNullable, `nullable: true` in OpenAPI) and is refused with a 400 for
 * a field whose column is NOT NULL (IsOptionalNotNull). class-validator's IsOptional lets null
 * through, so update DTOs use these instead.
 */
/** Optional, but never null: for PATCH fields whose column is NOT NULL. */
export function IsOptionalNotNull() {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A filter of a GET form: an empty field ("from=") is no filter. */
export function BlankAsUndefined() {
  return Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
}

const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

/**
 * A number sent as text (a query string, a form field, a JSON string) read from its digits only,
 * a decimal comma or point with `decimals`. class-transformer's `@Type(() => Number)` runs
 * Number(), which reads "0x3" as 3, "1e1" as 10, " 5 " and `true` as numbers; here anything but
 * digits stays as sent, for the rules that follow (IsInt, IsId…) to refuse it.
 */
export function NumberFromText(options: { decimals?: boolean } = {}) {
  const pattern = options.decimals ? DECIMAL : WHOLE;
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && pattern.test(value) ? Number(value.replace(',', '.')) : value,
  );
}

/**
 * A calendar day, 'YYYY-MM-DD', that exists (not 2026-02-30, not 2026-13-01), from year 1000:
 * PostgreSQL has no year 0, and a filter rolled over to another month would list other rows.
 */
export function IsCalendarDay() {
  return applyDecorators(
    Matches(/^[1-9]\d{3}-\d{2}-\d{2}$/, { context: { format: 'day' } }),
    IsISO8601({ strict: true }),
  );
}

/** Optional and nullable (null clears the value). */
export function IsOptionalNullable() {
  return ValidateIf((_object, value) => value !== undefined && value !== null);
}

/** A record id: a whole number from 1 to MAX_ID (`{ each: true }` for arrays). */
export function IsId(options?: ValidationOptions) {
  return applyDecorators(IsInt(options), Min(1, options), Max(MAX_ID, options));
}

/**
 * A web address people will click: http(s) only, so `javascript:` or `data:` never becomes a
 * link on a page or in a mail. `require_tld: false` for intranet addresses (a visio server).
 */
export function IsWebUrl(options: { requireTld?: boolean } = {}) {
  // Worded by errors.validation.isUrl, which names the two protocols.
  return IsUrl({
    protocols: ['http', 'https'],
    require_protocol: true,
    require_tld: options.requireTld ?? true,
  });
}
