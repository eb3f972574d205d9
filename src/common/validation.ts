import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
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

/**
 * class-validator looks a class's rules up at each validation by testing every decorated class of
 * the app for inheritance (typestack/class-validator#2686, open): 1.5 % of a page's CPU here, with
 * 150-odd DTOs. The rules of a class are all registered when it is defined, so the answer is
 * remembered per class and arguments, and forgotten whenever a rule is registered.
 */
export function rememberValidationRules(): void {
  const storage = getMetadataStorage();
  if (remembered.has(storage)) return;
  remembered.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  type Rules = ReturnType<typeof lookUp>;
  let answers = new WeakMap<object, Map<string, Rules>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join('\u0000') ?? ''}`;
    let byArguments = answers.get(target);
    if (!byArguments) answers.set(target, (byArguments = new Map<string, Rules>()));
    let rules = byArguments.get(key);
    if (!rules)
      byArguments.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    answers = new WeakMap();
    register(metadata);
  };
}
const remembered = new WeakSet<object>();

/**
 * Fields named like what every object inherits (`constructor`, `toString`, `__proto__`…):
 * class-validator's whitelist looks names up in a plain object, finds these there, and lets them
 * through as known. They are refused as any unknown field is, at any depth.
 */
function refuseInheritedNames(value: unknown, prefix = ''): void {
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (key in Object.prototype) {
      throw new InvalidInputException([fieldError(field, 'errors.validation.whitelistValidation')]);
    }
    refuseInheritedNames(child, field);
  }
}

/**
 * Nest's pipe, except that a path parameter typed `number` is converted only when it is written
 * in digits (Nest's `Number(text)` reads `0x10` as 16, `1e1` as 10 and ` 1` as 1, which would
 * let IdPipe, which then sees a number, accept them as ids), and that a DTO body's fields named
 * like Object's own members are refused (refuseInheritedNames).
 */
class ValidationPipeWithPlainIds extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype && metadata.metatype !== Object;
    if (metadata.type === 'body' && dto) refuseInheritedNames(value);
    return super.transform(value, metadata);
  }

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' && typeof value === 'string' && !/^\d+$/.test(value)) {
      return value;
    }
    return super.transformPrimitive(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  rememberValidationRules();
  return new ValidationPipeWithPlainIds({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets the error messages read each constraint's arguments (MaxLength's 200).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
