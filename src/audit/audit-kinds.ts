/**
 * The kinds of record the audit trail holds (`GET /api/audit?entity=...`, the audit screen's
 * filter, each with its label `audit.entity.<kind>`). Add yours when your feature records entries.
 */
export const AUDITED_ENTITIES = [
  'partner',
  'contact',
  'meeting',
  'meeting-series',
  'agenda-item',
  'minutes-draft',
  'minutes-version',
  'news-item',
  'newsletter',
  'project',
  'speaker',
  'theme',
  'user',
  'follow_up',
  'minutes-review',
  'minutes-review-proposal',
] as const;

/**
 * `export`: a person's data was exported (RGPD article 15); `erase`: a contact was erased
 * (article 17), neither entry copies the person's data; `keep`: a contact kept after the
 * retention review (partners/contacts/retention).
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'archive',
  'restore',
  'delete',
  'export',
  'erase',
  'keep',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/** What the changes of a record's earlier entries become when the person is erased. */
export const ERASED_CHANGES: AuditChanges = { erased: { before: null, after: null } };
