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
 * Years a date may fall in, from 1000 to 2999: PostgreSQL has no year 0, and the day after a day
 * of year 9999, the month after its December or a period counted from it would leave the
 * four-digit dates that the app computes and compares.
 */
const YEAR = '[12]\\d{3}';

/**
 * A calendar day, 'YYYY-MM-DD', that exists (not 2026-02-30, not 2026-13-01), in the years above;
 * a filter rolled over to another month would list other rows.
 */
export function IsCalendarDay(options?: ValidationOptions) {
  return applyDecorators(
    Matches(new RegExp(`^${YEAR}-\\d{2}-\\d{2}$`), { ...options, context: { format: 'day' } }),
    IsISO8601({ strict: true }, options),
  );
}

/** A month, 'YYYY-MM', in the years above. */
export function IsCalendarMonth() {
  return Matches(new RegExp(`^${YEAR}-(0[1-9]|1[0-2])$`), { context: { format: 'month' } });
}

/** An instant with its offset ("2026-03-12T08:30:00Z", "2026-03-12T09:30:00+01:00"). */
export function IsInstant() {
  return applyDecorators(
    IsISO8601({ strict: true }),
    Matches(new RegExp(`^${YEAR}-.*T\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?(Z|[+-]\\d\\d:?\\d\\d)$`), {
      context: { format: 'instantOffset' },
    }),
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

/** An address typed without its protocol, as lists and people write sites: "www.mde-bugey.fr". */
const BARE_ADDRESS = /^(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}(?::\d+)?(?:[/?#]\S*)?$/u;

/**
 * A web address people will click: http(s) only, so `javascript:` or `data:` never becomes a
 * link on a page or in a mail. `require_tld: false` for intranet addresses (a visio server).
 * One typed without its protocol ("www.mde-bugey.fr", most French lists write sites so) is
 * read as https://…, rather than refused on every row of an import.
 */
export function IsWebUrl(options: { requireTld?: boolean } = {}) {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && BARE_ADDRESS.test(value.trim())
        ? `https://${value.trim()}`
        : value,
    ),
    // Worded by errors.validation.isUrl, which names the two protocols.
    IsUrl({
      protocols: ['http', 'https'],
      require_protocol: true,
      require_tld: options.requireTld ?? true,
    }),
  );
}
