import type { Scope } from './scopes';

/** Who is calling, once a credential has been checked. */
export type Principal =
  /** A program holding an API key: a shop's backend, an operator's script. */
  | { kind: 'api-key'; keyId: string; scopes: ReadonlySet<Scope> }
  /**
   * An operator's browser holding a session token minted with an API key (`POST /session`): may do what that
   * key may, until the token expires. Named by the key's id and the token's id, never the token.
   */
  | { kind: 'session'; keyId: string; tokenId: string; scopes: ReadonlySet<Scope>; expiresAt: Date }
  /** A browser holding a user token: may read that one user's data. */
  | { kind: 'user'; userId: number; tokenId: string };

/**
 * How the audit log and the rate limiter name a caller: never the credential itself. A session acts for its
 * key, so it is named by the key's id (the audit trail adds the session's token id beside it).
 */
export const principalName = (principal: Principal): string =>
  principal.kind === 'user' ? `user:${principal.userId}` : principal.keyId;
