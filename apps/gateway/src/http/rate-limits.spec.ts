import { Scope } from '../auth/scopes';
import { allowanceOf, rateLimitBucket } from './rate-limits';

describe(rateLimitBucket.name, () => {
  it('counts a request against its credential when it has one, else its address', () => {
    expect(
      rateLimitBucket({ kind: 'api-key', keyId: 'shop', scopes: new Set([Scope.PurchasesWrite]) }, '10.0.0.1'),
    ).toBe('key:shop');
    expect(rateLimitBucket({ kind: 'user', userId: 7, tokenId: 't' }, '10.0.0.1')).toBe('user:7');
    expect(rateLimitBucket(null, '10.0.0.1')).toBe('ip:10.0.0.1');
  });

  it('gives address buckets their own allowance', () => {
    const limits = { perCredentialPerMinute: 1000, perIpPerMinute: 10 };
    expect(allowanceOf('ip:10.0.0.1', limits)).toBe(10);
    expect(allowanceOf('key:shop', limits)).toBe(1000);
    expect(allowanceOf('user:7', limits)).toBe(1000);
  });
});
