import { isSignedLinkToken, mintSignedLink, signedLinkHash, signedLinkState } from './signed-link';

describe('signed links', () => {
  const now = new Date('2026-03-02T09:00:00Z');

  it('mint a URL-safe token, store only its hash, and expire after the given time', () => {
    const minted = mintSignedLink(now, 3_600_000);
    expect(isSignedLinkToken(minted.token)).toBe(true);
    expect(minted.tokenHash).toBe(signedLinkHash(minted.token));
    expect(minted.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(minted.expiresAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(mintSignedLink(now, 1).token).not.toBe(minted.token);
  });

  it('refuse what no minted token looks like', () => {
    expect(isSignedLinkToken('short')).toBe(false);
    expect(isSignedLinkToken('a'.repeat(43) + '/')).toBe(false);
  });

  it('are revoked before expired, expired from their expiry moment on', () => {
    const expiresAt = new Date(now.getTime() + 1000);
    expect(signedLinkState({ expiresAt, revokedAt: null }, now)).toBe('live');
    expect(signedLinkState({ expiresAt, revokedAt: null }, expiresAt)).toBe('expired');
    expect(signedLinkState({ expiresAt: now, revokedAt: now }, expiresAt)).toBe('revoked');
  });
});
