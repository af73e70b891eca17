import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EARNINGS_STREAM } from '@app/contracts';
import { JetStreamConnection } from '@app/platform';
import type { ConsumerMessages, JetStreamManager, JsMsg } from 'nats';
import { NotifierConfig } from '../config';
import { CreditHub } from './credit-hub';
import { creditsIn, validEarningCredited } from './earning-credited.message';
import { creditEvent } from './sse.format';

/**
 * Reads every credit from JetStream and hands it to the hub: those a purchase's event carries, and reversals,
 * which come one per EarningCredited event.
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
  private manager?: JetStreamManager;
  /** The stream sequence of the last event read, for the consumer lag metric. */
  private lastReadSeq = 0;

  constructor(
    private readonly connection: JetStreamConnection,
    private readonly hub: CreditHub,
    private readonly config: NotifierConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.connect(this.config.NATS_URL, 'notifier', [EARNINGS_STREAM]);
    const manager = await this.connection.nats.jetstreamManager();
    this.manager = manager;
    const { state } = await manager.streams.info(EARNINGS_STREAM.name);
    this.lastReadSeq = state.last_seq;
    // The whole stream: nats-server 2.9 filters on one subject only, and payouts, the rest of it, are few.
    const consumer = await this.connection.jetstream.consumers.get(EARNINGS_STREAM.name, {
      opt_start_seq: state.last_seq + 1,
    });
    // Started before the HTTP port opens, so every stream subscribes to a feed that is already running.
    this.messages = await consumer.consume({ callback: (message) => this.deliver(message) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messages?.close();
  }

  /**
   * Events in the stream that this instance has not read yet: the stream's last sequence (one JetStream API
   * request) minus the last one delivered here. Computed from the stream rather than from the ordered
   * consumer's own info, which would re-create the consumer if asked while it is being reset.
   */
  async pending(): Promise<number> {
    if (!this.manager) {
      throw new Error('the earnings feed has not started');
    }
    const { state } = await this.manager.streams.info(EARNINGS_STREAM.name);
    return Math.max(0, state.last_seq - this.lastReadSeq);
  }

  private deliver(message: JsMsg): void {
    this.lastReadSeq = message.seq;
    const credits = creditsIn(message.subject, message.string());
    if (!credits) {
      this.logger.warn(`skipping a malformed ${message.subject} event (stream seq ${message.seq})`);
      return;
    }
    for (const body of credits) {
      // Most credits go to users with no stream open here: they are skipped before the field-by-field check,
      // which costs more than the rest of the delivery (`npm run bench -- --profile`).
      if (typeof body.userId === 'number' && !this.hub.isWatched(body.userId)) {
        continue;
      }
      const credit = validEarningCredited(body);
      if (!credit) {
        this.logger.warn(`skipping a malformed credit in a ${message.subject} event (stream seq ${message.seq})`);
        continue;
      }
      this.hub.publish(credit.userId, creditEvent(credit));
    }
  }
}
