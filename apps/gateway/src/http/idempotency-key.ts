import { invalidIdempotencyKey } from './http.errors';
import { randomUUID } from 'node:crypto';

/**
 * The longest `Idempotency-Key` a client may send: stated here only, and used by the check, its message and the
 * API description. Inside the system the key travels as `client:<key>`, which the contracts allow up to 200
 * characters (the key columns): `idempotency-key.spec.ts` keeps the two in step.
 */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

/** Printable ASCII, as header values should be (RFC 9110 allows more, but no client needs it in a key). */
const KEY_CHARACTERS = /^[\x20-\x7e]+$/;

export const IDEMPOTENCY_KEY_RULE = `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} printable ASCII characters`;

/**
 * The key under which a write is processed exactly once: the client's `Idempotency-Key` when given (validated),
 * else one the gateway makes, so that a redelivery inside the system is still applied once. The prefixes keep
 * the two kinds from ever colliding.
 */
export function idempotencyKeyFrom(header: string | undefined): { key: string; fromClient: boolean } {
  if (header === undefined) {
    return { key: `gateway:${randomUUID()}`, fromClient: false };
  }
  if (header.length > IDEMPOTENCY_KEY_MAX_LENGTH || !KEY_CHARACTERS.test(header)) {
    throw invalidIdempotencyKey(IDEMPOTENCY_KEY_RULE);
  }
  return { key: `client:${header}`, fromClient: true };
}
