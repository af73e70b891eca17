import {
  Logger,
  type DynamicModule,
  type INestApplicationContext,
  type INestMicroservice,
  type Type,
} from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import type { CustomStrategy, NestMicroservice } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { NatsConnection } from 'nats';
import { ErrorResponseFilter } from './error-response.filter';
import { createServiceLogger, type LogLevelName, type PinoNestLogger, withoutRedaction } from './logging';
import { natsTransport } from './nats';
import { ContextualNatsServer } from './ops/contextual-nats-server';
import { RequestMetrics } from './ops/metrics';
import { OPS_PATHS } from './ops/public.decorator';
import { REQUEST_ID_HEADER, requestContext, requestIdFrom } from './request-context';
import { RpcErrorFilter } from './rpc-error.filter';
import { createValidationPipe } from './validation.pipe';

const DEFAULT_LOG_LEVEL: LogLevelName = 'info';

/**
 * Starts a NATS-only service: requests arrive through the service's queue group, payloads are validated
 * where they are received, errors leave as `{ code, message }`, and SIGTERM drains before exit. The services
 * run as hybrids (`bootstrapHybridService`, for their operations port); this is for tests that need NATS only.
 */
export async function bootstrapService(
  module: Type | DynamicModule,
  service: string,
  natsUrl: string,
  logLevel: LogLevelName = DEFAULT_LOG_LEVEL,
): Promise<INestMicroservice> {
  const logger = createServiceLogger(service, logLevel);
  const app = await NestFactory.createMicroservice(module, { ...natsServer(natsUrl, service, logger), logger });
  useRpcConventions(app);
  app.enableShutdownHooks();
  await app.listen();
  await subscriptionsActive(app);
  new Logger(service).log(`${service} is listening on NATS ${natsUrl}`);
  return app;
}

export interface HttpAppOptions {
  /** The service's name, in every log line. */
  service: string;
  logLevel?: LogLevelName;
  /** The largest request body in bytes (Fastify's default when omitted). */
  bodyLimit?: number;
}

/**
 * Creates an HTTP service on Fastify: inputs validated by the shared pipe, every error answered with the
 * error body of SPEC.md, SIGTERM handled, JSON logs. Each request gets an id (the caller's `X-Request-Id`
 * when acceptable, else a new one) that is returned in `X-Request-Id`, logged with the request, and carried to
 * other services in NATS headers. The caller registers plugins and then listens.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  { service, logLevel = DEFAULT_LOG_LEVEL, bodyLimit }: HttpAppOptions,
): Promise<NestFastifyApplication> {
  return createHttpAppLoggingTo(module, createServiceLogger(service, logLevel), bodyLimit);
}

async function createHttpAppLoggingTo(
  module: Type | DynamicModule,
  logger: PinoNestLogger,
  bodyLimit?: number,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers[REQUEST_ID_HEADER]),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorResponseFilter());
  runInRequestContext(app);
  observeRequests(app, logger);
  app.enableShutdownHooks();
  return app;
}

export interface HybridServiceOptions {
  natsUrl: string;
  port: number;
  host: string;
  logLevel?: LogLevelName;
}

/**
 * Starts a service that serves HTTP and also answers its NATS requests in its queue group, with the same
 * conventions on each side as `createHttpApp` and `bootstrapService`. The notifier serves its streams this
 * way; referrals and commissions serve only their operations routes (/health, /ready, /metrics) over HTTP.
 */
