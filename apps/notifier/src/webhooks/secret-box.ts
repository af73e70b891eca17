import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface SecretKey {
  id: string;
  key: Buffer;
}

/**
 * Reads `WEBHOOK_SECRET_KEYS`: `id:<base64 of 32 bytes>` items, comma-separated, the first being the key new
 * secrets are encrypted with and the others kept only to read what they encrypted. Returns the keys or what is
 * wrong (never quoting a key).
 */
export function parseSecretKeys(text: string): SecretKey[] | { error: string } {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) {
    return { error: 'must list at least one key as id:<base64 of 32 bytes>' };
  }
  const keys: SecretKey[] = [];
  for (const item of items) {
    const colon = item.indexOf(':');
    const id = item.slice(0, colon);
    if (colon < 0 || !KEY_ID.test(id)) {
      return { error: 'each key must be id:<base64>, the id 1-32 letters, digits, _ or -' };
    }
    const key = Buffer.from(item.slice(colon + 1), 'base64');
    if (key.length !== KEY_BYTES) {
      return { error: `key "${id}" must be ${KEY_BYTES} bytes in base64` };
    }
    if (keys.some((known) => known.id === id)) {
      return { error: `key id "${id}" appears twice` };
    }
    keys.push({ id, key });
  }
  return keys;
}

export interface SealedSecret {
  keyId: string;
  /** base64 of IV, tag and ciphertext. */
  ciphertext: string;
}

/**
 * Encrypts endpoint signing secrets at rest with AES-256-GCM, so a database dump alone cannot forge
 * deliveries. Each sealed secret names its key, so keys can be rotated: new secrets use the first key, and
 * `needsResealing` finds those under an older one.
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly SecretKey[]) {
    if (keys.length === 0) {
      throw new Error('SecretBox needs at least one key');
    }
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  seal(secret: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys[0].key, iv);
    const encrypted = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      keyId: this.keys[0].id,
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64'),
    };
  }

  open({ keyId, ciphertext }: SealedSecret): string {
    const key = this.byId.get(keyId);
    if (!key) {
      throw new Error(`webhook secret sealed with key "${keyId}", which WEBHOOK_SECRET_KEYS does not list`);
    }
    const bytes = Buffer.from(ciphertext, 'base64');
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  knows(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  needsResealing(keyId: string): boolean {
    return keyId !== this.currentKeyId;
  }
}

/** A new key for WEBHOOK_SECRET_KEYS, as `id:<base64>`. */
export function newSecretKey(id: string): string {
  return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}
