import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, IsUrl, Max, Min, ValidateIf, type ValidationOptions } from 'class-validator';
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
