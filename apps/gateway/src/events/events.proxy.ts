import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import fastifyHttpProxy, { type FastifyHttpProxyOptions } from '@fastify/http-proxy';
import { ErrorCode } from '@app/contracts';
import { HTTP_STATUS_OF, replyWithError, type ErrorResponse } from '@app/platform';

const logger = new Logger('EventsProxy');

/**
 * Routes `GET /events/*` to the notifier so that the browser has one origin. The proxy streams the upstream
 * body as it arrives (no buffering), passes `Last-Event-ID` and the query through, and ends the upstream
 * request when the client goes away, so the notifier drops the subscription at once.
 */
export async function registerEventsProxy(app: NestFastifyApplication, notifierUrl: string): Promise<void> {
  await app.register(async (scope: FastifyInstance) => {
    // The proxy is an encapsulated plugin registered before Nest installs its error handler, so an error in
    // this scope (the rate limiter's 429) would get Fastify's default answer, a 500: it gets the error body.
    scope.setErrorHandler((error, request, reply) => replyWithError(reply, error, String(request.id)));
    await scope.register(fastifyHttpProxy, proxyOptions(notifierUrl));
  });
}

function proxyOptions(notifierUrl: string): FastifyHttpProxyOptions {
  return {
    upstream: notifierUrl,
    prefix: '/events',
    rewritePrefix: '/events',
    httpMethods: ['GET'],
    // Each SSE client holds one upstream connection for as long as it listens: reply-from's default pool of
    // 128 connections would leave the 129th subscriber waiting, so the pool is unbounded.
    undici: { connections: null },
    disableRequestLogging: true,
    replyOptions: {
      // reply-from retries a GET that got a 503 up to 10 times; the notifier's 503 already waited its timeout.
      retryDelay: () => null,
      onError: (reply, { error }) => {
        logger.warn(`notifier unreachable: ${error.message}`);
        const status = HTTP_STATUS_OF[ErrorCode.ServiceUnavailable];
        const body: ErrorResponse = {
          statusCode: status,
          code: ErrorCode.ServiceUnavailable,
          message: 'The notifier service is unreachable; try again',
        };
        void reply.code(status).send(body);
      },
    },
  };
}
