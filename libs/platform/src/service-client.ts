import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy, NatsRecordBuilder, type NatsRecord } from '@nestjs/microservices';
import {
  DomainError,
  ErrorCode,
  type EventSubject,
  type PayloadOf,
  type RequestOf,
  type RequestSubject,
  type ResponseOf,
} from '@app/contracts';
import type { MsgHdrs, NatsConnection } from 'nats';
import { NATS_CLIENT } from './nats';
import { NoAnswer, ReplyInbox } from './reply-inbox';
import { RequestBatcher, toNatsHeaders, type NestReply } from './request-batcher';
import { currentDeadline, currentRequestId, outsideRequests, REQUEST_ID_HEADER } from './request-context';
import { REQUEST_TIMEOUT_MS } from './tokens';

/**
 * Typed requests and events over NATS: the subject decides the payload and the answer's type.
 * A request that is not answered in time becomes SERVICE.UNAVAILABLE; a refusal keeps its domain code.
 * The id of the request being handled travels along in the `x-request-id` NATS header.
 *
 * Requests go over the connection of Nest's client, in the wire format Nest's servers read (`{ pattern, data,
 * id }`, answered with `{ id, err, response, isDisposed }`), their answers sorted out of one inbox subscription
 * (`ReplyInbox`). Nest's `ClientProxy.send` subscribes a fresh inbox for every request and unsubscribes it after
 * the answer: three protocol operations and their socket writes per request, and subscription churn in the
 * broker (`npm run bench -- --profile`).
 *
 * The requests made in one turn of the event loop leave together at its end, those of one subject as one
 * message (`RequestBatcher`): a gateway answering many HTTP requests per turn wrote to the broker once per
 * request, its biggest cost after the HTTP answers themselves.
 */
@Injectable()
export class ServiceClient {
  private replies?: Promise<ReplyInbox>;
  private readonly batcher = new RequestBatcher();

  constructor(
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    @Inject(REQUEST_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async request<S extends RequestSubject>(subject: S, payload: RequestOf<S>): Promise<ResponseOf<S>> {
    // Never wait past the deadline of the request being handled: its own caller has given up by then.
    const timeoutMs = requestTimeoutMs(this.timeoutMs, currentDeadline());
    if (timeoutMs <= 0) {
      throw unavailable(subject, true);
    }
    let reply: NestReply;
    try {
      const inbox = await this.inbox();
      reply = await this.batcher.send(inbox, subject, payload, timeoutMs, currentRequestId());
    } catch (error) {
      throw unavailable(subject, error instanceof NoAnswer && error.timedOut);
    }
    if (reply.err !== undefined && reply.err !== null) {
      throw DomainError.isBody(reply.err)
        ? new DomainError(reply.err.code, reply.err.message)
        : unavailable(subject, false);
    }
    return reply.response as ResponseOf<S>;
  }

  emit<S extends EventSubject>(subject: S, payload: PayloadOf<S>): void {
    void this.inbox().catch(() => undefined);
    const headers = eventHeaders();
    const record = headers ? new NatsRecordBuilder(payload).setHeaders(headers).build() : payload;
    // Events are notifications; a lost one is repaired by the reader asking again, never by failing the writer.
    this.client
      .emit<void, PayloadOf<S> | NatsRecord<PayloadOf<S>>>(subject, record)
      .subscribe({ error: () => undefined });
  }

  /**
   * Nest's client connects on first use, and the inbox subscribes then; the connection reconnects by itself after
   * that. The connection's status loop lives in the async context of that moment: started outside the request,
   * so that its log lines carry no request's id.
   */
  private inbox(): Promise<ReplyInbox> {
    this.replies ??= outsideRequests(async () => new ReplyInbox((await this.client.connect()) as NatsConnection)).catch(
      (error: unknown) => {
        this.replies = undefined;
        throw error;
      },
    );
    return this.replies;
  }
}

/**
 * How long a request may wait: the configured timeout, cut to what is left before the current request's
 * deadline. 0 or less: the deadline has passed.
 */
export function requestTimeoutMs(configuredMs: number, deadline: number | undefined, now = Date.now()): number {
  return deadline === undefined ? configuredMs : Math.min(configuredMs, deadline - now);
}

/** The current request id as a NATS header, for an event; undefined outside a request. */
function eventHeaders(): MsgHdrs | undefined {
  const requestId = currentRequestId();
  return requestId === undefined ? undefined : toNatsHeaders({ [REQUEST_ID_HEADER]: requestId });
}

function unavailable(subject: string, timedOut: boolean): DomainError {
  const service = subject.split('.')[0];
  const reason = timedOut ? 'did not answer in time' : 'is unreachable';
  return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service ${reason}; try again`);
}
