import { JwtService } from '@nestjs/jwt';
import { UserTokens } from './user-tokens';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';

describe(UserTokens.name, () => {
  const tokens = new UserTokens(SECRET);

  it('mints a token that names its user and expires after its lifetime', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const minted = tokens.mint(42, 600, now);
    expect(minted.expiresAt.toISOString()).toBe('2026-01-01T12:10:00.000Z');
    expect(tokens.verify(minted.token, now + 599_000)).toEqual({ userId: 42, tokenId: minted.tokenId });
    expect(tokens.verify(minted.token, now + 600_000)).toEqual({ error: 'expired' });
  });

  it('gives every token its own id', () => {
    expect(tokens.mint(1, 60).tokenId).not.toBe(tokens.mint(1, 60).tokenId);
  });

  it('refuses a token signed with another secret, or altered', () => {
    expect(new UserTokens(`${SECRET}-other`).verify(tokens.mint(1, 60).token)).toEqual({ error: 'invalid' });
    const [header, , signature] = tokens.mint(1, 60).token.split('.');
    const payload = Buffer.from(JSON.stringify({ sub: '2', exp: 9_999_999_999 })).toString('base64url');
    expect(tokens.verify([header, payload, signature].join('.'))).toEqual({ error: 'invalid' });
    expect(tokens.verify('not-a-token')).toEqual({ error: 'invalid' });
  });

  it('refuses a JWT made with the same secret for another purpose or with another algorithm', () => {
    const jwt = new JwtService({ secret: SECRET });
    expect(tokens.verify(jwt.sign({}, { subject: '1', expiresIn: 60, jwtid: 'x' }))).toEqual({ error: 'invalid' });
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: '1', jti: 'x', aud: 'referral-platform:user', iss: 'referral-gateway' }),
    ).toString('base64url')}.`;
    expect(tokens.verify(unsigned)).toEqual({ error: 'invalid' });
    const hs512 = jwt.sign(
      {},
      { algorithm: 'HS512', subject: '1', jwtid: 'x', audience: 'referral-platform:user', issuer: 'referral-gateway' },
    );
    expect(tokens.verify(hs512)).toEqual({ error: 'invalid' });
  });

  it('refuses a subject that is not a user id', () => {
    const jwt = new JwtService({ secret: SECRET });
    const sign = (subject: string) =>
      jwt.sign({}, { subject, jwtid: 'x', audience: 'referral-platform:user', issuer: 'referral-gateway' });
    expect(tokens.verify(sign('1'))).toEqual({ userId: 1, tokenId: 'x' });
    for (const subject of ['0', '-1', 'abc', '2147483648', '01']) {
      expect(tokens.verify(sign(subject))).toEqual({ error: 'invalid' });
    }
  });
});
