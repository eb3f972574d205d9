import { randomToken, sha256 } from './secrets';

/**
 * The one signed-link mechanism: a personal link carries an unguessable 256-bit token; only its
 * SHA-256 is stored (a copy of the database opens nothing), and the stored link expires and can be
 * revoked. Each context keeps its own table of links (portal sign-in links, follow-up links) with
 * at least these columns, and asks here to mint, find and check them.
 */
export interface SignedLinkRecord {
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** What a link is now: usable, revoked by staff, or past its expiry. */
export type SignedLinkState = 'live' | 'revoked' | 'expired';

/** A new link's token (shown once, in the link's address) and the hash stored in its place. */
export interface MintedLink {
  token: string;
  tokenHash: string;
  expiresAt: Date;
}

/** The shape of a token minted here (base64url), with room for older, longer ones. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Mints a link valid for `validForMs` from `now`. */
export function mintSignedLink(now: Date, validForMs: number): MintedLink {
  const token = randomToken(32);
  return {
    token,
    tokenHash: signedLinkHash(token),
    expiresAt: new Date(now.getTime() + validForMs),
  };
}

/** The stored hash a token is looked up by. */
export function signedLinkHash(token: string): string {
  return sha256(token);
}

/** Whether a string has the shape of a minted token (anything else cannot match a link). */
export function isSignedLinkToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** Revocation first, then expiry (a link is expired from its expiry moment on). */
export function signedLinkState(
  link: Pick<SignedLinkRecord, 'expiresAt' | 'revokedAt'>,
  now: Date,
): SignedLinkState {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'live';
}
