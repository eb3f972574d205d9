/**
 * The wording of an error for people, as a key of the i18n catalogues (templates/i18n/<locale>/
 * errors.json) and its placeholders; a placeholder given as `{ key }` is itself translated (a
 * status name, say), and `{ keys }` is a translated list. Pages show it in the site's language; the API keeps the English `message`.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number | { key: string } | { keys: string[] }>;
}

/**
 * Errors that services throw. They know nothing of HTTP: the DomainErrorFilter maps each kind
 * to a status code and to an HTML error page for browsers.
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    'not-found' | 'conflict' | 'rule' | 'forbidden' | 'unauthorized' | 'too-many' | 'gone';
  /**
   * `field` is the request field at fault, when there is one: clients show it beside the input.
   * `text` is the message for pages, in the catalogues (without it pages show `message`).
   */
  constructor(
    message: string,
    readonly field?: string,
    readonly text?: MessageRef,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(what: string, id?: string | number) {
    // Pages word it by the kind of thing ("Cette réunion est introuvable."): 'Agenda item' → agendaItem.
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`, undefined, {
      key: 'grammar.notFound',
      params: { what: camelCase(what) },
    });
  }
}

function camelCase(words: string): string {
  return words
    .split(/\W+/)
    .filter(Boolean)
    .map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1)))
    .join('');
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** A business rule refuses the request (answers 422 with the field at fault). */
export class RuleViolationError extends DomainError {
  readonly kind = 'rule';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

/** The link or token existed but no longer works (expired, revoked, meeting over). */
export class GoneError extends DomainError {
  readonly kind = 'gone';
}

export class TooManyRequestsError extends DomainError {
  readonly kind = 'too-many';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
