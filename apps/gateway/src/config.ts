import { loadConfig, Secret, ServiceConfig, ToInt } from '@app/platform';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { parseApiKeys, type ApiKeyEntry } from './auth/api-keys';

const DAY_SECONDS = 24 * 60 * 60;

/** Validates API_KEYS with its own parser; the message says what is wrong without quoting any key. */
const IsApiKeyList = (): PropertyDecorator =>
  ValidateBy({
    name: 'isApiKeyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !('error' in parseApiKeys(value)),
      defaultMessage: ({ value }: ValidationArguments) => {
        const parsed = typeof value === 'string' ? parseApiKeys(value) : { error: 'must be a string' };
        return 'error' in parsed ? parsed.error : '';
      },
    },
  });

/** A token's default lifetime may not exceed the longest allowed. */
const NotAbove = (other: 'TOKEN_MAX_TTL_SECONDS' | 'SESSION_MAX_TTL_SECONDS'): PropertyDecorator =>
  ValidateBy({
    name: 'notAbove',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        typeof value === 'number' && value <= (args?.object as GatewayConfig)[other],
      defaultMessage: () => `must not be above ${other}`,
    },
  });

export class GatewayConfig extends ServiceConfig {
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT = 3000;

  /** Interface to listen on. */
  @IsString()
  HOST = '127.0.0.1';

  /** Where the notifier serves its SSE streams; `/events/*` is proxied there. */
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  NOTIFIER_URL = 'http://127.0.0.1:3001';

  /**
   * API keys, as a JSON array: `[{"id":"ops","scopes":["admin"],"key_sha256":"<hex>"}]` (or `"key"` instead of
   * `"key_sha256"`). None by default: then only the public routes answer.
   */
  @Secret()
  @IsApiKeyList()
  API_KEYS = '[]';

  /** Signs user tokens (HS256); at least 32 characters. Unset: a random one per process (tokens die with it). */
  @Secret()
  // Empty counts as unset, so `TOKEN_SECRET: ${TOKEN_SECRET:-}` in a compose file works either way.
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(32)
  TOKEN_SECRET?: string;

  /** Lifetime of a user token when `POST /user/{id}/token` names none. */
  @ToInt()
  @IsInt()
  @Min(1)
  @NotAbove('TOKEN_MAX_TTL_SECONDS')
  TOKEN_TTL_SECONDS = 3_600;

  /** The longest lifetime a token may be minted with. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(365 * DAY_SECONDS)
  TOKEN_MAX_TTL_SECONDS = 30 * DAY_SECONDS;

  /** Lifetime of an operator's session token when `POST /session` names none: 15 minutes. */
  @ToInt()
  @IsInt()
  @Min(1)
  @NotAbove('SESSION_MAX_TTL_SECONDS')
  SESSION_TTL_SECONDS = 15 * 60;

  /**
   * The longest lifetime a session token may be minted with: 12 hours, at most a day. A session token is as
   * strong as its API key and travels in page addresses, so it must die soon; a script keeps the key instead.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(DAY_SECONDS)
  SESSION_MAX_TTL_SECONDS = 12 * 60 * 60;

  /** Requests per minute for each API key and each user token. High by default: it stops runaway clients. */
  @ToInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600_000;

  /** Requests per minute from one IP address without a valid credential (pages' files, health, refusals). */
  @ToInt()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_IP_PER_MINUTE = 10_000;

  /** Largest request body; larger ones are refused with 413 before they are read in full. */
  @ToInt()
  @IsInt()
  @Min(1_024)
  @Max(16 * 1024 * 1024)
  BODY_LIMIT_BYTES = 64 * 1024;

  /** Origins allowed to call the API from a browser (CORS), comma-separated; none by default. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean)
      : value,
  )
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
    each: true,
    message: 'each origin must be scheme://host[:port], e.g. https://shop.example',
  })
  CORS_ORIGINS: string[] = [];

  /** The parsed API keys (validated above, so parsing cannot fail here). */
  get apiKeys(): ApiKeyEntry[] {
    const parsed = parseApiKeys(this.API_KEYS);
    return 'keys' in parsed ? parsed.keys : [];
  }
}

export const loadGatewayConfig = (): GatewayConfig => loadConfig(GatewayConfig);

/** The injection token of the validated configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
