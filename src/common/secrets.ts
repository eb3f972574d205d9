import { createHash, randomBytes } from 'node:crypto';

/** An unguessable URL-safe token: 32 random bytes (256 bits) unless told otherwise. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored as their SHA-256: a leaked table does not leak working links. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
