import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { isSecretSetting } from './config.fields';

/**
 * Reads settings once, at start-up, into a typed and validated object. This is the only place that reads
 * `process.env`. A bad or missing setting stops the service with a message naming it; the value of a setting
 * marked `@Secret()` is left out of that message, since start-up errors end up in logs.
 */
export function loadConfig<T extends object>(
  schema: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new Error(`Invalid configuration: ${describe(errors)}`);
  }
  return config;
}

function describe(errors: ValidationError[]): string {
  return errors
    .map((error) => {
      const value =
        error.target && isSecretSetting(error.target, error.property) ? '(hidden)' : JSON.stringify(error.value);
      return `${error.property}=${value} (${Object.values(error.constraints ?? {}).join('; ')})`;
    })
    .join(', ');
}
