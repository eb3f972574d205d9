import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { constraintMessage } from './constraint-messages';
import type { MessageRef } from './domain-errors';

/** A field at fault ("contacts.0.email") and what is wrong with it, in catalogue messages. */
export interface FieldError {
  field: string;
  problems: MessageRef[];
}

/** Flattens class-validator's nested errors into "contacts.0.email"-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const problems = Object.keys(error.constraints).map((constraint) =>
        constraintMessage(error, constraint, field),
      );
      out.push({ field, problems });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** One field and one catalogue message: `fieldError('id', 'errors.input.id', { max })`. */
export function fieldError(
  field: string,
  key: string,
  params: MessageRef['params'] = {},
): FieldError {
  return { field, problems: [{ key, params: { field, ...params } }] };
}

/** Thrown for bad input; the error filter words each field's problems in the answer. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid input: ${errors.map((e) => e.field).join(', ')}`);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets the error messages read each constraint's arguments (MaxLength's 200).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
