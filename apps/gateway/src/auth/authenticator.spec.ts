import { ErrorCode } from '@app/contracts';
import { ApiKeyRing, sha256 } from './api-keys';
import { Authenticator, isEventsPath, type CredentialBearer } from './authenticator';
import { Scope } from './scopes';
import { SessionTokens } from './session-tokens';
import { UserTokens } from './user-tokens';

const KEY = 'rk_0123456789abcdefghijklmnopqrstuvwxyz';

describe(Authenticator.name, () => {
  const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
  const tokens = new UserTokens(SECRET);
  const sessions = new SessionTokens(SECRET);
  const authenticator = new Authenticator(
    new ApiKeyRing([
      { id: 'ops', scopes: new Set([Scope.Admin]), digest: sha256(KEY) },
      { id: 'shop', scopes: new Set([Scope.PurchasesWrite]), digest: sha256(`${KEY}-shop`) },
    ]),
    tokens,
    sessions,
  );
  const request = (url: string, headers: CredentialBearer['headers'] = {}, query: unknown = {}): CredentialBearer => ({
    url,
    headers,
    query,
  });
  const errorCode = (run: () => unknown) => {
    try {
      run();
      return 'allowed';
    } catch (error) {
      return (error as { code: string }).code;
    }
  };

  it('names the caller of a valid key or token, and nobody when none is sent', () => {
    const token = tokens.mint(7, 60).token;
    expect(authenticator.principalOf(request('/x', { 'x-api-key': KEY }))).toMatchObject({ keyId: 'ops' });
    expect(authenticator.principalOf(request('/x', { authorization: `Bearer ${token}` }))).toMatchObject({
      kind: 'user',
      userId: 7,
    });
    expect(authenticator.authenticate(request('/x'))).toEqual({ principal: null });
  });

  it('refuses an unknown key and an expired token with 401', () => {
    const expired = tokens.mint(7, 60, Date.now() - 120_000).token;
    for (const headers of [{ 'x-api-key': `${KEY}x` }, { authorization: `Bearer ${expired}` }]) {
      const result = authenticator.authenticate(request('/x', headers));
      expect(result).toEqual({ error: expect.objectContaining({ code: ErrorCode.AuthUnauthenticated }) });
    }
  });

  it('names a session token by its key and token id, with what the key may do as configured now', () => {
    const minted = sessions.mint('ops', new Set([Scope.Admin]), 60);
    expect(authenticator.principalOf(request('/x', { authorization: `Bearer ${minted.token}` }))).toEqual({
      kind: 'session',
      keyId: 'ops',
      tokenId: minted.tokenId,
      scopes: new Set([Scope.Admin]),
      expiresAt: minted.expiresAt,
    });
    // Minted when "shop" was an admin key: it is not one now, and its session is not either.
    const widened = sessions.mint('shop', new Set([Scope.Admin, Scope.PurchasesWrite]), 60).token;
    expect(authenticator.principalOf(request('/x', { authorization: `Bearer ${widened}` }))).toMatchObject({
      scopes: new Set([Scope.PurchasesWrite]),
    });
  });

  it('refuses a session token that expired, or whose key is no longer configured, saying which', () => {
    const message = (token: string) => {
      const result = authenticator.authenticate(request('/x', { authorization: `Bearer ${token}` }));
      return 'error' in result ? result.error.message : 'allowed';
    };
    expect(message(sessions.mint('ops', new Set([Scope.Admin]), 60, Date.now() - 120_000).token)).toBe(
      'The session token has expired: mint another with the API key (POST /session)',
    );
    expect(message(sessions.mint('gone', new Set([Scope.Admin]), 60).token)).toBe(
      'The session token is not valid: its API key is no longer configured',
    );
    expect(message(tokens.mint(7, 60, Date.now() - 120_000).token)).toBe('The user token has expired');
  });

  it('takes access_token from the query on /events paths only', () => {
    const token = tokens.mint(7, 60).token;
    const onEvents = request('/events/7?access_token=x', {}, { access_token: token });
    const elsewhere = request('/earnings/7?access_token=x', {}, { access_token: token });
    expect(authenticator.principalOf(onEvents)).toMatchObject({ userId: 7 });
    expect(authenticator.principalOf(elsewhere)).toBeNull();
  });

  it('refuses an API key in access_token, even a valid one, with a 401 that says to use a token', () => {
    const result = authenticator.authenticate(request('/events/7?access_token=x', {}, { access_token: KEY }));
    expect(result).toEqual({
      error: expect.objectContaining({
        code: ErrorCode.AuthUnauthenticated,
        message:
          'access_token takes a user token or a session token, not an API key: send the key in the ' +
          'Authorization header, or mint a session token with it (POST /session)',
      }),
    });
    expect(JSON.stringify(result)).not.toContain(KEY);
    // In a header the key is as good as ever, on /events too.
    expect(authenticator.principalOf(request('/events/7', { authorization: `Bearer ${KEY}` }))).toMatchObject({
      keyId: 'ops',
    });
    const session = sessions.mint('ops', new Set([Scope.Admin]), 60).token;
    expect(authenticator.principalOf(request('/events/7?access_token=x', {}, { access_token: session }))).toMatchObject(
      { kind: 'session', keyId: 'ops' },
    );
  });

  it('authorizes against a rule: the caller, or the 401/403 that refuses them', () => {
    const token = tokens.mint(7, 60).token;
    const own = { kind: 'own-user', param: 'user_id' } as const;
    expect(errorCode(() => authenticator.authorize(request('/x'), own, { user_id: '7' }))).toBe(
      ErrorCode.AuthUnauthenticated,
    );
    const asUser = request('/x', { authorization: `Bearer ${token}` });
    expect(authenticator.authorize(asUser, own, { user_id: '7' })).toMatchObject({ userId: 7 });
    expect(errorCode(() => authenticator.authorize(asUser, own, { user_id: '8' }))).toBe(ErrorCode.AuthForbidden);
    // A broken credential does not close a public route.
    expect(authenticator.authorize(request('/x', { 'x-api-key': 'nope' }), { kind: 'public' }, {})).toBeNull();
  });

  it('checks a request once, however many times it is asked', () => {
    const bearer = request('/x', { 'x-api-key': KEY });
    const first = authenticator.authenticate(bearer);
    bearer.headers['x-api-key'] = 'changed later';
    expect(authenticator.authenticate(bearer)).toBe(first);
  });
});

describe(isEventsPath.name, () => {
  it('recognises the stream however its path is spelt', () => {
    expect(isEventsPath('/events/1')).toBe(true);
    expect(isEventsPath('/events/1?access_token=x')).toBe(true);
    expect(isEventsPath('/%65vents/1')).toBe(true);
    expect(isEventsPath('/earnings/1')).toBe(false);
    expect(isEventsPath('/eventsx/1')).toBe(false);
    expect(isEventsPath('/static/events/1')).toBe(false);
  });
});
