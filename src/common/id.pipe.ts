import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputException } from './validation';

const MAX_ID = 2_147_483_647;

/**
 * A record id from the path: a whole number that fits the integer columns. Anything else is a
 * 400 naming the parameter (never a 500 from the database), `@Param('id', IdPipe) id: number`.
 */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: { data?: string }): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      const field = metadata.data ?? 'id';
      throw new InvalidInputException([
        { field, messages: [`${field} must be a whole number between 1 and ${MAX_ID}`] },
      ]);
    }
    return id;
  }
}
