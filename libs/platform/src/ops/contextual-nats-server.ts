import { NatsContext, ServerNats, type WritePacket } from '@nestjs/microservices';
import { NO_MESSAGE_HANDLER } from '@nestjs/microservices/constants';
import { batchSubjectOf, type RequestSubject } from '@app/contracts';
import { JSONCodec, type Msg, type NatsConnection, type Subscription } from 'nats';
import type { Logger as Pino } from 'pino';
import { lastValueFrom } from 'rxjs';
import { performance } from 'node:perf_hooks';
import type { NatsConnectionOptions } from '../nats';
import {
  toNatsHeaders,
  type BatchedRequest,
  type BatchReplies,
  type NestReply,
  type RequestBatch,
} from '../request-batcher';
import { DEADLINE_HEADER, deadlineFrom, REQUEST_ID_HEADER, requestContext, requestIdFrom } from '../request-context';
import type { RequestMetrics } from './metrics';

const codec = JSONCodec<unknown>();

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
 *
 * It also answers batches (`RequestBatcher`): on each of its services' `<service>.batch` subjects, in the same
 * queue group, every request of a batch goes to the handler it would have reached alone, in its own context,
 * logged and timed alone; the answers go back together, in the batch's order.
 */
export class ContextualNatsServer extends ServerNats {
  /** Each subscribed subject's route, worked out once (see `getRouteFromPattern`). */
  private readonly routes = new Map<string, string>();
  private readonly batchSubscriptions: Subscription[] = [];

  constructor(
    private readonly natsOptions: NatsConnectionOptions,
    private readonly accessLog: Pino,
    private readonly metrics?: RequestMetrics,
  ) {
    super(natsOptions);
  }

  override bindEvents(client: NatsConnection): void {
    super.bindEvents(client);
    const requestSubjects = [...this.messageHandlers.entries()]
      .filter(([, handler]) => !handler.isEventHandler)
      .map(([pattern]) => batchSubjectOf(pattern as RequestSubject));
    for (const subject of new Set(requestSubjects)) {
      const subscription = client.subscribe(subject, {
        queue: this.natsOptions.queue,
        callback: (error, message) => {
          if (error) {
            this.logger.error(error);
          } else {
            void this.handleBatch(message);
          }
        },
      });
      this.batchSubscriptions.push(subscription);
    }
  }

  override async close(): Promise<void> {
    this.batchSubscriptions.splice(0).forEach((subscription) => subscription.unsubscribe());
    await super.close();
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

  private async handleBatch(message: Msg): Promise<void> {
    let requests: unknown;
    try {
      requests = (codec.decode(message.data) as RequestBatch).requests;
    } catch {
      requests = [];
    }
    // Started in the batch's order, as messages would be; their units of work queue (and commit) together. A
    // request that is not one gets Nest's answer for an unknown subject.
    const replies = await Promise.all(
      (Array.isArray(requests) ? requests : []).map((one: unknown) =>
        isBatchedRequest(one) ? this.handleBatched(one) : Promise.resolve({ err: NO_MESSAGE_HANDLER }),
      ),
    );
    if (message.reply) {
      message.respond(codec.encode({ replies } satisfies BatchReplies));
    }
  }

  private handleBatched({ pattern, data, headers }: BatchedRequest): Promise<NestReply> {
    const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]);
    const deadline = deadlineFrom(headers[DEADLINE_HEADER]);
    return requestContext.run({ requestId, deadline }, async () => {
      const started = performance.now();
      const reply = await this.answer(pattern, data, requestId);
      this.handled(pattern, requestId, outcomeOf(reply), (performance.now() - started) / 1000);
      return reply;
    });
  }

  /** What Nest's `send` would have published for this request alone: its handler's answer, or its error. */
  private async answer(pattern: string, data: unknown, requestId: string): Promise<NestReply> {
    const handler = this.messageHandlers.get(pattern);
    if (!handler || handler.isEventHandler) {
      return { err: NO_MESSAGE_HANDLER };
    }
    // The context the handler and `RpcErrorFilter` read: the subject and the request's id as a header.
    const context = new NatsContext([pattern, toNatsHeaders({ [REQUEST_ID_HEADER]: requestId })]);
    try {
      const response$ = this.transformToObservable(await handler(data, context));
      return { response: await lastValueFrom(response$, { defaultValue: undefined }) };
    } catch (err) {
      return { err };
    }
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

function isBatchedRequest(value: unknown): value is BatchedRequest {
  const request = value as Partial<BatchedRequest> | null;
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof request.pattern === 'string' &&
    typeof request.headers === 'object' &&
    request.headers !== null
  );
}

/** `ok`, or the error code the handler answered with (`error` for one without a code). */
function outcomeOf(packet: WritePacket | NestReply): string {
  if (packet.err === undefined || packet.err === null) {
    return 'ok';
  }
  const code = (packet.err as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'error';
}
