import { newSecretKey, parseSecretKeys, SecretBox, type SecretKey } from './secret-box';

const keys = (text: string): SecretKey[] => {
  const parsed = parseSecretKeys(text);
  if ('error' in parsed) {
    throw new Error(parsed.error);
  }
  return parsed;
};

describe(SecretBox.name, () => {
  const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTE=';

  it('seals under the first key and opens again; the ciphertext does not show the secret', () => {
    const box = new SecretBox(keys(`${newSecretKey('k2')},${newSecretKey('k1')}`));
    const sealed = box.seal(secret);
    expect(sealed.keyId).toBe('k2');
    expect(sealed.ciphertext).not.toContain('c2VjcmV0');
    expect(box.open(sealed)).toBe(secret);
    expect(box.seal(secret).ciphertext).not.toBe(sealed.ciphertext);
  });

  it('opens what an older key sealed once the new key is first, and says it needs resealing', () => {
    const oldKey = newSecretKey('k1');
    const sealed = new SecretBox(keys(oldKey)).seal(secret);
    const rotated = new SecretBox(keys(`${newSecretKey('k2')},${oldKey}`));
    expect(rotated.open(sealed)).toBe(secret);
    expect(rotated.needsResealing(sealed.keyId)).toBe(true);
    expect(rotated.needsResealing(rotated.seal(secret).keyId)).toBe(false);
  });

  it('refuses a tampered ciphertext and an unknown key id', () => {
    const box = new SecretBox(keys(newSecretKey('k1')));
    const sealed = box.seal(secret);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: bytes.toString('base64') })).toThrow();
    expect(() => box.open({ ...sealed, keyId: 'k9' })).toThrow(/k9/);
    expect(() => new SecretBox(keys(newSecretKey('k1'))).open(sealed)).toThrow();
  });
});

describe(parseSecretKeys.name, () => {
  it.each(['', 'nokey', 'k1:c2hvcnQ=', `bad id:${Buffer.alloc(32).toString('base64')}`])('refuses %p', (text) => {
    expect(parseSecretKeys(text)).toHaveProperty('error');
  });

  it('refuses a repeated id without quoting a key', () => {
    const key = newSecretKey('k1');
    const parsed = parseSecretKeys(`${key},${key}`);
    expect(parsed).toEqual({ error: 'key id "k1" appears twice' });
  });
});