export async function bootstrapHybridService(
  module: Type | DynamicModule,
  service: string,
  { natsUrl, port, host, logLevel = DEFAULT_LOG_LEVEL }: HybridServiceOptions,
): Promise<NestFastifyApplication> {
  const logger = createServiceLogger(service, logLevel);
  const app = await createHttpAppLoggingTo(module, logger);
  // The NATS side gets its own pipe and filter (the HTTP filter writes HTTP replies); they must be in place
  // before its handlers are set up, hence the deferred initialisation. The HTTP app runs the module
  // lifecycle hooks for the container both share, so the microservice must not run them a second time.
  const microservice = app.connectMicroservice<CustomStrategy>(
    natsServer(natsUrl, service, logger, optional(app, RequestMetrics)),
    { deferInitialization: true },
  ) as NestMicroservice;
  useRpcConventions(microservice);
  // What connectMicroservice itself does when not deferred.
  microservice.setIsInitHookCalled(true);
  // Module init first (e.g. a JetStream feed), so neither side answers before the service can do its work;
  // HTTP before NATS, so that a service that answers its health check also serves HTTP.
  await app.init();
  await app.listen(port, host);
  await app.startAllMicroservices();
  // Answering health over NATS means answering everything: wait until the broker has the subscriptions.
  await subscriptionsActive(microservice);
  new Logger(service).log(`${service} is listening on ${await app.getUrl()} and on NATS ${natsUrl}`);
  return app;
}

/**
 * Resolves once the broker has processed the microservice's subscriptions: a round trip on its connection
 * (PING/PONG comes back after the SUBs sent before it). Without it, a request sent the moment `listen()`
 * resolves can find no responder yet.
 */
async function subscriptionsActive(microservice: INestMicroservice): Promise<void> {
  await microservice.unwrap<NatsConnection>().flush();
}

/** The service's NATS listener in its queue group; each message is handled in its request's context. */
function natsServer(
  natsUrl: string,
  service: string,
  logger: PinoNestLogger,
  metrics?: RequestMetrics,
): CustomStrategy {
  const options = natsTransport(natsUrl, service).options;
  return { strategy: new ContextualNatsServer(options, withoutRedaction(logger.pino), metrics) };
}

/** What every NATS listener does: validate payloads where they arrive, send errors as `{ code, message }`. */
function useRpcConventions(microservice: INestMicroservice): void {
  microservice.useGlobalPipes(createValidationPipe());
  microservice.useGlobalFilters(new RpcErrorFilter());
}

/**
 * Runs each HTTP request's handler, guards and pipes inside its request's context, so that its log lines and the
 * requests it sends to other services carry the request id (Fastify's, taken from `X-Request-Id` or made).
 * Entered in `preValidation`, once the body is read: the body parser continues from the socket's events, which
 * would leave a context entered earlier behind. A hook rather than a global interceptor, which would put every
 * request through two more rxjs pipelines and two `AsyncResource.bind`s (`npm run bench -- --profile`).
 */
function runInRequestContext(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preValidation', (request, _reply, done) => requestContext.run({ requestId: String(request.id) }, done));
}

function optional<T>(container: INestApplicationContext, token: Type<T>): T | undefined {
  try {
    // Through ModuleRef: the app's own get() ends the process on an unknown token (Nest's abortOnError).
    return container.get(ModuleRef).get(token, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Per HTTP request, in Fastify's hooks (so the pages, the SSE proxy and 404s count too): the request id goes
 * back in `X-Request-Id`, the latency goes into the histogram by route pattern (never the raw URL, whose ids
 * would explode the label set), and one log line records method, route, status and duration. No URL, query,
 * header or body is logged, since any of them may carry a credential.
 */
function observeRequests(app: NestFastifyApplication, logger: PinoNestLogger): void {
  const metrics = optional(app, RequestMetrics);
  const accessLog = withoutRedaction(logger.pino);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const statusCode = reply.statusCode;
    metrics?.http.observe({ method: request.method, route, status_code: statusCode }, reply.elapsedTime / 1000);
    const line = {
      requestId: request.id,
      method: request.method,
      route,
      statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if ((OPS_PATHS as readonly string[]).includes(route)) {
      accessLog.debug(line, 'request completed');
    } else {
      accessLog.info(line, 'request completed');
    }
    done();
  });
}

/** A service that cannot start says why and exits non-zero, so a supervisor or a test sees it at once. */
export function exitOnStartupFailure(error: unknown): never {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
