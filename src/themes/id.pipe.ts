import { ParseIntPipe } from '@nestjs/common';
import { InvalidInputException } from '../common/validation';

/** A positive integer route parameter; anything else answers 400 naming the parameter. */
export function IdPipe(field = 'id'): ParseIntPipe {
  return new ParseIntPipe({
    exceptionFactory: () =>
      new InvalidInputException([{ field, messages: [`${field} must be an integer`] }]),
  });
}
