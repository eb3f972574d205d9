import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  Matches,
  Max,
  Min,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';

/** An instant with its offset ("2026-03-12T08:30:00Z", "2026-03-12T09:30:00+01:00"). */
export function IsInstant() {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time' }),
    Matches(/T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/, {
      message: '$property must be a date-time with a time zone offset (Z or +01:00)',
    }),
  );
}

/** Optional, but never null: for PATCH fields whose column is NOT NULL. */
export function IsOptionalNotNull() {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Optional and nullable (null clears the value). */
export function IsOptionalNullable() {
  return ValidateIf((_object, value) => value !== undefined && value !== null);
}

/** Form fields: "" → undefined, "3" → 3 (leaves anything else for the validators to refuse). */
export function FormInt() {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '' || value === undefined || value === null) return undefined;
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
    return value;
  });
}

/** Form fields: one value or several → an array of numbers where they look like numbers. */
export function FormIntArray() {
  return Transform(({ value }: { value: unknown }) => {
    if (value === '' || value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    return list
      .filter((v) => v !== '')
      .map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  });
}

/** Query strings: "true"/"false" → booleans. */
export function QueryBoolean() {
  return Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );
}

/** Largest id of an integer column: bigger numbers would fail in the database, not in validation. */
export const MAX_ID = 2_147_483_647;

/** A record id: a whole number from 1 to MAX_ID (`{ each: true }` for arrays). */
export function IsId(options?: ValidationOptions) {
  return applyDecorators(IsInt(options), Min(1, options), Max(MAX_ID, options));
}
