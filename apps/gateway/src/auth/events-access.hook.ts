import { replyWithError } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from './access-rules';
import { decodedPath, isEventsPath, type Authenticator } from './authenticator';

/** `/events/{user_id}`: the user's own token (or an admin key), like the rest of that user's data. */
export const EVENTS_RULE: AccessRule = { kind: 'own-user', param: 'user_id' };

/**
 * A Fastify `preHandler` hook guarding the SSE stream, which the gateway proxies to the notifier outside Nest's
 * controllers (so the global guard never sees it). Register it on the root instance before the proxy; it
 * ignores every other path. A refusal is answered here with the usual 401/403 error body (Nest's exception
 * filters do not run in Fastify hooks), and nothing is proxied. A `preHandler`, not an `onRequest` hook: the
 * rate limiter counts requests in the route's `onRequest`, which a root `onRequest` answer would skip, leaving
 * credential guessing on `/events` unlimited.
 */
export function eventsAccessHook(
  authenticator: Authenticator,
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined> {
  return async (request, reply) => {
    if (!isEventsRequest(request)) {
      return undefined;
    }
    try {
      const userId = decodedPath(request.url).split('/')[2] ?? '';
      authenticator.authorize(request, EVENTS_RULE, { user_id: userId });
      return undefined;
    } catch (error) {
      return replyWithError(reply, error);
    }
  };
}

/** By path, and by the route that matched, so no spelling of the path (percent-encoding) slips past. */
function isEventsRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return isEventsPath(request.url) || route === '/events' || route.startsWith('/events/');
}
