import { loadConfig } from '@app/platform';
import { GatewayConfig } from './config';

const KEY = 'rk_0123456789abcdefghijklmnopqrstuvwxyz';

describe(GatewayConfig.name, () => {
  const load = (env: Record<string, string>) => loadConfig(GatewayConfig, env);

  it('is closed by default: no keys, no CORS origins, a 64 KiB body limit', () => {
    const config = load({});
    expect(config.apiKeys).toEqual([]);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.BODY_LIMIT_BYTES).toBe(65_536);
    expect(config.TOKEN_SECRET).toBeUndefined();
  });

  it('reads API keys, limits and origins', () => {
    const config = load({
      API_KEYS: JSON.stringify([{ id: 'ops', scopes: ['admin'], key: KEY }]),
      RATE_LIMIT_PER_MINUTE: '5',
      CORS_ORIGINS: 'https://shop.example, http://127.0.0.1:8080',
    });
    expect(config.apiKeys.map((key) => key.id)).toEqual(['ops']);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(5);
    expect(config.CORS_ORIGINS).toEqual(['https://shop.example', 'http://127.0.0.1:8080']);
  });

  it('refuses bad API keys with a reason, never showing the setting', () => {
    const load$ = () => load({ API_KEYS: JSON.stringify([{ id: 'ops', scopes: ['root'], key: KEY }]) });
    expect(load$).toThrow(/API_KEYS=\(hidden\).*scopes must be/);
    expect(load$).not.toThrow(new RegExp(KEY));
  });

  it('takes an empty token secret as unset, as a compose file passes it', () => {
    expect(load({ TOKEN_SECRET: '' }).TOKEN_SECRET).toBeUndefined();
  });

  it('refuses a short token secret without showing it', () => {
    const load$ = () => load({ TOKEN_SECRET: 'short-secret' });
    expect(load$).toThrow(/TOKEN_SECRET=\(hidden\)/);
    expect(load$).not.toThrow(/short-secret/);
  });

  it('refuses an origin with a path, and a default token lifetime above the longest', () => {
    expect(() => load({ CORS_ORIGINS: 'https://shop.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(() => load({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => load({ TOKEN_TTL_SECONDS: '7200', TOKEN_MAX_TTL_SECONDS: '3600' })).toThrow(/TOKEN_TTL_SECONDS/);
  });

  it('keeps session tokens short-lived: 15 minutes by default, 12 hours at most, never above a day', () => {
    const config = load({});
    expect([config.SESSION_TTL_SECONDS, config.SESSION_MAX_TTL_SECONDS]).toEqual([900, 43_200]);
    expect(() => load({ SESSION_TTL_SECONDS: '7200', SESSION_MAX_TTL_SECONDS: '3600' })).toThrow(/SESSION_TTL_SECONDS/);
    expect(() => load({ SESSION_MAX_TTL_SECONDS: String(2 * 24 * 3600) })).toThrow(/SESSION_MAX_TTL_SECONDS/);
  });
});
