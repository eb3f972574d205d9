/**
 * The wording of an error for people, as a key of the i18n catalogues (templates/i18n/<locale>/)
 * and its placeholders. A placeholder given as `{ key }` is itself translated (a status name, say),
 * `{ keys }` is a translated list and `{ values }` a list of accepted values, each followed by its
 * label where `labels` names the catalogue prefix of the app's labels. The key is also the
 * error's stable `code` in API answers; pages and the API both say it in the configured LOCALE.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, MessageParam>;
}

export type MessageParam =
  | string
  | number
  | { key: string }
  | { keys: string[] }
  | { values: readonly (string | number)[]; labels?: string };

/** The records a "not found" names, each a `records.<name>` catalogue key ("Partenaire"). */
export const RECORD_NAMES = [
  'agendaItem',
  'answerLink',
  'apiToken',
  'calendarFeed',
  'contact',
  'followUpLink',
  'invitation',
  'meeting',
  'meetingSeries',
  'minutesProposal',
  'minutesReview',
  'minutesVersion',
  'newsItem',
  'newsletter',
  'newsletterMessage',
  'newsletterNumber',
  'outboxMessage',
  'page',
  'partner',
  'partnerCalendarFeed',
  'portalLink',
  'project',
  'signInScan',
  'speaker',
  'theme',
  'unsubscribeLink',
  'user',
] as const;
export type RecordName = (typeof RECORD_NAMES)[number];

/** A catalogue key alone, or with its placeholders. */
export type ErrorText = string | MessageRef;

/** `key {"param":…}`: what logs and stack traces show of a keyed message (operators, English). */
function describe(text: MessageRef): string {
  return text.params ? `${text.key} ${JSON.stringify(text.params)}` : text.key;
}

/**
 * Errors that services throw. They know nothing of HTTP: the DomainErrorFilter maps each kind
 * to a status code, and says `text` in the configured language (JSON for the API, an HTML page
 * for browsers). `field` is the request field at fault, when there is one: clients show it
 * beside the input.
 */
export abstract class DomainError extends Error {
  abstract readonly kind:
    'not-found' | 'conflict' | 'rule' | 'forbidden' | 'unauthorized' | 'too-many' | 'gone';
  readonly text: MessageRef;

  constructor(
    text: ErrorText,
    readonly field?: string,
  ) {
    const ref = typeof text === 'string' ? { key: text } : text;
    super(describe(ref));
    this.text = ref;
    this.name = new.target.name;
  }
}

/** "Partenaire 12 introuvable": the record named by its catalogue label, and its id if known. */
/** Links sent to partners by mail: one not found was most often replaced by a newer one. */
const MAILED_LINKS: ReadonlySet<RecordName> = new Set([
  'answerLink',
  'followUpLink',
  'unsubscribeLink',
  'calendarFeed',
]);

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  constructor(record: RecordName, id?: string | number) {
    const name = { key: `records.${record}` };
    super(
      id !== undefined
        ? { key: 'errors.notFoundWithId', params: { record: name, id } }
        : MAILED_LINKS.has(record)
          ? { key: 'errors.linkNotFound', params: { record: name } }
          : { key: 'errors.notFound', params: { record: name } },
    );
  }
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
    text: ErrorText,
    readonly retryAfterSeconds: number,
  ) {
    super(text);
  }
}
