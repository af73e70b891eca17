import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What follows one request through every service it touches; put in each log line it causes. */
export interface RequestContext {
  requestId: string;
  /**
   * When the caller stops waiting (epoch ms): past it the caller has answered 503, so nothing more may be
   * started or committed for this request. Undefined when no caller set one.
   */
  deadline?: number;
}

/**
 * The NATS header with the milliseconds the caller will still wait. A duration, not a clock time, so that clocks
 * of different machines need not agree; the receiver's deadline is later than the caller's by the transit time.
 */
export const DEADLINE_HEADER = 'x-deadline-ms';

/** The current request's deadline (epoch ms), if any. */
export function currentDeadline(): number | undefined {
  return requestContext.getStore()?.deadline;
}

/** A deadline `value` milliseconds from `now`, from a DEADLINE_HEADER value; undefined when malformed. */
export function deadlineFrom(value: unknown, now = Date.now()): number | undefined {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? now + Number(value) : undefined;
}

/** The header that carries the request id: over HTTP into and out of the gateway, and in NATS headers. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The context of the request being handled, for code that has no request at hand (logger, service client). */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Ids we pass on as given: short, and made of characters that are safe in a header and a log line. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** A request id from outside (a header): itself when acceptable, else undefined. */
export function acceptRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && ACCEPTABLE_REQUEST_ID.test(value) ? value : undefined;
}

/** The caller's request id when acceptable, else a new one. */
export function requestIdFrom(value: unknown): string {
  return acceptRequestId(value) ?? randomUUID();
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/**
 * Runs `work` outside any request's context: for long-lived work that a request merely starts (a connection's
 * status loop, a background drain), whose log lines must not carry that one request's id.
 */
export function outsideRequests<T>(work: () => T): T {
  return requestContext.exit(work);
}
