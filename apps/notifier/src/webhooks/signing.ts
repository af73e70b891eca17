import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';
/** 32 random bytes: as long as the HMAC-SHA256 key can usefully be. */
const SECRET_BYTES = 32;

/** A fresh signing secret in Standard Webhooks' form, `whsec_<base64>`. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one try: `v1,` and the base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed by
 * the secret's base64-decoded bytes. Written with node:crypto rather than the `standardwebhooks` package, so
 * the tests that verify deliveries with that package check an independent implementation.
 */
export function signDelivery(secret: string, messageId: string, timestampSeconds: number, body: string): SignedHeaders {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
