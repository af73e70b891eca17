import { invalidIdempotencyKey } from './http.errors';
import { randomUUID } from 'node:crypto';

const MAX_KEY_LENGTH = 200;

/**
 * The key under which a write is processed exactly once: the client's `Idempotency-Key` when given (validated),
 * else one the gateway makes, so that a redelivery inside the system is still applied once. The prefixes keep
 * the two kinds from ever colliding.
 */
export function idempotencyKeyFrom(header: string | undefined): { key: string; fromClient: boolean } {
  if (header === undefined) {
    return { key: `gateway:${randomUUID()}`, fromClient: false };
  }
  if (header.length === 0 || header.length > MAX_KEY_LENGTH) {
    throw invalidIdempotencyKey(MAX_KEY_LENGTH);
  }
  return { key: `client:${header}`, fromClient: true };
}
