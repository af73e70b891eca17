import { MAX_ID } from '@app/contracts';
import { randomUUID } from 'node:crypto';
import { SignedTokens, TokenAudience, type MintedToken, type TokenFailure } from './signed-tokens';

export type { MintedToken } from './signed-tokens';

export type TokenCheck = { userId: number; tokenId: string } | TokenFailure;

/**
 * User tokens: HS256 JWTs whose subject is a user id, signed with TOKEN_SECRET and expiring. Stateless: any
 * gateway with the same secret accepts them, and rotating the secret revokes them all.
 */
export class UserTokens {
  private readonly signed: SignedTokens;

  constructor(secret: string) {
    this.signed = new SignedTokens(secret, TokenAudience.User);
  }

  mint(userId: number, ttlSeconds: number, now = Date.now()): MintedToken {
    return this.signed.sign({}, String(userId), randomUUID(), ttlSeconds, now);
  }

  verify(token: string, now = Date.now()): TokenCheck {
    const verified = this.signed.verify(token, now);
    if ('error' in verified) {
      return verified;
    }
    const { claims } = verified;
    const userId = typeof claims.sub === 'string' && /^[1-9]\d{0,9}$/.test(claims.sub) ? Number(claims.sub) : NaN;
    if (Number.isNaN(userId) || userId > MAX_ID || typeof claims.jti !== 'string') {
      return { error: 'invalid' };
    }
    return { userId, tokenId: claims.jti };
  }
}
