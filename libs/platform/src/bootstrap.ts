import { Logger, type DynamicModule, type INestMicroservice, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsOptions, NestMicroservice } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ErrorResponseFilter } from './error-response.filter';
import { natsTransport } from './nats';
import { RpcErrorFilter } from './rpc-error.filter';
import { createValidationPipe } from './validation.pipe';

const DEFAULT_LOG_LEVELS: LogLevel[] = ['error', 'warn', 'log'];

/**
 * Starts a NATS-only service: requests arrive through the service's queue group, payloads are validated
 * where they are received, errors leave as `{ code, message }`, and SIGTERM drains before exit.
 */
export async function bootstrapService(
  module: Type | DynamicModule,
  service: string,
  natsUrl: string,
  logLevels: LogLevel[] = DEFAULT_LOG_LEVELS,
): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, {
    ...natsTransport(natsUrl, service),
    logger: logLevels,
  });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  new Logger(service).log(`${service} is listening on NATS ${natsUrl}`);
  return app;
}

/**
 * Creates an HTTP service on Fastify: inputs validated by the shared pipe, every error answered with the
 * error body of SPEC.md, SIGTERM handled. The caller registers plugins and then listens.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  { bodyLimit, logLevels = DEFAULT_LOG_LEVELS }: { bodyLimit?: number; logLevels?: LogLevel[] } = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ bodyLimit }), {
    logger: logLevels,
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  app.enableShutdownHooks();
  return app;
}

export interface HybridServiceOptions {
  natsUrl: string;
  port: number;
  host: string;
  logLevels?: LogLevel[];
}

/**
 * Starts a service that serves HTTP and also answers its NATS requests (health) in its queue group, with the
 * same conventions on each side as `createHttpApp` and `bootstrapService`.
 */
export async function bootstrapHybridService(
  module: Type | DynamicModule,
  service: string,
  { natsUrl, port, host, logLevels = DEFAULT_LOG_LEVELS }: HybridServiceOptions,
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, { logLevels });
  // The NATS side gets its own pipe and filter (the HTTP filter writes HTTP replies); they must be in place
  // before its handlers are set up, hence the deferred initialisation. The HTTP app runs the module
  // lifecycle hooks for the container both share, so the microservice must not run them a second time.
  const microservice = app.connectMicroservice<NatsOptions>(natsTransport(natsUrl, service), {
    deferInitialization: true,
  }) as NestMicroservice;
  useRpcConventions(microservice);
  // What connectMicroservice itself does when not deferred.
  microservice.setIsInitHookCalled(true);
  // Module init first (e.g. a JetStream feed), so neither side answers before the service can do its work;
  // HTTP before NATS, so that a service that answers its health check also serves HTTP.
  await app.init();
  await app.listen(port, host);
  await app.startAllMicroservices();
  new Logger(service).log(`${service} is listening on ${await app.getUrl()} and on NATS ${natsUrl}`);
  return app;
}

/** What every NATS listener does: validate payloads where they arrive, send errors as `{ code, message }`. */
function useRpcConventions(app: INestMicroservice): void {
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
}

/** A service that cannot start says why and exits non-zero, so a supervisor or a test sees it at once. */
export function exitOnStartupFailure(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
