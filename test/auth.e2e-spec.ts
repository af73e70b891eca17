import { JwtService } from '@nestjs/jwt';
import { generateApiKey } from '../tools/stack/credentials';
import type { ApiClient } from './support/api-client';
import { startSystem, type System } from './support/system';

/**
 * A user token signed as the gateway documents them (HS256, its issuer and audience), made here as a client or
 * an attacker would rather than with the gateway's own class: the test stays on the outside of the app.
 */
function signToken(secret: string, userId: number, ttlSeconds: number, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  return new JwtService({ secret }).sign(
    { iat: issuedAt, exp: issuedAt + ttlSeconds },
    {
      algorithm: 'HS256',
      issuer: 'referral-gateway',
      audience: 'referral-platform:user',
      subject: String(userId),
      jwtid: 'forged',
    },
  );
}

const SHOP_KEY = generateApiKey();
const OPS_KEY = generateApiKey();

/** Every route that needs a credential, with a well-formed request for it. */
const PROTECTED: [method: string, path: string][] = [
  ['POST', '/user?name=X'],
  ['POST', '/refer?referrer_id=1&user_id=2'],
  ['PATCH', '/user/1/deactivate'],
  ['PATCH', '/user/1/reactivate'],
  ['POST', '/user/1/token'],
  ['POST', '/session'],
  ['POST', '/purchase?buyer_id=1&amount=1500'],
  ['POST', '/purchase/1/refund'],
  ['GET', '/purchase/1'],
  ['GET', '/earnings/1'],
  ['GET', '/earnings/1/export.csv'],
  ['GET', '/transactions/1'],
  ['GET', '/referrals/1'],
  ['GET', '/leaderboard'],
  ['GET', '/audit'],
];

