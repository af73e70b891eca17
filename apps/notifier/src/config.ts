import { DatabaseServiceConfig, loadConfig, Secret, ToInt } from '@app/platform';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { parseRetrySchedule } from './webhooks/retry-schedule';
import { parseSecretKeys, type SecretKey } from './webhooks/secret-box';

const DAY_MS = 86_400_000;

/** Validates WEBHOOK_SECRET_KEYS with its own parser; the message never quotes a key. */
const IsSecretKeyList = (): PropertyDecorator =>
  ValidateBy({
    name: 'isSecretKeyList',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && !('error' in parseSecretKeys(value)),
      defaultMessage: (args) => {
        const parsed = typeof args?.value === 'string' ? parseSecretKeys(args.value) : { error: 'must be set' };
        return 'error' in parsed ? parsed.error : '';
      },
    },
  });

const IsRetrySchedule = (): PropertyDecorator =>
  ValidateBy({
    name: 'isRetrySchedule',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseRetrySchedule(value) !== null,
      defaultMessage: () => 'must be delays like 5s,5m,30m,2h (units ms, s, m, h, d)',
    },
  });

export class NotifierConfig extends DatabaseServiceConfig {
  /** The webhooks' endpoints, events, deliveries and attempts. */
  @IsString()
  @IsNotEmpty()
  override DATABASE_URL = '.data/notifier.sqlite';

  /** Port of the SSE endpoint (the gateway's NOTIFIER_URL points here). */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT = 3001;

  /** Interface to listen on. */
  @IsString()
  HOST = '127.0.0.1';

  /**
   * How often an idle stream gets a comment line, so that proxies and browsers keep it open. Below the
   * gateway proxy's 300 s body timeout.
   */
  @ToInt()
  @IsInt()
  @Min(50)
  @Max(120_000)
  KEEPALIVE_MS = 15_000;

  /**
   * Events one connection may have waiting while its client does not read; past this the client is
   * disconnected and will catch up by reconnecting with Last-Event-ID.
   */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100_000)
  SSE_MAX_BUFFERED_EVENTS = 1_000;

  /** A webhook try that has not answered 2xx within this long has failed (ms). */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** The pause before each retry of a failed delivery; after the last, the delivery is `failed`. */
  @IsRetrySchedule()
  WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** Allows endpoints on loopback and private addresses: for local runs and tests only. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_URLS = false;

  /**
   * Keys that encrypt the endpoints' signing secrets at rest: `id:<base64 of 32 bytes>`, comma-separated; the
   * first encrypts, the others only decrypt (docs/webhooks.md, "Rotating the encryption key").
   */
  @Secret()
  @IsSecretKeyList()
  WEBHOOK_SECRET_KEYS = '';

  /** How long nothing but failed tries disables an endpoint (ms): five days. */
  @ToInt()
  @IsInt()
  @Min(1_000)
  WEBHOOK_DISABLE_AFTER_MS = 5 * DAY_MS;

  /** How often due deliveries are looked for (ms); new events are also sent at once. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(60_000)
  WEBHOOK_POLL_MS = 500;

  /** Tries in flight at once in one notifier process. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1_000)
  WEBHOOK_CONCURRENCY = 32;

  /**
   * The durable JetStream consumers' name: the notifier processes with the same name share the events, each
   * taken by one. Another name is another group that gets every event again (its own database).
   */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  WEBHOOK_CONSUMER = 'webhooks';

  get retrySchedule(): number[] {
    return parseRetrySchedule(this.WEBHOOK_RETRY_SCHEDULE) ?? [];
  }

  get secretKeys(): SecretKey[] {
    const parsed = parseSecretKeys(this.WEBHOOK_SECRET_KEYS);
    if ('error' in parsed) {
      throw new Error(`WEBHOOK_SECRET_KEYS ${parsed.error}`);
    }
    return parsed;
  }
}

export const loadNotifierConfig = (): NotifierConfig => loadConfig(NotifierConfig);
