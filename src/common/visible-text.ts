import {
  getMetadataStorage,
  ValidationTypes,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/** A character someone can see: not a space of any kind, a control or an invisible format mark. */
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}]/u;

/** True when the text shows something ("   " and "\u200b" show nothing). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

@ValidatorConstraint({ name: 'isNotBlank' })
class NotBlank implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || hasVisibleText(value);
  }
}

/**
 * The rules that mean "some text is required": `IsNotEmpty()`, `Length(1…)`, `MinLength(1…)`.
 * class-validator's own let "   " or a zero-width space through, which services then trim to an
 * empty title (an empty link on every list).
 */
function requiresText(rule: ValidationMetadata): boolean {
  if (rule.name === 'isNotEmpty') return true;
  if (rule.name === 'isLength' || rule.name === 'minLength')
    return Number((rule.constraints as unknown[])[0]) >= 1;
  return false;
}

/**
 * Every DTO rule that requires text also requires a visible character (`isNotBlank`, worded as
 * `errors.validation.isNotBlank`): added to the rules class-validator looks up for a class, so
 * every DTO, today's and tomorrow's, gets it without a decorator to remember.
 */
export function requireVisibleText(): void {
  const storage = getMetadataStorage();
  if (installed.has(storage)) return;
  installed.add(storage);
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (...args) => {
    const rules = lookUp(...args);
    // A copy of the rule (same property, groups, `each`), checking for a visible character.
    const companions = rules.filter(requiresText).map((rule): ValidationMetadata =>
      Object.assign(Object.create(Object.getPrototypeOf(rule) as object) as ValidationMetadata, {
        ...rule,
        type: ValidationTypes.CUSTOM_VALIDATION,
        name: 'isNotBlank',
        constraintCls: NotBlank,
        constraints: [],
        message: undefined,
        context: undefined,
      }),
    );
    return companions.length ? [...rules, ...companions] : rules;
  };
}
const installed = new WeakSet<object>();
