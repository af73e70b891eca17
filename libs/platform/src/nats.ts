import { Transport, type NatsOptions } from '@nestjs/microservices';

/** The injection token of the NATS client that services use to send requests and emit events. */
export const NATS_CLIENT = Symbol('NATS_CLIENT');

export function natsServers(url: string): string[] {
  return url.split(',').map((server) => server.trim());
}

/** How long a stopping service keeps answering requests it already received (ms). */
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * Options for every NATS connection a service opens. `noAsyncTraces`: the client otherwise creates an Error
 * (and its stack) for every request up front, only to decorate a timeout that rarely comes; a timeout still
 * arrives as a timeout error, without the caller's stack.
 */
export const NATS_CLIENT_TUNING = { noAsyncTraces: true } as const;

/**
 * NATS transport options. A queue group makes several instances of a service share its requests;
 * reconnecting forever lets a service ride out a broker restart. A server (one with a queue group) shuts down
 * gracefully: it stops taking requests, lets those in flight finish and answer, then closes.
 */
export function natsTransport(url: string, queue?: string): NatsOptions & { options: NatsConnectionOptions } {
  return {
    transport: Transport.NATS,
    options: {
      servers: natsServers(url),
      queue,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      ...(queue ? { gracefulShutdown: true, gracePeriod: SHUTDOWN_GRACE_MS } : {}),
      ...NATS_CLIENT_TUNING,
    },
  };
}

/** The connection options of a NATS transport, for a server strategy built on them. */
export type NatsConnectionOptions = NonNullable<NatsOptions['options']>;
