import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { LOG_LEVELS, type LogLevelName } from './logging';

/** Turns an environment string into an integer so that `@IsInt` can judge it. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
  );

/** Settings every service has. */
export class ServiceConfig {
  /** NATS broker URL(s), comma-separated. */
  @IsString()
  @IsNotEmpty()
  NATS_URL = 'nats://127.0.0.1:4222';

  /** How long a request to another service may take before it counts as unavailable. */
  @ToInt()
  @IsInt()
  @Min(50)
  @Max(60_000)
  REQUEST_TIMEOUT_MS = 3_000;

  /** The lowest level that is logged: fatal, error, warn, info, debug, trace or silent. */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';
}

/** A service with its own database: a SQLite file path (default) or a `postgres://` URL. */
export class DatabaseServiceConfig extends ServiceConfig {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL = '.data/service.sqlite';

  /** How long a SQLite statement waits for a lock held by another process before the write is retried. */
  @ToInt()
  @IsInt()
  @Min(10)
  @Max(60_000)
  DATABASE_BUSY_TIMEOUT_MS = 2_000;
}

const secretSettings = new WeakMap<object, Set<string | symbol>>();

/** Marks a setting whose value must never appear in a message (keys, signing secrets). */
export const Secret = (): PropertyDecorator => (target, key) => {
  secretSettings.set(target, new Set([...(secretSettings.get(target) ?? []), key]));
};

/** Whether `key` of this config object (or of a class it extends) was marked `@Secret()`. */
export function isSecretSetting(config: object, key: string): boolean {
  for (
    let proto = Object.getPrototypeOf(config) as object | null;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    if (secretSettings.get(proto)?.has(key)) {
      return true;
    }
  }
  return false;
}
