import { JwtService } from '@nestjs/jwt';

/** Claims that make a token ours: a JWT signed with the same secret for anything else fails. */
const ISSUER = 'referral-gateway';
/** Pinned so that a token can never choose its own algorithm (`none`, or RS256 against an HMAC secret). */
const ALGORITHM = 'HS256';

/**
 * What a token is for. Each kind of token has its own audience and is verified against it alone, so a user
 * token can never pass for a session token or the other way round. Wire names: never rename one.
 */
export enum TokenAudience {
  User = 'referral-platform:user',
  Session = 'referral-platform:session',
}

export interface MintedToken {
  token: string;
  /** The token's `jti`: recorded in the audit log so a token can be traced without storing it. */
  tokenId: string;
  expiresAt: Date;
}

export type TokenFailure = { error: 'expired' | 'invalid' };

/** Signs and verifies the HS256 JWTs of one audience with TOKEN_SECRET. */
export class SignedTokens {
  private readonly jwt: JwtService;

  constructor(secret: string, audience: TokenAudience) {
    this.jwt = new JwtService({
      secret,
      signOptions: { algorithm: ALGORITHM, issuer: ISSUER, audience },
      verifyOptions: { algorithms: [ALGORITHM], issuer: ISSUER, audience },
    });
  }

  sign(claims: Record<string, unknown>, subject: string, tokenId: string, ttlSeconds: number, now: number) {
    const issuedAt = Math.floor(now / 1000);
    const token = this.jwt.sign({ ...claims, iat: issuedAt, exp: issuedAt + ttlSeconds }, { subject, jwtid: tokenId });
    return { token, tokenId, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
  }

  /** The verified claims, or why not. */
  verify(token: string, now: number): { claims: Record<string, unknown> } | TokenFailure {
    try {
      return { claims: this.jwt.verify<Record<string, unknown>>(token, { clockTimestamp: Math.floor(now / 1000) }) };
    } catch (error) {
      return { error: error instanceof Error && error.name === 'TokenExpiredError' ? 'expired' : 'invalid' };
    }
  }
}

/**
 * The audience a JWT claims, read without verifying it: only to choose which verifier to ask, which then
 * checks that audience itself. (The library checks expiry before audience, so asking the wrong verifier would
 * call an expired session token an expired user token.)
 */
export function claimedAudience(token: string): string | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const audience = typeof claims === 'object' && claims !== null ? (claims as { aud?: unknown }).aud : undefined;
    return typeof audience === 'string' ? audience : undefined;
  } catch {
    return undefined;
  }
}
