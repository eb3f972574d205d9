import { randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-errors';

/**
 * Who may read a published document. "network": staff, and partners through their portal (the
 * default); "public": anyone holding its link, an unguessable token, never a sequential id.
 */
export const DOCUMENT_VISIBILITIES = ['network', 'public'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

/** A form's or query's value as a visibility, or null for anything else. */
export function visibilityOf(value: unknown): DocumentVisibility | null {
  return DOCUMENT_VISIBILITIES.find((v) => v === value) ?? null;
}

/** A public link's token: 32 random bytes, base64url (43 characters). */
export function newPublicToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens the app could have made; anything else is "not found" without a query. */
export function isPublicToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * Sets a document's visibility, making its public token the first time it goes public; the
 * audit's changes, or null when nothing changed (the token stays out of the audit: it is the key).
 */
export function applyVisibility(
  document: { visibility: DocumentVisibility; publicToken: string | null },
  visibility: DocumentVisibility,
): { visibility: { before: DocumentVisibility; after: DocumentVisibility } } | null {
  if (visibility === 'public' && !document.publicToken) document.publicToken = newPublicToken();
  if (document.visibility === visibility) return null;
  const before = document.visibility;
  document.visibility = visibility;
  return { visibility: { before, after: visibility } };
}

/**
 * A network document asked for without a staff or portal session: "not found", like a document
 * that does not exist, with a word for the partner who followed an old link.
 */
export class NetworkOnlyDocument extends DomainError {
  readonly kind = 'not-found';
  constructor(portalUrl: string) {
    super({ key: 'errors.document.networkOnly', params: { portalUrl } });
  }
}
