import { ApiKeyRing, parseApiKeys, sha256 } from './api-keys';
import { Scope } from './scopes';

const KEY = 'rk_0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER = 'rk_zyxwvutsrqponmlkjihgfedcba9876543210';

describe(parseApiKeys.name, () => {
  it('reads keys given as digests and as plain keys, keeping only digests', () => {
    const parsed = parseApiKeys(
      JSON.stringify([
        { id: 'ops', scopes: ['admin'], key_sha256: sha256(KEY).toString('hex') },
        { id: 'shop-1', scopes: ['purchases:write'], key: OTHER },
      ]),
    );
    expect(parsed).toEqual({
      keys: [
        { id: 'ops', scopes: new Set([Scope.Admin]), digest: sha256(KEY) },
        { id: 'shop-1', scopes: new Set([Scope.PurchasesWrite]), digest: sha256(OTHER) },
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain(OTHER);
  });

  it('accepts an empty list', () => {
    expect(parseApiKeys('[]')).toEqual({ keys: [] });
  });

  it.each([
    ['not JSON', 'ops:admin:key', /JSON array/],
    ['not an array', '{"id":"ops"}', /JSON array/],
    ['an entry that is not an object', '["x"]', /entry 0: must be an object/],
    ['a bad id', `[{"id":"has space","scopes":["admin"],"key":"${KEY}"}]`, /entry 0: id must be/],
    ['no scopes', `[{"id":"ops","scopes":[],"key":"${KEY}"}]`, /scopes must be a non-empty list/],
    ['an unknown scope', `[{"id":"ops","scopes":["root"],"key":"${KEY}"}]`, /scopes must be/],
    ['neither key nor digest', '[{"id":"ops","scopes":["admin"]}]', /exactly one of key_sha256 and key/],
    [
      'both key and digest',
      `[{"id":"ops","scopes":["admin"],"key":"${KEY}","key_sha256":"${'a'.repeat(64)}"}]`,
      /exactly one/,
    ],
    ['a short key', '[{"id":"ops","scopes":["admin"],"key":"short-key"}]', /at least 24 characters/],
    ['a bad digest', '[{"id":"ops","scopes":["admin"],"key_sha256":"abc"}]', /64 lowercase hex/],
    [
      'an id used twice',
      `[{"id":"ops","scopes":["admin"],"key":"${KEY}"},{"id":"ops","scopes":["admin"],"key":"${OTHER}"}]`,
      /entry 1: id "ops" is used twice/,
    ],
    [
      'a key used twice',
      `[{"id":"a","scopes":["admin"],"key":"${KEY}"},{"id":"b","scopes":["admin"],"key":"${KEY}"}]`,
      /entry 1 \("b"\): the same key is configured twice/,
    ],
  ])('refuses %s, naming the entry but never the key', (_, text, message) => {
    const parsed = parseApiKeys(text);
    expect(parsed).toEqual({ error: expect.stringMatching(message) });
    expect(JSON.stringify(parsed)).not.toContain(KEY);
  });
});

describe(ApiKeyRing.name, () => {
  const ring = new ApiKeyRing([
    { id: 'ops', scopes: new Set([Scope.Admin]), digest: sha256(KEY) },
    { id: 'shop', scopes: new Set([Scope.PurchasesWrite]), digest: sha256(OTHER) },
  ]);

  it('finds the key presented', () => {
    expect(ring.find(KEY)?.id).toBe('ops');
    expect(ring.find(OTHER)?.id).toBe('shop');
  });

  it('finds nothing for an unknown key, a prefix of a key, or an empty string', () => {
    expect(ring.find('rk_unknown-unknown-unknown-unknown')).toBeUndefined();
    expect(ring.find(KEY.slice(0, -1))).toBeUndefined();
    expect(ring.find(`${KEY} `)).toBeUndefined();
    expect(ring.find('')).toBeUndefined();
  });
});
