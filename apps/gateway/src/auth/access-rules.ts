import { MAX_ID, type DomainError } from '@app/contracts';
import { credentialRequired, forbidden } from './auth.errors';
import type { Principal } from './principal';
import { Scope } from './scopes';

/** Who may call a route. Routes without a rule are for admin keys only: a forgotten rule fails closed. */
export type AccessRule =
  /** Anyone, without a credential (health, the pages' files). */
  | { kind: 'public' }
  /** Admin keys only (and session tokens minted with one). */
  | { kind: 'admin' }
  /** Admin keys themselves, not session tokens: so that a session cannot renew itself past its expiry. */
  | { kind: 'admin-key' }
  /** API keys with this scope (admin keys have every scope). */
  | { kind: 'scope'; scope: Scope }
  /** Admin keys, and the user token of the user named by this route parameter. */
  | { kind: 'own-user'; param: string }
  /** Admin keys and any user token: data every user may see (the leaderboard). */
  | { kind: 'any-user' };

export const ADMIN_ONLY: AccessRule = { kind: 'admin' };

/** Routes marked `@Public()`: no credential needed. */
export const PUBLIC: AccessRule = { kind: 'public' };

/**
 * Decides whether `principal` (null: no credential) may call a route with this rule; returns the refusal, or
 * null to let it through. 401 means "say who you are", 403 "you may not": a caller that is known but lacks
 * the right is never told 401, so it does not retry with the same credential hoping for a different answer.
 */
export function refusal(
  rule: AccessRule,
  principal: Principal | null,
  params: Readonly<Record<string, unknown>>,
): DomainError | null {
  if (rule.kind === 'public') {
    return null;
  }
  if (principal === null) {
    return credentialRequired();
  }
  if (principal.kind !== 'user') {
    return keyRefusal(rule, principal);
  }
  switch (rule.kind) {
    case 'own-user': {
      const requested = idFrom(params[rule.param]);
      return requested === principal.userId
        ? null
        : forbidden(`This user token may read only user ${principal.userId}'s data`);
    }
    case 'any-user':
      return null;
    case 'admin':
    case 'admin-key':
      return forbidden("A user token may only read its user's data; this needs an admin API key");
    case 'scope':
      return forbidden(
        `A user token may only read its user's data; this needs an API key with the ${rule.scope} scope`,
      );
  }
}

/** An API key, or a session token minted with one: what the key's scopes grant. */
function keyRefusal(
  rule: Exclude<AccessRule, { kind: 'public' }>,
  principal: Extract<Principal, { kind: 'api-key' | 'session' }>,
): DomainError | null {
  const { keyId, scopes } = principal;
  if (rule.kind === 'admin-key' && principal.kind === 'session') {
    return forbidden(`A session token may not do this: send API key "${keyId}" itself`);
  }
  if (scopes.has(Scope.Admin)) {
    return null;
  }
  if (rule.kind === 'scope' && scopes.has(rule.scope)) {
    return null;
  }
  const needed = rule.kind === 'scope' ? `the ${rule.scope} or ${Scope.Admin} scope` : `the ${Scope.Admin} scope`;
  const who = principal.kind === 'session' ? `The session token of API key "${keyId}"` : `API key "${keyId}"`;
  return forbidden(`${who} may not do this: it needs ${needed}`);
}

/** The id a route parameter names, read exactly as the route's own validation reads it (IsId), or null. */
function idFrom(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) {
    return null;
  }
  const id = Number(value);
  return id >= 1 && id <= MAX_ID ? id : null;
}
