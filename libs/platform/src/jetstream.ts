import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  Events,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { JetStreamPublisher, type StreamMessage } from './jetstream-publisher';
import { NATS_CLIENT_TUNING, natsServers } from './nats';

/** How long a publish waits for its stream's acknowledgement (the client's own default). */
const PUBLISH_TIMEOUT_MS = 5_000;

/**
 * A JetStream stream a service relies on. The definitions themselves are business (which subjects, how long)
 * and live in `@app/contracts`; this library only knows how to bring a broker to them.
 */
export interface StreamDefinition {
  name: string;
  subjects: readonly string[];
  /** JetStream drops a second publish with the same `Nats-Msg-Id` within this window (ms). */
  duplicateWindowMs: number;
  /** How long messages stay in the stream (ms). */
  maxAgeMs: number;
}

/**
 * A NATS connection of the client's own for JetStream work, which `@nestjs/microservices` does not offer
 * (it speaks core NATS only, at most once). Reconnects forever, so a broker restart is ridden out.
 */
@Injectable()
export class JetStreamConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(JetStreamConnection.name);
  private connection?: NatsConnection;
  private publisher?: JetStreamPublisher;

  /** Connects and creates (or updates) the `streams` this service publishes to or reads from. */
  async connect(natsUrl: string, name: string, streams: readonly StreamDefinition[]): Promise<void> {
    this.connection = await connect({
      servers: natsServers(natsUrl),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      ...NATS_CLIENT_TUNING,
    });
    const manager = await this.connection.jetstreamManager();
    for (const stream of streams) {
      await ensureStream(manager, stream);
    }
    this.publisher = new JetStreamPublisher(this.connection, PUBLISH_TIMEOUT_MS);
    void this.logStatus(this.connection);
  }

  /** Publishes `messages` and resolves once their streams hold every one (see `JetStreamPublisher`). */
  publish(messages: readonly StreamMessage[]): Promise<void> {
    if (!this.publisher) {
      throw new Error('JetStream connection used before connect()');
    }
    return this.publisher.publish(messages);
  }

  /**
   * Reads `stream` through the durable consumer `durable`, creating it on first use to start at the beginning
   * of the stream (what was published before the reader ever ran counts too). Every message must be
   * acknowledged; one that is not within `ackWaitMs` is offered again, to this process or another of its group.
   */
  async consumeDurable(
    stream: string,
    durable: string,
    { ackWaitMs, filterSubject }: { ackWaitMs: number; filterSubject?: string },
    callback: (message: JsMsg) => void,
  ): Promise<ConsumerMessages> {
    const manager = await this.nats.jetstreamManager();
    try {
      await manager.consumers.info(stream, durable);
    } catch {
      await manager.consumers.add(stream, {
        durable_name: durable,
        ...(filterSubject ? { filter_subject: filterSubject } : {}),
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(ackWaitMs),
        max_ack_pending: 1_000,
      });
    }
    const consumer = await this.jetstream.consumers.get(stream, durable);
    return consumer.consume({ max_messages: 256, callback });
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
    this.publisher?.close();
  }

  private async logStatus(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect || status.type === Events.Reconnect) {
        this.logger.warn(`NATS ${status.type} (${JSON.stringify(status.data)})`);
      }
    }
  }
}

/** Creates a stream, or brings an existing one to the current settings. */
export async function ensureStream(manager: JetStreamManager, stream: StreamDefinition): Promise<void> {
  const config = {
    name: stream.name,
    subjects: [...stream.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(stream.duplicateWindowMs),
    max_age: nanos(stream.maxAgeMs),
  };
  try {
    await manager.streams.info(stream.name);
    await manager.streams.update(stream.name, config);
  } catch {
    await manager.streams.add(config);
  }
}
