import { Injectable, PipeTransform } from '@nestjs/common';
import { fieldError, InvalidInputException } from './validation';

/** Largest id of an integer column (PostgreSQL `integer`): bigger numbers name no record. */
export const MAX_ID = 2_147_483_647;

/**
 * A record id from the path: digits only, 1 to MAX_ID. Anything else (`abc`, `-1`, `1.5`, `0`,
 * `99999999999`) is a 400 naming the parameter, never a database error on either engine.
 * `@Param('id', IdPipe) id: number`; the parameter's name is the field reported.
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: { data?: string }): number {
    // The global ValidationPipe has already turned the text into a number (`transform: true`).
    const id = typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_ID) {
      const field = metadata.data ?? 'id';
      throw new InvalidInputException([fieldError(field, 'errors.input.id', { max: MAX_ID })]);
    }
    return id;
  }
}
