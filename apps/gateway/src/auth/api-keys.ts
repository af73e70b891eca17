import { hash, timingSafeEqual } from 'node:crypto';
import { isScope, Scope } from './scopes';

/** A configured API key. Only its SHA-256 digest is kept in memory, never the key itself. */
export interface ApiKeyEntry {
  /** Names the key in the audit log and in rate limits; safe to show. */
  id: string;
  scopes: ReadonlySet<Scope>;
  digest: Buffer;
}

export const KEY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A shorter key could be guessed; generated keys (tools/stack/credentials.ts) are 46 characters. */
export const MIN_API_KEY_LENGTH = 24;

// The one-shot `hash` builds no Hash object: 0.9 µs a key against 2.4 µs, on every authenticated request.
export const sha256 = (text: string): Buffer => hash('sha256', text, 'buffer');

/**
 * Reads the API_KEYS setting: a JSON array of `{ "id", "scopes": [...], "key_sha256": "<hex>" }` (preferred:
 * the setting then holds nothing that opens the API) or `{ "id", "scopes", "key": "<the key>" }`. Returns the
 * keys or one sentence saying what is wrong; the sentence names entries by position and id, never by key.
 */
export function parseApiKeys(text: string): { keys: ApiKeyEntry[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'must be a JSON array of {"id", "scopes", "key_sha256" or "key"}' };
  }
  if (!Array.isArray(parsed)) {
    return { error: 'must be a JSON array' };
  }
  const keys: ApiKeyEntry[] = [];
  for (const [index, raw] of parsed.entries()) {
    const entry = parseEntry(raw);
    if ('error' in entry) {
      return { error: `entry ${index}: ${entry.error}` };
    }
    if (keys.some((key) => key.id === entry.key.id)) {
      return { error: `entry ${index}: id "${entry.key.id}" is used twice` };
    }
    if (keys.some((key) => key.digest.equals(entry.key.digest))) {
      return { error: `entry ${index} ("${entry.key.id}"): the same key is configured twice` };
    }
    keys.push(entry.key);
  }
  return { keys };
}

function parseEntry(raw: unknown): { key: ApiKeyEntry } | { error: string } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: 'must be an object' };
  }
  const { id, scopes, key, key_sha256: keySha256 } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !KEY_ID.test(id)) {
    return { error: 'id must be 1 to 64 letters, digits, "_", "." or "-"' };
  }
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every(isScope)) {
    return { error: `"${id}": scopes must be a non-empty list of ${Object.values(Scope).join(', ')}` };
  }
  if ((key === undefined) === (keySha256 === undefined)) {
    return { error: `"${id}": give exactly one of key_sha256 and key` };
  }
  let digest: Buffer;
  if (keySha256 !== undefined) {
    if (typeof keySha256 !== 'string' || !SHA256_HEX.test(keySha256)) {
      return { error: `"${id}": key_sha256 must be 64 lowercase hex digits` };
    }
    digest = Buffer.from(keySha256, 'hex');
  } else {
    if (typeof key !== 'string' || key.length < MIN_API_KEY_LENGTH) {
      return { error: `"${id}": key must be a string of at least ${MIN_API_KEY_LENGTH} characters` };
    }
    digest = sha256(key);
  }
  return { key: { id, scopes: new Set(scopes), digest } };
}

/**
 * Finds the configured key a client presented. The presented key is hashed first, so every comparison is
 * between two 32-byte digests (`timingSafeEqual` needs equal lengths, and the key's length leaks nothing), and
 * every configured key is compared, so the time taken does not say which one matched or how far it got.
 */
export class ApiKeyRing {
  constructor(private readonly keys: readonly ApiKeyEntry[]) {}

  find(presented: string): ApiKeyEntry | undefined {
    const digest = sha256(presented);
    let found: ApiKeyEntry | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest) && found === undefined) {
        found = key;
      }
    }
    return found;
  }

  /** The configured key with this id (a session token names its key by id). */
  byId(id: string): ApiKeyEntry | undefined {
    return this.keys.find((key) => key.id === id);
  }

  get size(): number {
    return this.keys.length;
  }
}
