import type { Scope } from './scopes';

/** Who is calling, once a credential has been checked. */
export type Principal =
  /** A program holding an API key: a shop's backend, an operator's script, the pages opened with a key. */
  | { kind: 'api-key'; keyId: string; scopes: ReadonlySet<Scope> }
  /** A browser holding a user token: may read that one user's data. */
  | { kind: 'user'; userId: number; tokenId: string };

/** How the audit log and the rate limiter name a caller: never the credential itself. */
export const principalName = (principal: Principal): string =>
  principal.kind === 'api-key' ? principal.keyId : `user:${principal.userId}`;
