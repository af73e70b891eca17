import { batchSubjectOf, type RequestSubject } from '@app/contracts';
import { headers as natsHeaders, JSONCodec, type MsgHdrs } from 'nats';
import { NoAnswer, type ReplyInbox } from './reply-inbox';
import { DEADLINE_HEADER, REQUEST_ID_HEADER } from './request-context';

/** What a Nest NATS server sends back to a request (`@nestjs/microservices`' JSON wire format). */
export interface NestReply {
  id?: string;
  err?: unknown;
  response?: unknown;
  isDisposed?: boolean;
}

/** The headers a request carries: its id, and how long its caller waits (the receiver's deadline). */
export interface RequestHeaders {
  [REQUEST_ID_HEADER]?: string;
  [DEADLINE_HEADER]: string;
}

/** Those headers as NATS headers: for a request sent alone, an event (id only), or a batched request's handler. */
export function toNatsHeaders(values: Partial<RequestHeaders>): MsgHdrs {
  const headers = natsHeaders();
  for (const name of [REQUEST_ID_HEADER, DEADLINE_HEADER] as const) {
    const value = values[name];
    if (value !== undefined) {
      headers.set(name, value);
    }
  }
  return headers;
}

/** One request inside a batch: its subject, its payload, and the headers it would have carried alone. */
export interface BatchedRequest {
  pattern: string;
  data: unknown;
  headers: RequestHeaders;
}

/** A batch on the wire (`<service>.batch`), and its answer: one reply per request, in the requests' order. */
export interface RequestBatch {
  requests: BatchedRequest[];
}
export interface BatchReplies {
  replies: NestReply[];
}

interface Queued {
  subject: RequestSubject;
  request: BatchedRequest;
  waitMs: number;
  inbox: ReplyInbox;
  resolve(reply: NestReply): void;
  reject(error: NoAnswer): void;
}

const codec = JSONCodec<unknown>();

/**
 * Sends the requests made in one turn of the event loop, one message per subject: alone, a request goes out as
 * Nest's `{ pattern, data, id }` with its headers; with others of its subject, all of them go out as one
 * `RequestBatch` to the service's batch subject, and come back as one `BatchReplies`. The receiver
 * (`ContextualNatsServer`) handles each request of a batch as it would have handled it alone: same handler,
 * pipes and filters, the request's own id and deadline. Grouped by subject so that a batch's requests finish
 * together (purchases share a commit; a read does not wait for one).
 *
 * Under the bench's load a gateway makes 2–32 requests of a subject per turn: one message for them means one
 * parse, one routing and one answer in the broker, the receiver and the sender's inbox (`/earnings` −20% CPU
 * per read, docs/performance.md). Waiting for the end of the turn costs an idle service nothing.
 */
export class RequestBatcher {
  private queued: Queued[] = [];
  private lastId = 0;

  /** Resolves with the request's reply, or rejects with NoAnswer once `waitMs` has passed or nobody listens. */
  send(
    inbox: ReplyInbox,
    subject: RequestSubject,
    data: unknown,
    waitMs: number,
    requestId?: string,
  ): Promise<NestReply> {
    const headers: RequestHeaders = { [DEADLINE_HEADER]: String(Math.floor(waitMs)) };
    if (requestId !== undefined) {
      headers[REQUEST_ID_HEADER] = requestId;
    }
    return new Promise<NestReply>((resolve, reject) => {
      if (this.queued.length === 0) {
        setImmediate(() => this.flush());
      }
      this.queued.push({ subject, request: { pattern: subject, data, headers }, waitMs, inbox, resolve, reject });
    });
  }

  private flush(): void {
    const bySubject = new Map<RequestSubject, Queued[]>();
    for (const queued of this.queued) {
      const group = bySubject.get(queued.subject);
      if (group) {
        group.push(queued);
      } else {
        bySubject.set(queued.subject, [queued]);
      }
    }
    this.queued = [];
    for (const group of bySubject.values()) {
      try {
        if (group.length === 1) {
          this.sendAlone(group[0]);
        } else {
          sendTogether(group);
        }
      } catch {
        // A payload JSON cannot encode: its callers hear "unreachable", as when a request could not be sent.
        group.forEach((queued) => queued.reject(new NoAnswer(false)));
      }
    }
  }

  private sendAlone(queued: Queued): void {
    const { request, waitMs, inbox } = queued;
    const message = codec.encode({ pattern: request.pattern, data: request.data, id: String(++this.lastId) });
    inbox.request(request.pattern, message, waitMs, toNatsHeaders(request.headers)).then(
      (answer) => {
        const reply = decoded(answer.data);
        return isReply(reply) ? queued.resolve(reply) : queued.reject(new NoAnswer(false));
      },
      (error: NoAnswer) => queued.reject(error),
    );
  }
}

/**
 * One message for the group; each request still gives up at its own time (a batch is sent with the longest
 * wait among them), so no caller waits longer than it would have alone.
 */
function sendTogether(group: Queued[]): void {
  const batch: RequestBatch = { requests: group.map((queued) => queued.request) };
  const timers = group.map((queued) => setTimeout(() => queued.reject(new NoAnswer(true)), queued.waitMs));
  const longestWaitMs = Math.max(...group.map((queued) => queued.waitMs));
  const settle = (each: (queued: Queued, index: number) => void): void =>
    group.forEach((queued, index) => {
      clearTimeout(timers[index]);
      each(queued, index);
    });
  group[0].inbox.request(batchSubjectOf(group[0].subject), codec.encode(batch), longestWaitMs).then(
    (answer) => {
      const replies = (decoded(answer.data) as Partial<BatchReplies> | undefined)?.replies;
      settle((queued, index) => {
        const reply: unknown = Array.isArray(replies) ? replies[index] : undefined;
        return isReply(reply) ? queued.resolve(reply) : queued.reject(new NoAnswer(false));
      });
    },
    (error: NoAnswer) => settle((queued) => queued.reject(error)),
  );
}

/**
 * An answer's body, or undefined when it is not JSON. A reply that is not what a Nest server sends is none: its
 * caller hears that the service is unreachable, as for a reply that never came.
 */
function decoded(data: Uint8Array): unknown {
  try {
    return codec.decode(data);
  } catch {
    return undefined;
  }
}

function isReply(value: unknown): value is NestReply {
  return typeof value === 'object' && value !== null;
}
