import { presentedCredential } from './credentials';

const KEY = 'rk_0123456789abcdefghijklmnopqrstuvwxyz';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

describe(presentedCredential.name, () => {
  it('finds nothing when nothing is sent', () => {
    expect(presentedCredential({})).toEqual({ kind: 'none' });
  });

  it('reads an API key from a Bearer header (any case of the scheme) and from X-API-Key', () => {
    expect(presentedCredential({ authorization: `Bearer ${KEY}` })).toEqual({ kind: 'api-key', value: KEY });
    expect(presentedCredential({ authorization: `bearer  ${KEY}` })).toEqual({ kind: 'api-key', value: KEY });
    expect(presentedCredential({ 'x-api-key': ` ${KEY} ` })).toEqual({ kind: 'api-key', value: KEY });
  });

  it('tells a token (a JWT) from a key by its shape', () => {
    expect(presentedCredential({ authorization: `Bearer ${JWT}` })).toEqual({ kind: 'token', value: JWT });
    expect(presentedCredential({ accessToken: JWT })).toEqual({ kind: 'token', value: JWT });
  });

  it('takes only a token from access_token, never an API key: URLs end up in logs and history', () => {
    const credential = presentedCredential({ accessToken: KEY });
    expect(credential).toEqual({ kind: 'key-in-query' });
    expect(JSON.stringify(credential)).not.toContain(KEY);
  });

  it.each([
    ['another scheme', { authorization: `Basic ${KEY}` }, /Bearer/],
    ['a Bearer without a value', { authorization: 'Bearer' }, /Bearer/],
    ['a value with a space', { authorization: `Bearer ${KEY} extra` }, /Bearer/],
    ['an empty X-API-Key', { 'x-api-key': '  ' }, /empty/],
    ['a repeated access_token', { accessToken: [JWT, JWT] }, /once/],
    ['two credentials', { authorization: `Bearer ${KEY}`, 'x-api-key': KEY }, /one credential/],
    ['a header and a query token', { authorization: `Bearer ${KEY}`, accessToken: JWT }, /one credential/],
    ['a huge value', { 'x-api-key': 'k'.repeat(5_000) }, /too long/],
  ])('refuses %s as malformed, without repeating it', (_, sources, reason) => {
    const credential = presentedCredential(sources);
    expect(credential).toEqual({ kind: 'malformed', reason: expect.stringMatching(reason) });
    expect(JSON.stringify(credential)).not.toContain(KEY);
  });
});
