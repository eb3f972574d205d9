import { Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputException } from './validation';

const MAX_ID = 2_147_483_647;

/**
 * A record id from the path: a whole number from 1 to 2^31-1, else 400 naming the parameter.
 * (ParseIntPipe lets 99999999999 through, which PostgreSQL then refuses with a 500.)
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: { data?: string }): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
      const field = metadata.data ?? 'id';
      throw new InvalidInputException([{ field, messages: [`${field} must be a record id`] }]);
    }
    return id;
  }
}
