import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EARNINGS_STREAM, USERS_STREAM, type WebhookEventType } from '@app/contracts';
import { JetStreamConnection } from '@app/platform';
import type { ConsumerMessages, JsMsg } from 'nats';
import { NotifierConfig } from '../config';
import { WebhookDispatcher } from './webhook-dispatcher';
import { mayBeWanted, webhookEventsOf } from './webhook-events';
import { WebhookStore } from './webhook-store';

interface Arrival {
  stream: string;
  message: JsMsg;
}

/** The streams whose events become webhooks. */
const STREAMS = [EARNINGS_STREAM, USERS_STREAM] as const;

/** How long a message taken but not acknowledged waits before JetStream offers it again. */
const ACK_WAIT_MS = 30_000;
/** The pause before a message whose storing failed is offered again. */
const RETRY_DELAY_MS = 1_000;

/**
 * Reads every platform event from its stream through a durable consumer (one per stream, named by
 * WEBHOOK_CONSUMER): the notifier processes of a group share it, JetStream giving each message to one of
 * them. A message is acknowledged only once its event and deliveries are committed, so a SIGKILL or a broker
 * restart in between makes JetStream offer it again, and storing it again finds it already there.
 */
@Injectable()
export class WebhookIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookIntake.name);
  private readonly consumers: ConsumerMessages[] = [];
  /** Messages that arrived since the last batch was taken (see `arrive`). */
  private arrived: Arrival[] = [];

  constructor(
    private readonly connection: JetStreamConnection,
    private readonly store: WebhookStore,
    private readonly dispatcher: WebhookDispatcher,
    private readonly config: NotifierConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const stream of STREAMS) {
      this.consumers.push(
        await this.connection.consumeDurable(
          stream.name,
          this.config.WEBHOOK_CONSUMER,
          { ackWaitMs: ACK_WAIT_MS },
          (message) => this.arrive(stream.name, message),
        ),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((messages) => messages.close()));
  }

  /**
   * Messages arrive in pulls of many at once; those of one turn of the event loop are taken as a batch, with one
   * read of the types endpoints subscribe to. Most events of a shop without webhooks (or without one for their
   * type) are then acknowledged without being decoded or opening a transaction (`npm run bench -- --profile`).
   */
  private arrive(stream: string, message: JsMsg): void {
    if (this.arrived.push({ stream, message }) === 1) {
      setImmediate(() => void this.takeArrived());
    }
  }

  private async takeArrived(): Promise<void> {
    const batch = this.arrived;
    this.arrived = [];
    let subscribed: ReadonlySet<WebhookEventType>;
    try {
      subscribed = await this.store.subscribedTypes();
    } catch (error) {
      this.logger.warn(
        `Could not read the subscribed event types; ${batch.length} events will be offered again: ${String(error)}`,
      );
      batch.forEach(({ message }) => message.nak(RETRY_DELAY_MS));
      return;
    }
    for (const { stream, message } of batch) {
      if (mayBeWanted(message.subject, subscribed)) {
        void this.take(stream, message, subscribed);
      } else {
        message.ack();
      }
    }
  }

  private async take(stream: string, message: JsMsg, subscribed: ReadonlySet<WebhookEventType>): Promise<void> {
    const parts = webhookEventsOf(message.subject, message.string());
    if (!parts) {
      this.logger.warn(`Skipping a malformed ${message.subject} event (stream ${stream}, seq ${message.seq})`);
      message.term();
      return;
    }
    const wanted = parts.filter(({ event }) => subscribed.has(event.type));
    if (wanted.length === 0) {
      message.ack();
      return;
    }
    // The publisher's de-duplication id when it set one, so a republish after the broker's window is one event.
    const messageId = message.headers?.get('Nats-Msg-Id');
    const events = wanted.map(({ event, sourceId }) => ({
      sourceKey: `${stream}:${sourceId ?? (messageId ? messageId : `seq-${message.seq}`)}`,
      event,
    }));
    try {
      const deliveries = await this.store.recordEventsInOneTransaction(events);
      message.ack();
      if (deliveries > 0) {
        this.dispatcher.kick();
      }
    } catch (error) {
      const what = events.map(({ event, sourceKey }) => `${event.type} (${sourceKey})`).join(', ');
      this.logger.warn(`Could not store ${what}; it will be offered again: ${String(error)}`);
      message.nak(RETRY_DELAY_MS);
    }
  }
}
