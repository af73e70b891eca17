import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EARNINGS_STREAM } from '@app/contracts';
import {
  connect,
  Events,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
} from 'nats';
import { NATS_CLIENT_TUNING, natsServers } from './nats';

/**
 * A NATS connection of the client's own for JetStream work, which `@nestjs/microservices` does not offer
 * (it speaks core NATS only, at most once). Reconnects forever, so a broker restart is ridden out.
 */
@Injectable()
export class JetStreamConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(JetStreamConnection.name);
  private connection?: NatsConnection;

  async connect(natsUrl: string, name: string): Promise<void> {
    this.connection = await connect({
      servers: natsServers(natsUrl),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      ...NATS_CLIENT_TUNING,
    });
    await ensureEarningsStream(await this.connection.jetstreamManager());
    void this.logStatus(this.connection);
  }

  get nats(): NatsConnection {
    if (!this.connection) {
      throw new Error('JetStream connection used before connect()');
    }
    return this.connection;
  }

  get jetstream(): JetStreamClient {
    return this.nats.jetstream();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.drain();
  }

  private async logStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect || status.type === Events.Reconnect) {
        this.logger.warn(`NATS ${status.type} (${JSON.stringify(status.data)})`);
      }
    }
  }
}

/** Creates the earnings stream, or brings an existing one to the current settings. */
export async function ensureEarningsStream(manager: JetStreamManager): Promise<void> {
  const config = {
    name: EARNINGS_STREAM.name,
    subjects: [...EARNINGS_STREAM.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(EARNINGS_STREAM.duplicateWindowMs),
    max_age: nanos(EARNINGS_STREAM.maxAgeMs),
  };
  try {
    await manager.streams.info(EARNINGS_STREAM.name);
    await manager.streams.update(EARNINGS_STREAM.name, config);
  } catch {
    await manager.streams.add(config);
  }
}
