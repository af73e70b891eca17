/** A credential as the client sent it, before it is checked. */
export type PresentedCredential =
  | { kind: 'none' }
  | { kind: 'api-key'; value: string }
  /** A JWT: a user token or a session token (which one, its audience says). */
  | { kind: 'token'; value: string }
  /** An API key in the `access_token` query parameter: refused without being looked up, and not kept. */
  | { kind: 'key-in-query' }
  /** Something was sent, but not in a form we accept; says why without repeating it. */
  | { kind: 'malformed'; reason: string };

type HeaderValue = string | string[] | undefined;

export interface CredentialSources {
  authorization?: HeaderValue;
  'x-api-key'?: HeaderValue;
  /**
   * The `access_token` query parameter, offered only where a header cannot be sent (EventSource). Tokens only:
   * a URL ends up in logs and browser history, where an expiring token does less harm than a key that never
   * expires.
   */
  accessToken?: unknown;
}

/** A JWT (user or session token) is three base64url parts; our API keys never contain a dot, so the two cannot be confused. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer[ ]+(\S+)$/i;
/** Longer than any key or token we issue; refuses huge values before they are hashed or parsed. */
const MAX_CREDENTIAL_LENGTH = 4_096;

/**
 * Finds the one credential a request carries: `Authorization: Bearer <key or token>`, `X-API-Key: <key>`, or
 * (where offered) `access_token=<token>`. Two at once is refused rather than guessed between.
 */
export function presentedCredential(sources: CredentialSources): PresentedCredential {
  const found: PresentedCredential[] = [];
  if (sources.authorization !== undefined) {
    const header = single(sources.authorization);
    const match = header === undefined ? null : BEARER.exec(header.trim());
    found.push(
      match
        ? classify(match[1])
        : { kind: 'malformed', reason: 'the Authorization header must be "Bearer <credential>"' },
    );
  }
  if (sources['x-api-key'] !== undefined) {
    const header = single(sources['x-api-key'])?.trim();
    found.push(header ? { kind: 'api-key', value: header } : { kind: 'malformed', reason: 'X-API-Key is empty' });
  }
  if (sources.accessToken !== undefined) {
    const token = typeof sources.accessToken === 'string' ? sources.accessToken.trim() : '';
    found.push(
      !token
        ? { kind: 'malformed', reason: 'access_token must be given once, not empty' }
        : JWT_SHAPE.test(token)
          ? { kind: 'token', value: token }
          : { kind: 'key-in-query' },
    );
  }
  if (found.length > 1) {
    return { kind: 'malformed', reason: 'send one credential, not several' };
  }
  const [credential = { kind: 'none' }] = found;
  if ('value' in credential && credential.value.length > MAX_CREDENTIAL_LENGTH) {
    return { kind: 'malformed', reason: 'the credential is too long' };
  }
  return credential;
}

function classify(value: string): PresentedCredential {
  return JWT_SHAPE.test(value) ? { kind: 'token', value } : { kind: 'api-key', value };
}

/** A header sent twice arrives as an array: ambiguous, so refused. */
function single(value: string | string[]): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
