import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
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
  // helmet's middleware, built once: @fastify/helmet built it again for every request, parsing the policy each
  // time (4% of the gateway's CPU per purchase, `npm run bench -- --profile`). It sets the headers on the raw
  // response, as @fastify/helmet did.
  const setSecurityHeaders = helmet(securityHeaders);
  fastify.addHook('onRequest', (request, reply, done) =>
    setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
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
