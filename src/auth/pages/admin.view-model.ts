import type { MessageRef } from '../../common/domain-errors';
import type { FieldError } from '../../common/validation';
import {
  fieldErrorMessages,
  type Form,
  formText,
  type ShownFieldError,
} from '../../common/web/forms';
import type { ApiToken } from '../tokens/api-token.entity';
import { ROLES, type Role, type User } from '../users/user.entity';

/** The wording the administration pages need: a message, whether the catalogue has it. */
export interface AdminWords {
  t(key: string, params?: Record<string, string | number>): string;
  has(key: string): boolean;
  message(text: MessageRef): string;
}

export interface UsersPageState {
  saved?: string;
  values?: Record<string, string>;
  errors?: ShownFieldError[];
  problem?: string;
}

export interface TokensPageState {
  saved?: string;
  name?: string;
  errors?: FieldError[];
  created?: { name: string; secret: string };
}

/** The new-user form as typed, to show it again beside its errors. */
export function newUserValues(body: Form): Record<string, string> {
  return {
    email: formText(body, 'email'),
    displayName: formText(body, 'displayName'),
    role: formText(body, 'role') || 'coordinator',
  };
}

/**
 * What a user row's form asks to change: a known role, and `active` when it says true or false.
 * Anything else is left as it is (the row's selects only offer these values).
 */
export function userRowChanges(body: Form): { role?: Role; active?: boolean } {
  const role = formText(body, 'role');
  const active = formText(body, 'active');
  const changes: { role?: Role; active?: boolean } = {};
  if ((ROLES as readonly string[]).includes(role)) changes.role = role as Role;
  if (active === 'true' || active === 'false') changes.active = active === 'true';
  return changes;
}

/** The email already taken: shown beside the email field in the page's own words. */
export const EMAIL_TAKEN: ShownFieldError = {
  field: 'email',
  problems: [{ key: 'adminPages.conflict.email' }],
  translated: true,
};

function savedMessage(words: AdminWords, saved: string | undefined): string | null {
  return saved && words.has(`adminPages.saved.${saved}`)
    ? words.t(`adminPages.saved.${saved}`)
    : null;
}

function roleChoices(words: AdminWords, selected: string | undefined) {
  return ROLES.map((role) => ({
    value: role,
    label: words.t(`adminPages.role.${role}`),
    selected: role === selected,
  }));
}

/** The model of `pages/admin/users`: the staff accounts, the new-user form and its errors. */
export function usersPageModel(
  words: AdminWords,
  users: User[],
  current: { id: number } | undefined,
  state: UsersPageState,
): Record<string, unknown> {
  const values = state.values ?? { email: '', displayName: '', role: 'coordinator' };
  const wording = {
    text: (key: string) => (words.has(key) ? words.t(key) : undefined),
    message: words.message,
  };
  const shown = fieldErrorMessages(state.errors ?? [], wording, 'adminPages.error');
  return {
    title: words.t('adminPages.users.title'),
    savedMessage: savedMessage(words, state.saved),
    problem: state.problem ?? null,
    errors: shown.list,
    fieldErrors: shown.byField,
    values,
    roles: roleChoices(words, values.role),
    users: users.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      active: u.active,
      isMe: u.id === current?.id,
      roleLabel: words.t(`adminPages.role.${u.role}`),
      lastSignInAt: u.lastSignInAt,
      roles: roleChoices(words, u.role),
    })),
  };
}

/** The model of `pages/admin/tokens`: the administrator's tokens, a new one shown once. */
export function tokensPageModel(
  words: AdminWords,
  tokens: ApiToken[],
  state: TokensPageState,
): Record<string, unknown> {
  const nameError = state.errors?.length ? words.t('adminPages.error.tokenName') : null;
  return {
    title: words.t('adminPages.tokens.title'),
    savedMessage: savedMessage(words, state.saved),
    created: state.created ?? null,
    name: state.name ?? '',
    nameError,
    errors: nameError ? [nameError] : [],
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      createdAt: token.createdAt,
      lastUsedAt: token.lastUsedAt,
    })),
  };
}
