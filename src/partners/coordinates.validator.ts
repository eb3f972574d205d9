import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, Max, Min, registerDecorator, ValidateIf } from 'class-validator';

/** Fails when this value is missing while its partner (latitude ↔ longitude) is given. */
function PairedWith(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'pairedWith',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      validator: {
        validate: (value: unknown) => value !== null && value !== undefined,
      },
    });
}

/**
 * A coordinate in degrees (−limit..limit). Latitude and longitude are given together or not at
 * all: when one is present (not null), both are checked, so the missing one is reported.
 */
export function Coordinate(limit: 90 | 180, other: 'latitude' | 'longitude'): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: -limit, maximum: limit, nullable: true }),
    ValidateIf((o: Record<string, unknown>, value: unknown) => value != null || o[other] != null),
    PairedWith(other),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-limit),
    Max(limit),
  );
}
