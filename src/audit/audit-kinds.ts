/**
 * The kinds of record the audit trail holds (`GET /api/audit?entity=...`, the audit screen's
 * filter, each with its label `audit.entity.<kind>`). Add yours when your feature records entries.
 */
export const AUDITED_ENTITIES = [
  'partner',
  'contact',
  'meeting',
  'agenda-item',
  'minutes-draft',
  'minutes-version',
  'news-item',
  'newsletter',
  'project',
  'speaker',
  'theme',
  'user',
] as const;

/** `keep`: a contact kept after the retention review (partners/contacts/retention). */
export const AUDIT_ACTIONS = ['create', 'update', 'archive', 'restore', 'delete', 'keep'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;
