import type { DomainError } from '@app/contracts';
import { credentialRefused } from './auth.errors';
import { refusal, type AccessRule } from './access-rules';
import type { ApiKeyRing } from './api-keys';
import { presentedCredential } from './credentials';
import type { Principal } from './principal';
import { SessionTokens } from './session-tokens';
import type { UserTokens } from './user-tokens';

/** The parts of a request that carry a credential (a FastifyRequest has them). */
export interface CredentialBearer {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  query: unknown;
}

/** A credential checked: who it names (null when none was sent), or why it was refused. */
export type Authentication = { principal: Principal | null } | { error: DomainError };

/**
 * EventSource cannot send headers, so the SSE stream alone takes its credential from the URL, and then only a
 * user or session token, which expire (an API key there is refused). Elsewhere a query parameter is ignored:
 * URLs end up in logs and browser history.
 */
export function acceptsQueryToken(url: string): boolean {
  return isEventsPath(url);
}

/** Whether a request is for the live stream, `/events/{user_id}` (however its path is percent-encoded). */
export function isEventsPath(url: string): boolean {
  return decodedPath(url).startsWith('/events/');
}

export function decodedPath(url: string): string {
  const path = url.split('?', 1)[0];
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Checks credentials and access rules. Plain code, no Nest: the global guard, the `/events` hook and the rate
 * limiter all call it, and the answer for one request is worked out once and remembered.
 */
export class Authenticator {
  private readonly checked = new WeakMap<object, Authentication>();

  constructor(
    private readonly keys: ApiKeyRing,
    private readonly tokens: UserTokens,
    private readonly sessions: SessionTokens,
  ) {}

  /** Who sent this request, or why its credential is refused; never throws. */
  authenticate(request: CredentialBearer): Authentication {
    const known = this.checked.get(request);
    if (known) {
      return known;
    }
    const result = this.check(request);
    this.checked.set(request, result);
    return result;
  }

  /** The caller, if the request carried a valid credential. */
  principalOf(request: CredentialBearer): Principal | null {
    const result = this.authenticate(request);
    return 'principal' in result ? result.principal : null;
  }

  /** Lets the request through (returning its caller) or throws the 401/403 DomainError that refuses it. */
  authorize(request: CredentialBearer, rule: AccessRule, params: Readonly<Record<string, unknown>>): Principal | null {
    if (rule.kind === 'public') {
      return this.principalOf(request);
    }
    const result = this.authenticate(request);
    if ('error' in result) {
      throw result.error;
    }
    const refused = refusal(rule, result.principal, params);
    if (refused) {
      throw refused;
    }
    return result.principal;
  }

  private check(request: CredentialBearer): Authentication {
    const query = typeof request.query === 'object' && request.query !== null ? request.query : {};
    const credential = presentedCredential({
      authorization: request.headers.authorization,
      'x-api-key': request.headers['x-api-key'],
      accessToken: acceptsQueryToken(request.url) ? (query as Record<string, unknown>).access_token : undefined,
    });
    switch (credential.kind) {
      case 'none':
        return { principal: null };
      case 'malformed':
        return refused(`The credential is malformed: ${credential.reason}`);
      case 'key-in-query':
        return refused(
          'access_token takes a user token or a session token, not an API key: send the key in the ' +
            'Authorization header, or mint a session token with it (POST /session)',
        );
      case 'api-key': {
        const key = this.keys.find(credential.value);
        return key
          ? { principal: { kind: 'api-key', keyId: key.id, scopes: key.scopes } }
          : refused('The API key is not valid');
      }
      case 'token':
        return SessionTokens.claimsToBeOne(credential.value)
          ? this.checkSession(credential.value)
          : this.checkUserToken(credential.value);
    }
  }

  private checkUserToken(value: string): Authentication {
    const token = this.tokens.verify(value);
    if ('error' in token) {
      return refused(token.error === 'expired' ? 'The user token has expired' : 'The user token is not valid');
    }
    return { principal: { kind: 'user', userId: token.userId, tokenId: token.tokenId } };
  }

  /**
   * A session acts for its key as the key is configured now: a key removed from API_KEYS ends its sessions at
   * once, and a key that lost a scope lost it for its sessions too.
   */
  private checkSession(value: string): Authentication {
    const session = this.sessions.verify(value);
    if ('error' in session) {
      return refused(
        session.error === 'expired'
          ? 'The session token has expired: mint another with the API key (POST /session)'
          : 'The session token is not valid',
      );
    }
    const key = this.keys.byId(session.keyId);
    if (!key) {
      return refused('The session token is not valid: its API key is no longer configured');
    }
    const scopes = new Set([...session.scopes].filter((scope) => key.scopes.has(scope)));
    const { tokenId, expiresAt } = session;
    return { principal: { kind: 'session', keyId: key.id, tokenId, scopes, expiresAt } };
  }
}

const refused = (message: string): Authentication => ({ error: credentialRefused(message) });
