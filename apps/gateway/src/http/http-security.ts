import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Authenticator } from '../auth/authenticator';
import { eventsAccessHook } from '../auth/events-access.hook';
import type { GatewayConfig } from '../config';
import { rateLimitOptions } from './rate-limits';
import { securityHeaders } from './security-headers';

/** Headers a browser on an allowed origin may send, and those it may read. */
const CORS_ALLOWED_HEADERS = ['Authorization', 'X-API-Key', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'];
const CORS_EXPOSED_HEADERS = ['Retry-After', 'WWW-Authenticate'];

/**
 * Everything the gateway does to every request before a route sees it: CORS (closed unless CORS_ORIGINS
 * lists origins), security headers, the credential check of the proxied `/events` stream, and rate limits.
 * Call it before any route is registered (the pages, the `/events` proxy): the rate limiter attaches itself
 * to routes as they are added. The body limit is set where the adapter is made (main.ts).
 */
export async function installHttpSecurity(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  if (config.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.CORS_ORIGINS,
      methods: ['GET', 'POST', 'PATCH'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
  const fastify = app.getHttpAdapter().getInstance();
  // On the raw response, as @fastify/helmet did. @fastify/helmet built helmet's middleware anew for every
  // request, parsing the policy each time (4% of the gateway's CPU per purchase, `npm run bench -- --profile`);
  // the headers it sets do not depend on the request, so they are worked out once.
  const headers = helmetHeaders(securityHeaders);
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) {
      reply.raw.setHeader(name, value);
    }
    done();
  });
  const authenticator = app.get(Authenticator);
  fastify.addHook('preHandler', eventsAccessHook(authenticator));
  await app.register(
    fastifyRateLimit,
    rateLimitOptions(authenticator, {
      perCredentialPerMinute: config.RATE_LIMIT_PER_MINUTE,
      perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    }),
  );
}

/**
 * The headers helmet's middleware sets for `options`, in order, found by running it once on a response that
 * only records them. helmet chains a dozen middlewares whose output never varies: a response is spared their
 * calls (0.3–0.7 µs measured alone). `http-security.spec.ts` compares these with what helmet sets on a real
 * response.
 */
export function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) {
      throw error instanceof Error ? error : new Error('helmet could not apply its options');
    }
    finished = true;
  });
  if (!finished) {
    throw new Error('helmet did not finish synchronously: its headers cannot be worked out once');
  }
  return [...headers];
}
