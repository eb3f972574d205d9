import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-errors';
import { InvalidInputException } from './validation';

/** Largest id of an integer column (PostgreSQL `integer`): bigger numbers name no record. */
export const MAX_ID = 2_147_483_647;

/** A well-formed id that no record can have: a missing page, not a broken request. */
export class IdOutOfRangeError extends DomainError {
  readonly kind = 'not-found';
  constructor(field: string, value: string) {
    super(`No record has ${field} ${value}`, field, {
      key: 'error.idOutOfRange',
      params: { field },
    });
  }
}

/**
 * A record id from the path: digits only, 1 to MAX_ID. Malformed (`abc`, `-1`, `1.5`, `0`) is a
 * 400 naming the parameter; digits beyond the column's range a 404, never a database error.
 * `@Param('id', IdPipe) id: number`; the parameter's name is the field reported.
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: { data?: string }): number {
    const field = metadata.data ?? 'id';
    const text = typeof value === 'number' ? String(value) : value;
    if (typeof text !== 'string' || !/^\d{1,400}$/.test(text) || /^0+$/.test(text)) {
      throw new InvalidInputException([
        { field, messages: [`${field} must be a whole number between 1 and ${MAX_ID}`] },
      ]);
    }
    const id = Number(text);
    if (id > MAX_ID)
      throw new IdOutOfRangeError(field, text.length > 20 ? `${text.slice(0, 20)}…` : text);
    return id;
  }
}
