import { JwtService } from '@nestjs/jwt';
import { Scope } from './scopes';
import { SessionTokens } from './session-tokens';
import { UserTokens } from './user-tokens';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const ADMIN = new Set([Scope.Admin]);

describe(SessionTokens.name, () => {
  const sessions = new SessionTokens(SECRET);

  it("mints a token that names its key and the key's scopes, and expires after its lifetime", () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const minted = sessions.mint('ops', ADMIN, 900, now);
    expect(minted.expiresAt.toISOString()).toBe('2026-01-01T12:15:00.000Z');
    expect(sessions.verify(minted.token, now + 899_000)).toEqual({
      keyId: 'ops',
      scopes: ADMIN,
      tokenId: minted.tokenId,
      expiresAt: minted.expiresAt,
    });
    expect(sessions.verify(minted.token, now + 900_000)).toEqual({ error: 'expired' });
    expect(SessionTokens.claimsToBeOne(minted.token)).toBe(true);
  });

  it('is never taken for a user token, nor a user token for it, though both use one secret', () => {
    const users = new UserTokens(SECRET);
    const session = sessions.mint('ops', ADMIN, 60).token;
    const user = users.mint(1, 60).token;
    expect(users.verify(session)).toEqual({ error: 'invalid' });
    expect(sessions.verify(user)).toEqual({ error: 'invalid' });
    expect(SessionTokens.claimsToBeOne(user)).toBe(false);
    expect(SessionTokens.claimsToBeOne('not.a.jwt')).toBe(false);
  });

  it('refuses a token signed with another secret, or with scopes or a key id it could not have', () => {
    expect(new SessionTokens(`${SECRET}-other`).verify(sessions.mint('ops', ADMIN, 60).token)).toEqual({
      error: 'invalid',
    });
    const jwt = new JwtService({ secret: SECRET });
    const sign = (subject: string, scopes: unknown) =>
      jwt.sign(
        { scopes },
        { subject, jwtid: 'x', expiresIn: 60, audience: 'referral-platform:session', issuer: 'referral-gateway' },
      );
    expect(sessions.verify(sign('ops', ['admin']))).toMatchObject({ keyId: 'ops', scopes: ADMIN, tokenId: 'x' });
    expect(sessions.verify(sign('ops', ['root']))).toEqual({ error: 'invalid' });
    expect(sessions.verify(sign('ops', []))).toEqual({ error: 'invalid' });
    expect(sessions.verify(sign('ops', 'admin'))).toEqual({ error: 'invalid' });
    expect(sessions.verify(sign('has space', ['admin']))).toEqual({ error: 'invalid' });
  });
});
