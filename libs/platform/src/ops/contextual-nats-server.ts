import { ServerNats, type NatsContext, type WritePacket } from '@nestjs/microservices';
import type { Msg } from 'nats';
import type { Logger as Pino } from 'pino';
import { performance } from 'node:perf_hooks';
import type { NatsConnectionOptions } from '../nats';
import { DEADLINE_HEADER, deadlineFrom, REQUEST_ID_HEADER, requestContext, requestIdFrom } from '../request-context';
import type { RequestMetrics } from './metrics';

/**
 * Nest's NATS server, handling each request inside its request's context and timing it as its answer leaves.
 *
 * The request id comes from the message's `x-request-id` header (or is made when a caller sent none) and the
 * deadline from `x-deadline-ms`, so the handler's log lines and the requests it sends on carry them. Each
 * request is logged in one line (health checks at debug level) and observed in `nats_request_duration_seconds`;
 * that line goes straight to a pino logger without redaction (see `withoutRedaction`), its fields being ours.
 *
 * Done here rather than in a global interceptor: an interceptor puts every message through two more rxjs
 * pipelines and two `AsyncResource.bind`s (which on Node 20 build deprecation wrappers each time), about a
 * tenth of the commissions service's CPU per purchase (`npm run bench -- --profile`).
 */
export class ContextualNatsServer extends ServerNats {
  /** Each subscribed subject's route, worked out once (see `getRouteFromPattern`). */
  private readonly routes = new Map<string, string>();

  constructor(
    options: NatsConnectionOptions,
    private readonly accessLog: Pino,
    private readonly metrics?: RequestMetrics,
  ) {
    super(options);
  }

  override handleMessage(channel: string, message: Msg): Promise<unknown> {
    const requestId = requestIdFrom(message.headers?.get(REQUEST_ID_HEADER));
    const deadline = deadlineFrom(message.headers?.get(DEADLINE_HEADER));
    return requestContext.run({ requestId, deadline }, () => super.handleMessage(channel, message));
  }

  /**
   * Nest looks a message's handler up by parsing its subject as JSON first, and a plain subject throws a
   * SyntaxError (stack and all) on every message: 1.5% of the commissions service under purchase load (`npm run
   * bench -- --profile`). The subjects are the handlers' own, a fixed set, so each is resolved once.
   */
  protected override getRouteFromPattern(pattern: string): string {
    let route = this.routes.get(pattern);
    if (route === undefined) {
      route = super.getRouteFromPattern(pattern);
      this.routes.set(pattern, route);
    }
    return route;
  }

  override getPublisher(message: Msg, id: string, context: NatsContext): (packet: WritePacket) => unknown {
    const publish = super.getPublisher(message, id, context) as (packet: WritePacket) => unknown;
    const started = performance.now();
    const requestId = requestContext.getStore()?.requestId;
    return (packet) => {
      this.handled(message.subject, requestId, outcomeOf(packet), (performance.now() - started) / 1000);
      return publish(packet);
    };
  }

  private handled(subject: string, requestId: string | undefined, outcome: string, seconds: number): void {
    this.metrics?.nats.observe({ subject, outcome }, seconds);
    const line = { context: 'Nats', requestId, subject, outcome, durationMs: Math.round(seconds * 1e4) / 10 };
    if (subject.endsWith('.health')) {
      this.accessLog.debug(line, 'request handled');
    } else {
      this.accessLog.info(line, 'request handled');
    }
  }
}

/** `ok`, or the error code the handler answered with (`error` for one without a code). */
function outcomeOf(packet: WritePacket): string {
  if (packet.err === undefined || packet.err === null) {
    return 'ok';
  }
  const code = (packet.err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'error';
}
