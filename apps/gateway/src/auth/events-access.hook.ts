import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AccessRule } from './access-rules';
import { decodedPath, isEventsPath, type Authenticator } from './authenticator';

/** `/events/{user_id}`: the user's own token (or an admin key), like the rest of that user's data. */
const EVENTS_RULE: AccessRule = { kind: 'own-user', param: 'user_id' };

/**
 * A Fastify `onRequest` hook guarding the SSE stream, which the gateway proxies to the notifier outside Nest's
 * controllers (so the global guard never sees it). Register it on the root instance before the proxy; it
 * ignores every other path. A refusal is thrown, and the gateway's error handler answers it with the usual
 * 401/403 error body before anything is proxied.
 */
export function eventsAccessHook(
  authenticator: Authenticator,
): (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void {
  return (request, _reply, done) => {
    try {
      if (isEventsRequest(request)) {
        const userId = decodedPath(request.url).split('/')[2] ?? '';
        authenticator.authorize(request, EVENTS_RULE, { user_id: userId });
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  };
}

/** By path, and by the route that matched, so no spelling of the path (percent-encoding) slips past. */
function isEventsRequest(request: FastifyRequest): boolean {
  const route = request.routeOptions.url ?? '';
  return isEventsPath(request.url) || route === '/events' || route.startsWith('/events/');
}
