import { Logger, type DynamicModule, type INestMicroservice, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { natsTransport } from './nats';
import { RpcErrorFilter } from './rpc-error.filter';
import { createValidationPipe } from './validation.pipe';

/**
 * Starts a NATS-only service: requests arrive through the service's queue group, payloads are validated
 * where they are received, errors leave as `{ code, message }`, and SIGTERM drains before exit.
 */
export async function bootstrapService(
  module: Type | DynamicModule,
  service: string,
  natsUrl: string,
  logLevels: LogLevel[] = ['error', 'warn', 'log'],
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, {
    ...natsTransport(natsUrl, service),
    logger: logLevels,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  app.enableShutdownHooks();
  await app.listen();
  new Logger(service).log(`${service} is listening on NATS ${natsUrl}`);
  return app;
}

/** A service that cannot start says why and exits non-zero, so a supervisor or a test sees it at once. */
export function exitOnStartupFailure(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
