import { ErrorCode } from '@app/contracts';
import { refusal, type AccessRule } from './access-rules';
import type { Principal } from './principal';
import { Scope } from './scopes';

const admin: Principal = { kind: 'api-key', keyId: 'ops', scopes: new Set([Scope.Admin]) };
const shop: Principal = { kind: 'api-key', keyId: 'shop', scopes: new Set([Scope.PurchasesWrite]) };
const user7: Principal = { kind: 'user', userId: 7, tokenId: 't' };
/** A session token minted with the key `keyId`, holding `scope`. */
const sessionOf = (keyId: string, scope: Scope): Principal => ({
  kind: 'session',
  keyId,
  tokenId: 's',
  scopes: new Set([scope]),
  expiresAt: new Date('2026-01-01T12:15:00Z'),
});
const adminSession = sessionOf('ops', Scope.Admin);
const shopSession = sessionOf('shop', Scope.PurchasesWrite);

const PUBLIC: AccessRule = { kind: 'public' };
const ADMIN: AccessRule = { kind: 'admin' };
const ADMIN_KEY: AccessRule = { kind: 'admin-key' };
const PURCHASES: AccessRule = { kind: 'scope', scope: Scope.PurchasesWrite };
const OWN: AccessRule = { kind: 'own-user', param: 'user_id' };
const ANY_USER: AccessRule = { kind: 'any-user' };

/** The outcome as a word: allowed, 401 or 403. */
const decide = (rule: AccessRule, principal: Principal | null, params: Record<string, unknown> = {}) => {
  const refused = refusal(rule, principal, params);
  if (refused === null) {
    return 'allowed';
  }
  return refused.code === ErrorCode.AuthUnauthenticated ? 401 : refused.code === ErrorCode.AuthForbidden ? 403 : '?';
};

describe(refusal.name, () => {
  it('lets anyone through a public route', () => {
    expect([decide(PUBLIC, null), decide(PUBLIC, user7), decide(PUBLIC, shop)]).toEqual([
      'allowed',
      'allowed',
      'allowed',
    ]);
  });

  it('asks for a credential (401) on every other route when none was sent', () => {
    for (const rule of [ADMIN, ADMIN_KEY, PURCHASES, OWN, ANY_USER]) {
      expect(decide(rule, null, { user_id: '7' })).toBe(401);
    }
  });

  it('lets an admin key do everything', () => {
    for (const rule of [ADMIN, ADMIN_KEY, PURCHASES, OWN, ANY_USER]) {
      expect(decide(rule, admin, { user_id: '7' })).toBe('allowed');
    }
  });

  it("lets a session token do what its key's scopes grant, except what needs the key itself", () => {
    for (const rule of [ADMIN, PURCHASES, OWN, ANY_USER]) {
      expect(decide(rule, adminSession, { user_id: '7' })).toBe('allowed');
    }
    expect(decide(ADMIN_KEY, adminSession)).toBe(403);
    expect(decide(PURCHASES, shopSession)).toBe('allowed');
    expect([decide(ADMIN, shopSession), decide(OWN, shopSession, { user_id: '7' })]).toEqual([403, 403]);
    expect(decide(ADMIN_KEY, shop)).toBe(403);
    expect(decide(ADMIN_KEY, user7)).toBe(403);
  });

  it('lets a purchases:write key record purchases and nothing else', () => {
    expect(decide(PURCHASES, shop)).toBe('allowed');
    expect(decide(ADMIN, shop)).toBe(403);
    expect(decide(OWN, shop, { user_id: '7' })).toBe(403);
    expect(decide(ANY_USER, shop)).toBe(403);
  });

  it("lets a user token read its own user's data and the leaderboard, and nothing else", () => {
    expect(decide(OWN, user7, { user_id: '7' })).toBe('allowed');
    expect(decide(OWN, user7, { user_id: '0007' })).toBe('allowed'); // the route reads it as 7 too
    expect(decide(ANY_USER, user7)).toBe('allowed');
    expect(decide(OWN, user7, { user_id: '8' })).toBe(403);
    expect(decide(OWN, user7, { user_id: '7.0' })).toBe(403);
    expect(decide(OWN, user7, {})).toBe(403);
    expect(decide(ADMIN, user7)).toBe(403);
    expect(decide(PURCHASES, user7)).toBe(403);
  });

  it('says in words what was missing', () => {
    expect(refusal(ADMIN, shop, {})?.message).toBe('API key "shop" may not do this: it needs the admin scope');
    expect(refusal(OWN, user7, { user_id: '8' })?.message).toBe("This user token may read only user 7's data");
    expect(refusal(ADMIN, shopSession, {})?.message).toBe(
      'The session token of API key "shop" may not do this: it needs the admin scope',
    );
    expect(refusal(ADMIN_KEY, adminSession, {})?.message).toBe(
      'A session token may not do this: send API key "ops" itself',
    );
    expect(refusal(PURCHASES, user7, {})?.message).toBe(
      "A user token may only read its user's data; this needs an API key with the purchases:write scope",
    );
  });
});
