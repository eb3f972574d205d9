import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Trims text; other values pass through for the validators to judge. */
const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

/** Trims text and turns blank text into null (an optional field left empty). */
const trimToNull = Transform(({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
});

/** A required, trimmed, non-empty string of at most `max` characters (the column's length). */
export function RequiredText(max: number, example?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ maxLength: max, example }),
    trim,
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
  );
}

/** An optional, trimmed string of at most `max` characters; blank or null clears it. */
export function OptionalText(max: number, example?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: max, nullable: true, type: String, example }),
    trimToNull,
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
}
