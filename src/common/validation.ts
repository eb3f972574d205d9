import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { constraintMessage } from './constraint-messages';
import type { MessageRef } from './domain-errors';
import { requireVisibleText } from './visible-text';

/** A field at fault ("contacts.0.email") and what is wrong with it, in catalogue messages. */
export interface FieldError {
  field: string;
  problems: MessageRef[];
}

/** Flattens class-validator's nested errors into "contacts.0.email"-style field paths. */
/** Rules on the value's type: when one fails, the others (its length, its format) say nothing. */
const TYPE_RULES = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);
const DATE_RULES = new Set(['isIso8601', 'isDateString']);
/** Rules on a value, all failing at once when there is none (rules across fields are not). */
const VALUE_RULES = new Set([
  ...TYPE_RULES,
  'isDefined',
  'isNotEmpty',
  'isNotBlank',
  'maxLength',
  'minLength',
  'isLength',
  'matches',
  'isEmail',
  'isUrl',
  'isIn',
  'isEnum',
  'min',
  'max',
  'isDateString',
  'isIso8601',
  'arrayNotEmpty',
  'arrayMinSize',
  'arrayMaxSize',
]);

/**
 * The failed rules worth saying: a missing field is "obligatoire" (not its length, its format
 * and its type one after the other), a value of the wrong type says only that.
 */
function relevantConstraints(error: ValidationError): string[] {
  const failed = Object.keys(error.constraints ?? {});
  const target = error.target as Record<string, unknown> | undefined;
  const missing = !!target && typeof target === 'object' && target[error.property] === undefined;
  if (missing && failed.some((constraint) => VALUE_RULES.has(constraint))) {
    return ['isDefined', ...failed.filter((constraint) => !VALUE_RULES.has(constraint))];
  }
  const types = failed.filter((constraint) => TYPE_RULES.has(constraint));
  if (types.length) return types;
  // A format named by the field's own rule ("une date et heure avec son fuseau horaire") says
  // more than ISO 8601's generic example, which may even be a format the field refuses.
  if (failed.includes('matches')) return failed.filter((c) => !DATE_RULES.has(c));
  return failed;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    // The body itself is not an object (a JSON list sent to a form's route): no field to name.
    if (!prefix && !error.property) {
      out.push({ field: 'body', problems: [{ key: 'errors.input.bodyNotObject' }] });
      continue;
    }
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const problems = relevantConstraints(error).map((constraint) =>
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
class StrictValidationPipe extends ValidationPipe {
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
  requireVisibleText(); // before rememberValidationRules, which keeps what it answers
  rememberValidationRules();
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets the error messages read each constraint's arguments (MaxLength's 200).
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
  });
}
