import { JwtService } from '@nestjs/jwt';
import { MAX_ID } from '@app/contracts';
import { randomUUID } from 'node:crypto';

/** Claims that make a token ours and for this purpose: a JWT signed with the same secret for anything else fails. */
const ISSUER = 'referral-gateway';
const AUDIENCE = 'referral-platform:user';
/** Pinned so that a token can never choose its own algorithm (`none`, or RS256 against an HMAC secret). */
const ALGORITHM = 'HS256';

export interface MintedToken {
  token: string;
  /** The token's `jti`: recorded in the audit log so a token can be traced without storing it. */
  tokenId: string;
  expiresAt: Date;
}

export type TokenCheck = { userId: number; tokenId: string } | { error: 'expired' | 'invalid' };

/**
 * User tokens: HS256 JWTs whose subject is a user id, signed with TOKEN_SECRET and expiring. Stateless: any
 * gateway with the same secret accepts them, and rotating the secret revokes them all.
 */
export class UserTokens {
  private readonly jwt: JwtService;

  constructor(secret: string) {
    this.jwt = new JwtService({
      secret,
      signOptions: { algorithm: ALGORITHM, issuer: ISSUER, audience: AUDIENCE },
      verifyOptions: { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE },
    });
  }

  mint(userId: number, ttlSeconds: number, now = Date.now()): MintedToken {
    const tokenId = randomUUID();
    const issuedAt = Math.floor(now / 1000);
    const token = this.jwt.sign(
      { iat: issuedAt, exp: issuedAt + ttlSeconds },
      { subject: String(userId), jwtid: tokenId },
    );
    return { token, tokenId, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
  }

  verify(token: string, now = Date.now()): TokenCheck {
    let claims: { sub?: unknown; jti?: unknown };
    try {
      claims = this.jwt.verify(token, { clockTimestamp: Math.floor(now / 1000) });
    } catch (error) {
      return { error: error instanceof Error && error.name === 'TokenExpiredError' ? 'expired' : 'invalid' };
    }
    const userId = typeof claims.sub === 'string' && /^[1-9]\d{0,9}$/.test(claims.sub) ? Number(claims.sub) : NaN;
    if (Number.isNaN(userId) || userId > MAX_ID || typeof claims.jti !== 'string') {
      return { error: 'invalid' };
    }
    return { userId, tokenId: claims.jti };
  }
}
