import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ClientProxy } from '@nestjs/microservices';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { NatsConnection } from 'nats';
import { JetStreamConnection } from '../jetstream';
import { NATS_CLIENT } from '../nats';
import { outsideRequests } from '../request-context';

/**
 * NATS is up for this process when a round trip to the broker (PING/PONG, `flush()`) completes in time on
 * each of its connections: the one it sends requests on and, where the service has one, its JetStream
 * connection. While the client is reconnecting the round trip waits, so the check fails by its timeout.
 */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(NATS_CLIENT) private readonly client: ClientProxy,
    private readonly moduleRef: ModuleRef,
  ) {}

  async isConnected(key: string, timeoutMs: number) {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(this.roundTrips(), timeoutMs, `no answer from the broker within ${timeoutMs} ms`);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async roundTrips(): Promise<void> {
    await outsideRequests(() => this.client.connect());
    const connections = [this.client.unwrap<NatsConnection>()];
    const jetStream = this.jetStream();
    if (jetStream) {
      connections.push(jetStream);
    }
    await Promise.all(connections.map((connection) => connection.flush()));
  }

  private jetStream(): NatsConnection | undefined {
    try {
      return this.moduleRef.get(JetStreamConnection, { strict: false }).nats;
    } catch {
      return undefined; // this service has no JetStream connection, or has not connected it yet
    }
  }
}

/** `promise`, or a rejection with `message` once `ms` have passed (the promise is left to settle by itself). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
