import { randomUUID } from 'node:crypto';
import { KEY_ID } from './api-keys';
import { isScope, type Scope } from './scopes';
import { claimedAudience, SignedTokens, TokenAudience, type MintedToken, type TokenFailure } from './signed-tokens';

export type SessionCheck =
  { keyId: string; scopes: ReadonlySet<Scope>; tokenId: string; expiresAt: Date } | TokenFailure;

/**
 * Session tokens: what an operator's browser holds instead of an API key. HS256 JWTs signed with TOKEN_SECRET
 * like user tokens, but with their own audience; the subject is the id of the key that minted it and `scopes`
 * its scopes then. Short-lived, because a page's address (where the token travels) ends up in browser history
 * and proxy logs; stateless, so rotating TOKEN_SECRET revokes them all.
 */
export class SessionTokens {
  private readonly signed: SignedTokens;

  constructor(secret: string) {
    this.signed = new SignedTokens(secret, TokenAudience.Session);
  }

  /** Whether a JWT says it is a session token (unverified: `verify` decides). */
  static claimsToBeOne(token: string): boolean {
    return claimedAudience(token) === TokenAudience.Session;
  }

  mint(keyId: string, scopes: ReadonlySet<Scope>, ttlSeconds: number, now = Date.now()): MintedToken {
    return this.signed.sign({ scopes: [...scopes].sort() }, keyId, randomUUID(), ttlSeconds, now);
  }

  verify(token: string, now = Date.now()): SessionCheck {
    const verified = this.signed.verify(token, now);
    if ('error' in verified) {
      return verified;
    }
    const { claims } = verified;
    const { sub: keyId, jti: tokenId, scopes, exp } = claims;
    if (typeof keyId !== 'string' || !KEY_ID.test(keyId) || typeof tokenId !== 'string' || typeof exp !== 'number') {
      return { error: 'invalid' };
    }
    if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every(isScope)) {
      return { error: 'invalid' };
    }
    return { keyId, scopes: new Set(scopes), tokenId, expiresAt: new Date(exp * 1000) };
  }
}
