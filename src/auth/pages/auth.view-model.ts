import type { FieldError } from '../../common/validation';
import type { SetupFormDto } from '../users/setup.dto';

/** The sign-in and set-up pages, with the catalogue key of each one's title. */
export const AUTH_PAGE_TITLES = {
  'pages/auth/setup': 'setup.title',
  'pages/auth/login': 'auth.signInTitle',
} as const;

export type AuthPage = keyof typeof AUTH_PAGE_TITLES;

/**
 * What the set-up form says is wrong: one message per field at fault, and the two passwords that
 * differ (catalogue keys, `setup.error.<field>`).
 */
export function setupMessages(value: Partial<SetupFormDto>, errors: FieldError[]): string[] {
  const messages = errors.map((e) => `setup.error.${e.field}`);
  if (typeof value.password === 'string' && value.password !== value.passwordConfirmation) {
    messages.push('setup.error.passwordConfirmation');
  }
  return messages;
}

/** The set-up form as typed (never the passwords), to show it again. */
export function setupRefill(
  value: Partial<SetupFormDto>,
  demoData: boolean,
  offerDemoData: boolean,
): Record<string, unknown> {
  return { email: value.email, displayName: value.displayName, demoData, offerDemoData };
}
