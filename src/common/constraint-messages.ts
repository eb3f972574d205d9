import type { ValidationError } from 'class-validator';
import { getMetadataStorage } from 'class-validator';
import { labelPrefixOf } from '../i18n/value-labels';
import type { MessageParam, MessageRef } from './domain-errors';

type Params = Record<string, MessageParam>;

/** The accepted values, listed with the app's labels where it has them. */
function values(list: readonly (string | number)[]): MessageParam {
  const labels = labelPrefixOf(list);
  return labels ? { values: list, labels } : { values: list };
}

/**
 * One message per class-validator constraint, `errors.validation.<constraint>` in the catalogues,
 * with the constraint's arguments as placeholders (besides `{field}`). A constraint missing here
 * says `errors.validation.invalid`. Decorators carry no message of their own: a rule whose
 * generic wording says too little (a `matches` pattern) names its format in `context`.
 */
const ARGUMENTS: Record<string, (args: unknown[], context: Record<string, unknown>) => Params> = {
  maxLength: ([max]) => ({ max: Number(max) }),
  minLength: ([min]) => ({ min: Number(min) }),
  isLength: ([min, max]) => ({ min: Number(min), max: Number(max) }),
  min: ([min]) => ({ min: Number(min) }),
  max: ([max]) => ({ max: Number(max) }),
  arrayMaxSize: ([max]) => ({ max: Number(max) }),
  arrayMinSize: ([min]) => ({ min: Number(min) }),
  isIn: ([list]) => ({ values: values(list as string[]) }),
  isEnum: ([entity]) => ({ values: values(Object.values(entity as object) as string[]) }),
  equals: ([value]) => ({ value: JSON.stringify(value) }),
  pairedWith: ([other]) => ({ other: String(other) }),
  matches: (_args, context) => ({ format: { key: `errors.format.${String(context.format)}` } }),
  isString: () => ({}),
  isInt: () => ({}),
  isNumber: () => ({}),
  isBoolean: () => ({}),
  isArray: () => ({}),
  arrayNotEmpty: () => ({}),
  isNotEmpty: () => ({}),
  isNotBlank: () => ({}),
  isDateString: () => ({}),
  isIso8601: () => ({}),
  isEmail: () => ({}),
  isUrl: () => ({}),
  isDefined: () => ({}),
  nestedValidation: () => ({}),
  whitelistValidation: () => ({}),
};

/** Every constraint the table words: the catalogue test checks each has both languages. */
export const WORDED_CONSTRAINTS = Object.keys(ARGUMENTS);

/**
 * The arguments the decorator was given (`MaxLength(200)` → [200]), read from its metadata, or
 * undefined when the error's target is not the decorated class (a JSON array sent for an object).
 */
function argumentsOf(error: ValidationError, constraint: string): unknown[] | undefined {
  const type = error.target?.constructor;
  if (!type) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(type, '', false, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  return metadata?.constraints as unknown[] | undefined;
}

/** Constraints whose message needs the decorator's arguments (`matches` needs its context). */
const WITH_ARGUMENTS = new Set([
  'maxLength',
  'minLength',
  'isLength',
  'min',
  'max',
  'arrayMaxSize',
  'arrayMinSize',
  'isIn',
  'isEnum',
  'equals',
  'pairedWith',
]);

/** The catalogue message of one failed constraint of a field. */
export function constraintMessage(
  error: ValidationError,
  constraint: string,
  field: string,
): MessageRef {
  const context = (error.contexts?.[constraint] ?? {}) as Record<string, unknown>;
  const words = ARGUMENTS[constraint];
  const args = argumentsOf(error, constraint) ?? [];
  if (
    !words ||
    (constraint === 'matches' && !context.format) ||
    (WITH_ARGUMENTS.has(constraint) && args.length === 0)
  ) {
    return { key: 'errors.validation.invalid', params: { field } };
  }
  // Length(10) is a minimum; Length(10, 10) an exact length.
  if (constraint === 'isLength' && (args[1] === undefined || args[1] === args[0])) {
    const exact = args[1] !== undefined;
    const key = exact ? 'errors.validation.lengthExact' : 'errors.validation.minLength';
    return { key, params: { field, min: Number(args[0]) } };
  }
  return { key: `errors.validation.${constraint}`, params: { field, ...words(args, context) } };
}