/** What an error body may never show: a stack frame, a file path, SQL or the database's own words. */
const INTERNALS = /\bat \S+ \(|\.js:\d+|\/apps\/|SELECT|INSERT|UPDATE |sqlite|QueryFailed|TypeORM|postgres/i;

describe('Who may do what: API keys, scopes and user tokens', () => {
  let system: System;
  const api = () => system.api;
  const anonymous = (): ApiClient => system.api.as(undefined);
  const shop = (): ApiClient => system.api.as(SHOP_KEY);

  beforeAll(async () => {
    system = await startSystem(
      {},
      {
        apiKeys: [
          { id: 'shop', scopes: ['purchases:write'], key: SHOP_KEY },
          { id: 'ops', scopes: ['admin'], key: OPS_KEY },
        ],
      },
    );
  });
  afterAll(() => system?.stop());

  /** A referrer and a buyer under it. */
  async function pair() {
    const referrer = await api().createUser('Referrer');
    const buyer = await api().createUser('Buyer');
    await api().refer(referrer, buyer);
    return { referrer, buyer };
  }

  const mint = async (userId: number, query: Record<string, number> = {}) =>
    api().post<{ token: string; token_type: string; user_id: number; expires_at: string; expires_in: number }>(
      `/user/${userId}/token`,
      query,
    );

  describe('without a credential', () => {
    it.each(PROTECTED)('refuses %s %s with 401 and the error body', async (method, path) => {
      const response = await anonymous().call<any>(method, path, {});
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED', message: expect.any(String) });
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('serves the health check and the pages without one', async () => {
      expect((await anonymous().get('/health')).status).toBe(200);
      for (const path of ['/', '/static/index.html', '/static/css/app.css', '/static/js/api.js']) {
        expect((await fetch(`${system.baseUrl}${path}`)).status).toBe(200);
      }
    });

    it('ignores access_token outside /events: URLs end up in logs', async () => {
      const { referrer } = await pair();
      const { token } = (await mint(referrer)).body;
      const response = await anonymous().get(`/earnings/${referrer}`, { access_token: token });
      expect(response.status).toBe(401);
    });
  });

  describe('API keys', () => {
    it('accepts the admin key as a Bearer token and as X-API-Key', async () => {
      expect((await anonymous().get('/leaderboard', {}, { authorization: `Bearer ${system.adminKey}` })).status).toBe(
        200,
      );
      expect((await anonymous().get('/leaderboard', {}, { 'x-api-key': system.adminKey })).status).toBe(200);
    });

    it('refuses an unknown key, a malformed header and two credentials at once with 401', async () => {
      const unknown = generateApiKey();
      for (const headers of [
        { authorization: `Bearer ${unknown}` },
        { 'x-api-key': unknown },
        { authorization: `Basic ${Buffer.from(`admin:${system.adminKey}`).toString('base64')}` },
        { authorization: `Bearer ${system.adminKey}`, 'x-api-key': system.adminKey },
      ] as Record<string, string>[]) {
        const response = await anonymous().get('/leaderboard', {}, headers);
        expect(response.status).toBe(401);
        expect(response.body.code).toBe('AUTH.UNAUTHENTICATED');
        expect(JSON.stringify(response.body)).not.toContain(unknown);
        expect(JSON.stringify(response.body)).not.toContain(system.adminKey);
      }
    });

    it('lets a purchases:write key record purchases and nothing else (403)', async () => {
      const { referrer, buyer } = await pair();
      const purchase = await shop().post('/purchase', { buyer_id: buyer, amount: 1500 });
      expect(purchase.status).toBe(201);
      for (const [method, path] of [
        ['GET', `/earnings/${referrer}`],
        ['GET', `/referrals/${referrer}`],
        ['GET', '/leaderboard'],
        ['GET', `/purchase/${purchase.body.purchase_id}`],
        ['POST', `/purchase/${purchase.body.purchase_id}/refund`],
        ['POST', '/user?name=Sneaky'],
        ['PATCH', `/user/${referrer}/deactivate`],
        ['POST', `/user/${referrer}/token`],
        ['GET', '/audit'],
      ]) {
        const response = await shop().call<any>(method, path, {});
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
        expect(response.body).toEqual({ statusCode: 403, code: 'AUTH.FORBIDDEN', message: expect.any(String) });
      }
      expect((await api().get(`/earnings/${referrer}`)).body.total_earnings).toBe(75);
    });

    it('checks access before validation and existence: no 400 or 404 for a caller without the right', async () => {
      expect((await shop().get('/earnings/abc')).status).toBe(403);
      expect((await shop().get('/earnings/999999')).status).toBe(403);
      expect((await anonymous().get('/earnings/abc')).status).toBe(401);
    });
  });

  describe('user tokens', () => {
    it('are minted by an admin for an existing user, with an expiry', async () => {
      const { referrer } = await pair();
      const before = Date.now();
      const response = await mint(referrer, { ttl: 600 });
      expect(response.status).toBe(201);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body).toEqual({
        token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'Bearer',
        user_id: referrer,
        expires_at: expect.stringMatching(/Z$/),
        expires_in: 600,
        dashboard_url: `/static/index.html?user_id=${referrer}&token=${response.body.token}`,
      });
      const expiresAt = Date.parse(response.body.expires_at);
      expect(expiresAt).toBeGreaterThanOrEqual(before + 599_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    });

    it('are refused for an unknown user (404) and an invalid lifetime (400)', async () => {
      expect((await mint(999_999)).body).toMatchObject({ statusCode: 404, code: 'USER.NOT_FOUND' });
      const { referrer } = await pair();
      for (const ttl of [0, 400 * 24 * 3600]) {
        expect((await mint(referrer, { ttl })).status).toBe(400);
      }
    });

    it("read their own user's earnings, referrals, transactions and export, and the leaderboard", async () => {
      const { referrer } = await pair();
      const user = api().as((await mint(referrer)).body.token);
      for (const path of [
        `/earnings/${referrer}`,
        `/referrals/${referrer}`,
        `/transactions/${referrer}`,
        `/earnings/${referrer}/export.csv`,
        '/leaderboard',
      ]) {
        const response = await fetch(`${system.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${user.credential}` },
        });
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    });

    it("are refused (403) another user's data and every write", async () => {
      const { referrer, buyer } = await pair();
      const user = api().as((await mint(buyer)).body.token);
      for (const [method, path] of [
        ['GET', `/earnings/${referrer}`],
        ['GET', `/referrals/${referrer}`],
        ['GET', `/transactions/${referrer}`],
        ['GET', `/earnings/${referrer}/export.csv`],
        ['POST', `/purchase?buyer_id=${buyer}&amount=1500`],
        ['POST', `/refer?referrer_id=${buyer}&user_id=${referrer}`],
        ['PATCH', `/user/${buyer}/deactivate`],
        ['POST', `/user/${buyer}/token`],
        ['POST', '/user?name=Sneaky'],
        ['GET', `/audit?user_id=${buyer}`],
      ]) {
        const response = await user.call<any>(method, path, {});
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 403 });
        expect(response.body.code).toBe('AUTH.FORBIDDEN');
      }
    });

    it('are refused with 401 once expired, when signed with another secret, or when altered', async () => {
      const { referrer } = await pair();
      const expired = signToken(system.auth.tokenSecret, referrer, 60, Date.now() - 3_600_000);
      const foreign = signToken('another-secret-another-secret-another', referrer, 600);
      const [header, payload, signature] = (await mint(referrer)).body.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const altered = [header, Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url'), signature];
      for (const [token, message] of [
        [expired, /expired/],
        [foreign, /not valid/],
        [altered.join('.'), /not valid/],
      ] as const) {
        const response = await api().as(token).get(`/earnings/${referrer}`);
        expect(response.status).toBe(401);
        expect(response.body.message).toMatch(message);
      }
    });
  });

  describe('session tokens, an operator browser holding a token instead of the key', () => {
    const startSession = async (query: Record<string, number> = {}, as: ApiClient = api()) =>
      as.post<{
        token: string;
        token_type: string;
        key_id: string;
        scopes: string[];
        expires_at: string;
        expires_in: number;
        dashboard_url: string;
      }>('/session', query);

    it('are minted by an admin key for itself, for 15 minutes unless asked, at most 12 hours', async () => {
      const before = Date.now();
      const response = await startSession();
      expect(response.status).toBe(201);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.body).toEqual({
        token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        token_type: 'Bearer',
        key_id: 'admin',
        scopes: ['admin'],
        expires_at: expect.stringMatching(/Z$/),
        expires_in: 900,
        dashboard_url: `/static/index.html?token=${response.body.token}`,
      });
      expect(Date.parse(response.body.expires_at)).toBeGreaterThanOrEqual(before + 899_000);
      expect(Date.parse(response.body.expires_at)).toBeLessThanOrEqual(Date.now() + 900_000);
      expect((await startSession({ ttl: 12 * 3600 })).body.expires_in).toBe(43_200);
      const tooLong = await startSession({ ttl: 12 * 3600 + 1 });
      expect(tooLong.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION.FAILED',
        message: 'ttl must be at most 43200',
      });
    });

    it('do what their key may: any user, purchases, deactivation, the audit log, the live stream', async () => {
      const { referrer, buyer } = await pair();
      const session = api().as((await startSession()).body.token);
      expect((await session.post('/purchase', { buyer_id: buyer, amount: 1500 })).status).toBe(201);
      expect((await session.get(`/earnings/${referrer}`)).body.total_earnings).toBe(75);
      expect((await session.patch(`/user/${buyer}/deactivate`)).status).toBe(200);
      expect((await session.get('/audit', { limit: 1 })).status).toBe(200);
      expect((await session.post(`/user/${buyer}/token`)).status).toBe(201);
      const stream = await fetch(`${system.baseUrl}/events/${referrer}?access_token=${session.credential}`);
      expect([stream.status, stream.headers.get('content-type')]).toEqual([200, expect.stringMatching(/event-stream/)]);
      await stream.body?.cancel();
    });

    it('mint user tokens that expire with the session at the latest', async () => {
      const { buyer } = await pair();
      const session = api().as((await startSession({ ttl: 120 })).body.token);
      const asked = await session.post<{ expires_in: number }>(`/user/${buyer}/token`, { ttl: 86_400 });
      expect(asked.status).toBe(201);
      expect(asked.body.expires_in).toBeGreaterThan(100);
      expect(asked.body.expires_in).toBeLessThanOrEqual(120);
      // With the key itself the token gets what was asked.
      const withKey = await api().post<{ expires_in: number }>(`/user/${buyer}/token`, { ttl: 86_400 });
      expect(withKey.body.expires_in).toBe(86_400);
    });

    it('are minted only with an admin key itself: not by a session, a user token or a purchases key (403)', async () => {
      const { referrer } = await pair();
      const session = api().as((await startSession()).body.token);
      const refused = await session.post('/session');
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/session token may not do this/);
      expect((await startSession({}, api().as((await mint(referrer)).body.token))).status).toBe(403);
      expect((await startSession({}, shop())).status).toBe(403);
    });

    it('are refused with 401 once expired, or when forged as a user token', async () => {
      const issuedAt = Math.floor(Date.now() / 1000) - 3_600;
      const expired = new JwtService({ secret: system.auth.tokenSecret }).sign(
        { iat: issuedAt, exp: issuedAt + 60, scopes: ['admin'] },
        {
          algorithm: 'HS256',
          issuer: 'referral-gateway',
          audience: 'referral-platform:session',
          subject: 'admin',
          jwtid: 'x',
        },
      );
      const response = await api().as(expired).get('/leaderboard');
      expect(response.status).toBe(401);
      expect(response.body.message).toMatch(/session token has expired.*POST \/session/);
      // A session token is no user token, and a user token no session token: each has its own audience.
      const { referrer } = await pair();
      const [header, , signature] = (await startSession()).body.token.split('.');
      const asUser = Buffer.from(JSON.stringify({ sub: String(referrer), aud: 'referral-platform:user' })).toString(
        'base64url',
      );
      expect((await api().as([header, asUser, signature].join('.')).get(`/earnings/${referrer}`)).status).toBe(401);
    });

    it('are named in the audit log by key id and token id, never by the token', async () => {
      const user = await api().createUser('Audited by a session');
      const started = await startSession({ ttl: 600 });
      const session = api().as(started.body.token);
      expect((await session.patch(`/user/${user}/deactivate`)).status).toBe(200);
      const [deactivated] = (await api().get('/audit', { user_id: user, limit: 1 })).body.entries as any[];
      expect(deactivated).toMatchObject({ actor: 'admin', action: 'user.deactivated' });
      expect(deactivated.details).toEqual({ session_id: expect.any(String) });
      const all = (await api().get('/audit', { limit: 100 })).body.entries as any[];
      const minted = all.find(
        (entry) => entry.action === 'session.minted' && entry.details.token_id === deactivated.details.session_id,
      );
      expect(minted).toMatchObject({ actor: 'admin', user_ids: [], details: { expires_at: started.body.expires_at } });
      expect(JSON.stringify(all)).not.toContain(started.body.token);
      expect(JSON.stringify(all)).not.toMatch(/eyJ/);
    });
  });

  describe('the live stream, /events/{user_id}', () => {
    /** Opens the stream, reads the status and type, and closes it. */
    async function openStream(path: string, headers: Record<string, string> = {}) {
      const abort = new AbortController();
      const response = await fetch(`${system.baseUrl}${path}`, { headers, signal: abort.signal });
      const result = { status: response.status, type: response.headers.get('content-type') ?? '' };
      const body = result.type.startsWith('text/event-stream')
        ? undefined
        : ((await response.json()) as { code: string; message: string });
      abort.abort();
      return { ...result, body };
    }

    it('refuses a client without a credential (401) and a token for another user (403)', async () => {
      const { referrer, buyer } = await pair();
      const { token } = (await mint(buyer)).body;
      expect(await openStream(`/events/${referrer}`)).toMatchObject({
        status: 401,
        body: { code: 'AUTH.UNAUTHENTICATED' },
      });
      expect(await openStream(`/events/${referrer}?access_token=${token}`)).toMatchObject({
        status: 403,
        body: { code: 'AUTH.FORBIDDEN' },
      });
      expect(await openStream(`/%65vents/${referrer}`)).toMatchObject({ status: 401 });
    });

    it('refuses an API key in access_token, even the admin key, saying to use a token; a header still works', async () => {
      const { referrer } = await pair();
      const response = await openStream(`/events/${referrer}?access_token=${system.adminKey}`);
      expect(response).toMatchObject({ status: 401, body: { code: 'AUTH.UNAUTHENTICATED' } });
      expect(response.body?.message).toMatch(/access_token takes a user token or a session token, not an API key/);
      expect(JSON.stringify(response.body)).not.toContain(system.adminKey);
      expect((await openStream(`/events/${referrer}?access_token=${SHOP_KEY}`)).status).toBe(401);
      const header = await openStream(`/events/${referrer}`, { authorization: `Bearer ${system.adminKey}` });
      expect([header.status, header.type]).toEqual([200, expect.stringMatching(/^text\/event-stream/)]);
    });

    it("streams to the user's own token given as access_token, as EventSource sends it", async () => {
      const { referrer } = await pair();
      const { token } = (await mint(referrer)).body;
      const stream = await openStream(`/events/${referrer}?access_token=${encodeURIComponent(token)}`);
      expect(stream.status).toBe(200);
      expect(stream.type).toMatch(/^text\/event-stream/);
    });
  });

  describe('the audit log', () => {
    it('records refer, deactivate, reactivate and token minting with the key id, newest first', async () => {
      const referrer = await api().createUser('Audited referrer');
      const user = await api().createUser('Audited user');
      const ops = api().as(OPS_KEY);
      expect((await ops.post('/refer', { referrer_id: referrer, user_id: user })).status).toBe(200);
      expect((await api().patch(`/user/${user}/deactivate`)).status).toBe(200);
      expect((await ops.patch(`/user/${user}/reactivate`)).status).toBe(200);
      expect((await mint(user, { ttl: 120 })).status).toBe(201);
      expect((await shop().post('/purchase', { buyer_id: user, amount: 1500 })).status).toBe(201);
      await api().patch('/user/999999/deactivate'); // refused: not recorded

      const response = await api().get('/audit', { user_id: user });
      expect(response.status).toBe(200);
      const entries = response.body.entries as any[];
      expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
        ['token.minted', 'admin'],
        ['user.reactivated', 'ops'],
        ['user.deactivated', 'admin'],
        ['user.referred', 'ops'],
        ['user.created', 'admin'],
      ]);
      expect(entries[3]).toEqual({
        audit_id: expect.any(Number),
        actor: 'ops',
        action: 'user.referred',
        user_ids: [referrer, user].sort((a, b) => a - b),
        details: { referrer_id: referrer, user_id: user },
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(entries[0].details).toEqual({ token_id: expect.any(String), expires_at: expect.stringMatching(/Z$/) });
      expect(JSON.stringify(entries)).not.toMatch(/eyJ/); // never the token itself
      const referrerEntries = (await api().get('/audit', { user_id: referrer })).body.entries as any[];
      expect(referrerEntries.map((entry) => entry.action)).toEqual(['user.referred', 'user.created']);
    });

    it('records a refund with the users whose earnings it took back', async () => {
      const { referrer, buyer } = await pair();
      const purchase = await shop().post('/purchase', { buyer_id: buyer, amount: 2000 });
      const refund = await api().post(`/purchase/${purchase.body.purchase_id}/refund`, { amount: 500 });
      expect(refund.status).toBe(201);
      const [entry] = (await api().get('/audit', { user_id: referrer, limit: 1 })).body.entries;
      expect(entry).toMatchObject({
        actor: 'admin',
        action: 'purchase.refunded',
        user_ids: [referrer],
        details: { purchase_id: purchase.body.purchase_id, refund_id: refund.body.refund_id, amount_paise: 50_000 },
      });
    });

    it('pages with limit and cursor, and refuses a bad limit', async () => {
      const user = await api().createUser('Paged');
      for (let i = 0; i < 3; i++) {
        await api().patch(`/user/${user}/deactivate`);
      }
      const first = await api().get('/audit', { user_id: user, limit: 2 });
      expect(first.body.entries).toHaveLength(2);
      const second = await api().get('/audit', { user_id: user, limit: 2, cursor: first.body.next_cursor });
      expect(second.body.entries.map((entry: any) => entry.action)).toEqual(['user.deactivated', 'user.created']);
      expect(second.body.next_cursor).toBeNull();
      expect((await api().get('/audit', { limit: 0 })).status).toBe(400);
      expect((await api().get('/audit')).body.entries.length).toBeGreaterThan(2);
    });
  });

  describe('HTTP hardening', () => {
    it('sends security headers on API answers and pages, with the pages’ content security policy', async () => {
      const page = await fetch(`${system.baseUrl}/static/index.html`);
      for (const response of [await api().get('/leaderboard'), page]) {
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      }
    });

    it('keeps CORS closed by default: no grant for another origin, no preflight', async () => {
      const simple = await api().get('/leaderboard', {}, { origin: 'https://evil.example' });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${system.baseUrl}/purchase`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    });

    it('refuses a body over 64 KiB with 413 and the error body, and records nothing', async () => {
      const before = await api().createUser('Before');
      const response = await api().post('/user', undefined, { body: { name: 'x'.repeat(70_000) } });
      expect(response.status).toBe(413);
      expect(response.body).toEqual({ statusCode: 413, code: 'REQUEST.TOO_LARGE', message: expect.any(String) });
      expect(await api().createUser('After')).toBe(before + 1);
    });

    it('shows no stack trace, file path or SQL in error bodies', async () => {
      const responses = [
        await api().post('/user', undefined, { body: '{"name":' }),
        await api().post('/user', { name: "x'); DROP TABLE users; --".repeat(10) }),
        await api().get("/earnings/1' OR '1'='1"),
        await api().get('/no/such/route'),
        await api().post('/refer', { referrer_id: 999_999, user_id: 'SELECT 1' }),
        await api().as('garbage.garbage.garbage').get('/leaderboard'),
      ];
      for (const response of responses) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(Object.keys(response.body).sort()).toEqual(['code', 'message', 'statusCode']);
        expect(response.body.message).not.toMatch(INTERNALS);
      }
    });
  });
});

describe('Rate limits and CORS, configured', () => {
  const PER_KEY = 5;
  /** Above the health polls that start-up makes from this address. */
  const PER_IP = 200;
  const ALLOWED_ORIGIN = 'https://shop.example';
  let system: System;

  beforeAll(async () => {
    system = await startSystem(
      {
        RATE_LIMIT_PER_MINUTE: String(PER_KEY),
        RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP),
        CORS_ORIGINS: `${ALLOWED_ORIGIN}, http://127.0.0.1:8080`,
      },
      { apiKeys: [{ id: 'shop', scopes: ['purchases:write'], key: SHOP_KEY }] },
    );
  });
  afterAll(() => system?.stop());

  it('allows the configured origins, and only those', async () => {
    const allowed = await fetch(`${system.baseUrl}/health`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const preflight = await fetch(`${system.baseUrl}/purchase`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await fetch(`${system.baseUrl}/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 429 with Retry-After once a key used its allowance; other keys keep theirs', async () => {
    for (let i = 0; i < PER_KEY; i++) {
      expect((await system.api.get('/leaderboard')).status).toBe(200);
    }
    const limited = await system.api.get('/leaderboard');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ statusCode: 429, code: 'RATE.LIMITED', message: expect.any(String) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await system.api.as(SHOP_KEY).get('/leaderboard')).status).toBe(403); // its own bucket: not 429
  });

  it('counts refused credentials on /events against the address, as on every other route', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PER_IP && !statuses.includes(429); i++) {
      const guess: Record<string, string> = i % 3 === 0 ? { authorization: `Bearer ${generateApiKey()}` } : {};
      // A valid key in the URL is refused too (a token is needed there), and counted against the address.
      const inUrl = i % 3 === 1 ? SHOP_KEY : `not-a-token-${i}`;
      const response = await fetch(`${system.baseUrl}/events/1?access_token=${inUrl}`, { headers: guess });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([401]));
  });

  it('limits requests without a valid credential per IP address', async () => {
    let first429: Response | undefined;
    for (let i = 0; i <= PER_IP && !first429; i++) {
      const response = await fetch(`${system.baseUrl}/static/css/app.css`);
      if (response.status === 429) {
        first429 = response;
      } else {
        expect(response.status).toBe(200);
      }
    }
    expect(first429).toBeDefined();
    expect(Number(first429?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await first429?.json()).toMatchObject({ code: 'RATE.LIMITED' });
    // Guessing keys from the same address counts against it too.
    const guess = await fetch(`${system.baseUrl}/leaderboard`, { headers: { 'x-api-key': generateApiKey() } });
    expect(guess.status).toBe(429);
  });
});
