import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EARNINGS_STREAM, EventSubject } from '@app/contracts';
import { JetStreamConnection } from '@app/platform';
import type { ConsumerMessages, JsMsg } from 'nats';
import { NotifierConfig } from '../config';
import { CreditHub } from './credit-hub';
import { decodeEarningCredited } from './earning-credited.message';
import { creditEvent } from './sse.format';

/**
 * Reads every EarningCredited event from JetStream and hands it to the hub.
 *
 * Each notifier instance reads with its own ordered consumer (ephemeral, no acks), so every instance sees
 * every credit; a shared durable consumer would split them between instances. It starts at the stream's next
 * sequence: older credits reach a client through the Last-Event-ID replay from the commissions history, not
 * from here. Because it starts from a sequence, the client re-creates it exactly where it left off after a
 * broker restart or a missed heartbeat.
 */
@Injectable()
export class EarningsFeed implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EarningsFeed.name);
  private messages?: ConsumerMessages;

  constructor(
    private readonly connection: JetStreamConnection,
    private readonly hub: CreditHub,
    private readonly config: NotifierConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.connect(this.config.NATS_URL, 'notifier');
    const manager = await this.connection.nats.jetstreamManager();
    const { state } = await manager.streams.info(EARNINGS_STREAM.name);
    const consumer = await this.connection.jetstream.consumers.get(EARNINGS_STREAM.name, {
      filterSubjects: EventSubject.EarningCredited,
      opt_start_seq: state.last_seq + 1,
    });
    // Started before the HTTP port opens, so every stream subscribes to a feed that is already running.
    this.messages = await consumer.consume({ callback: (message) => this.deliver(message) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.close();
  }

  private deliver(message: JsMsg): void {
    const credit = decodeEarningCredited(message.string());
    if (!credit) {
      this.logger.warn(`skipping a malformed ${message.subject} event (stream seq ${message.seq})`);
      return;
    }
    this.hub.publish(credit.userId, creditEvent(credit));
  }
}
