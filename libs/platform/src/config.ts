import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/**
 * Reads settings once, at start-up, into a typed and validated object. This is the only place that reads
 * `process.env`. A bad or missing setting stops the service with a message naming it.
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
    .map(
      (error) =>
        `${error.property}=${JSON.stringify(error.value)} (${Object.values(error.constraints ?? {}).join('; ')})`,
    )
    .join(', ');
}
