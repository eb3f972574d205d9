import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens class-validator's nested errors into "contacts.0.email"-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** Thrown for bad input; the body names each field at fault. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({
      statusCode: 400,
      error: 'Bad Request',
      message: `Invalid input: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    });
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
