import { createHash, randomBytes } from 'node:crypto';

/** An API key to configure in the gateway: what API_KEYS describes, with the key itself for the caller. */
export interface ApiKeySpec {
  id: string;
  scopes: ('admin' | 'purchases:write')[];
  key: string;
}

/** What the gateway needs to check credentials. */
export interface GatewayAuth {
  keys: ApiKeySpec[];
  /** Signs user tokens. */
  tokenSecret: string;
}

/** 32 random bytes: `rk_` and 43 base64url characters, never a dot (so never mistaken for a JWT). */
export const generateApiKey = (): string => `rk_${randomBytes(32).toString('base64url')}`;

export const generateTokenSecret = (): string => randomBytes(32).toString('base64url');

/** A fresh admin key and token secret, for a stack started without credentials of its own. */
export const generateGatewayAuth = (): GatewayAuth => ({
  keys: [{ id: 'admin', scopes: ['admin'], key: generateApiKey() }],
  tokenSecret: generateTokenSecret(),
});

/**
 * The gateway's settings for these credentials. API_KEYS carries SHA-256 digests, not the keys: the gateway's
 * environment then holds nothing that opens the API.
 */
export function gatewayAuthEnv(auth: GatewayAuth): Record<string, string> {
  const keys = auth.keys.map(({ id, scopes, key }) => ({
    id,
    scopes,
    key_sha256: createHash('sha256').update(key, 'utf8').digest('hex'),
  }));
  return { API_KEYS: JSON.stringify(keys), TOKEN_SECRET: auth.tokenSecret };
}

/** The first key with the admin scope: the one tools use to drive the API. */
export function adminKeyOf(auth: GatewayAuth): string {
  const admin = auth.keys.find((key) => key.scopes.includes('admin'));
  if (!admin) {
    throw new Error('The stack needs an API key with the admin scope');
  }
  return admin.key;
}

/** A key for the notifier's WEBHOOK_SECRET_KEYS (`id:<base64 of 32 bytes>`), which encrypts webhook secrets. */
export const generateWebhookSecretKey = (id = 'k1'): string => `${id}:${randomBytes(32).toString('base64')}`;
